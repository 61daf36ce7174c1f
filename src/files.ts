/** Paths -> source files: folder discovery, ignore globs, size limit. Reads, never writes. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileIssue, type LoadIssue } from './load.js';
import type { SourceFile } from './model.js';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
const MANIFEST_GLOB = '**/*.{yaml,yml,json}';

export interface FileInput {
  /** A file or folder path, or inline text (stdin). */
  readonly path: string;
  readonly text?: string;
  readonly contextOnly?: boolean;
}

export interface ReadFiles {
  readonly files: SourceFile[];
  readonly issues: LoadIssue[];
  /** Usage problems: paths that do not exist. */
  readonly errors: string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  readonly ignorePatterns: readonly string[];
  readonly maxFileSize: number;
}

async function expand(input: FileInput, options: DiscoverOptions): Promise<string[] | string> {
  const absolute = path.resolve(options.cwd, input.path);
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (!stat) return `No such file or directory: ${input.path}`;
  if (!stat.isDirectory()) return [absolute];
  const { default: fg } = await import('fast-glob');
  const found = await fg(MANIFEST_GLOB, {
    cwd: absolute,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', ...options.ignorePatterns],
  });
  return found.sort();
}

function ignoredByPattern(file: string, options: DiscoverOptions): boolean {
  if (options.ignorePatterns.length === 0) return false;
  const relative = path.relative(options.cwd, file);
  return options.ignorePatterns.some((pattern) => path.matchesGlob?.(relative, pattern) ?? false);
}

export async function readInputs(inputs: readonly FileInput[], options: DiscoverOptions): Promise<ReadFiles> {
  const files: SourceFile[] = [];
  const issues: LoadIssue[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input.text !== undefined) {
      files.push({ path: input.path, text: input.text, contextOnly: input.contextOnly });
      continue;
    }
    const expanded = await expand(input, options);
    if (typeof expanded === 'string') {
      errors.push(expanded);
      continue;
    }
    for (const file of expanded) {
      if (seen.has(file) || ignoredByPattern(file, options)) continue;
      seen.add(file);
      files.push(await readOne(file, input.contextOnly, options, issues));
    }
  }
  return { files, issues, errors };
}

async function readOne(file: string, contextOnly: boolean | undefined, options: DiscoverOptions, issues: LoadIssue[]): Promise<SourceFile> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > options.maxFileSize) {
      const source = { path: file, text: '', contextOnly };
      issues.push(fileIssue(source, 'tooLarge', { size: stat.size, limit: options.maxFileSize }));
      return source;
    }
    return { path: file, text: await fs.readFile(file, 'utf8'), contextOnly };
  } catch (error) {
    const source = { path: file, text: '', contextOnly };
    issues.push(fileIssue(source, 'unreadable', { reason: error instanceof Error ? error.message : String(error) }));
    return source;
  }
}
