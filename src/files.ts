/**
 * Paths -> source files: folder discovery, ignore globs, size limit, and Helm charts and
 * kustomizations found in folders (hinted and skipped rather than linted as raw templates).
 * Reads, never writes. Local files are read synchronously: the run has nothing else to do while it
 * reads, so a promise per stat, open, read and close only left the main thread idle.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { matchesPath } from './glob.js';
import { fileIssue, LARGE_FILE, type LoadIssue } from './load.js';
import type { SourceFile } from './model.js';
import { generatedObjects, projectSkips } from './projects.js';
import type { ExternalObject } from './resource-index.js';
import type { FoundProjects } from './units/index.js';
import type { Tools } from './units/tools.js';
import type { LintCache } from './lint-cache.js';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
const PIECE = 1024 * 1024;

/**
 * A file on disk, read when the run needs its text: just before it is parsed, then again (after
 * `release`) only for positions, comments and fixes of files with findings, so a run never holds
 * the texts of all its files. A large UTF-8 YAML file is parsed from pieces read in turn (`pieces`),
 * so its text is never held whole while parsing. A file that can no longer be read (removed or
 * made unreadable meanwhile) reads as empty, with the reason in `unreadable`.
 */
class DiskFile implements SourceFile {
  private cached: string | undefined;
  unreadable: string | undefined;
  readonly pieces?: () => Iterable<string>;

  constructor(readonly path: string, readonly size: number, readonly contextOnly: boolean | undefined, streamed: boolean) {
    if (streamed) this.pieces = () => readPieces(path);
  }

  get text(): string {
    if (this.cached !== undefined) return this.cached;
    try {
      this.cached = readText(this.path, this.size);
      this.unreadable = undefined;
    } catch (error) {
      this.cached = '';
      this.unreadable = error instanceof Error ? error.message : String(error);
    }
    return this.cached;
  }

  release(): void {
    this.cached = undefined;
  }
}

function* readPieces(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(PIECE);
    const decoder = new StringDecoder('utf8');
    for (let read = readSync(fd, buffer, 0, PIECE, null); read > 0; read = readSync(fd, buffer, 0, PIECE, null)) {
      yield decoder.write(buffer.subarray(0, read));
    }
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a large file can be parsed in pieces: UTF-8 (no UTF-16 byte-order mark),
 * text (no NUL near the start, where the loader looks for binary content) and YAML rather than one
 * JSON value.
 */
function streamable(file: string): boolean {
  if (file.endsWith('.json')) return false;
  const buffer = Buffer.alloc(8192);
  const fd = openSync(file, 'r');
  let head: Buffer;
  try {
    head = buffer.subarray(0, readSync(fd, buffer, 0, 8192, 0));
  } finally {
    closeSync(fd);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) return false;
  const first = head.toString('utf8').replace(/^\ufeff/, '').trimStart()[0];
  return first !== '{' && first !== '[';
}
const MANIFEST_NAME = /\.(?:yaml|yml|json)$/;

/**
 * Regular files named `*.yaml`, `*.yml` or `*.json` under `root`, in one walk: no hidden files or
 * folders, no `node_modules`, no symbolic links (the glob `**\/*.{yaml,yml,json}` without dot files
 * and without following links). In no particular order.
 */
function manifestsUnder(root: string): string[] {
  const out: string[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') folders.push(path.join(folder, entry.name));
      } else if (entry.isFile() && MANIFEST_NAME.test(entry.name)) {
        out.push(path.join(folder, entry.name));
      }
    }
  }
  return out;
}

export interface FileInput {
  /** A file or folder path, or inline text (stdin). */
  readonly path: string;
  readonly text?: string;
  /** `--context`: indexed, never reported on. */
  readonly contextOnly?: boolean;
}

export interface ReadFiles {
  readonly files: SourceFile[];
  readonly issues: LoadIssue[];
  /** Usage problems: paths that do not exist. */
  readonly errors: string[];
  /** One-line hints for stderr: Helm charts and kustomizations that were skipped. */
  readonly notices: string[];
  /** Objects a kustomization next to explicitly named files generates (configMapGenerator, ...). */
  readonly generated: ExternalObject[];
  /** Files named on the command line (and stdin), not found in a folder: they form one unit. */
  readonly explicit: ReadonlySet<string>;
  /** Charts and kustomizations to render (when `tools` were given), and the ones skipped. */
  readonly projects: FoundProjects;
}

export interface IgnoreGlobs {
  /** Folder the patterns are relative to. */
  readonly base: string;
  readonly patterns: readonly string[];
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** `--ignore-pattern`, relative to `cwd`. */
  readonly ignorePatterns: readonly string[];
  /** Configuration `ignore`, relative to the configuration file's folder. */
  readonly ignore?: IgnoreGlobs;
  readonly maxFileSize: number;
  /** Texts that replace files' contents on disk, by absolute path; a stdin input's by its path. */
  readonly overlay?: ReadonlyMap<string, string>;
  /** Called after each file is read, with the count so far. */
  readonly onFile?: (count: number) => void;
  /** helm and kustomize found: charts and kustomizations in folders are rendered, not skipped. */
  readonly tools?: Tools;
  /** Reuse the source files of earlier runs for unchanged inline texts (the language server). */
  readonly cache?: LintCache;
}

function ignored(file: string, options: DiscoverOptions): boolean {
  const globs: IgnoreGlobs[] = [{ base: options.cwd, patterns: options.ignorePatterns }, ...(options.ignore ? [options.ignore] : [])];
  return globs.some(({ base, patterns }) => {
    if (patterns.length === 0) return false;
    const relative = path.relative(base, file);
    return patterns.some((pattern) => matchesPath(relative, pattern));
  });
}

async function expand(input: FileInput, options: DiscoverOptions, projectsSoFar: FoundProjects): Promise<string[] | string> {
  const absolute = path.resolve(options.cwd, input.path);
  const stat = statOrUndefined(absolute);
  if (!stat) return `No such file or directory: ${input.path}`;
  if (!stat.isDirectory()) return [absolute];
  const kept = manifestsUnder(absolute).filter((file) => !ignored(file, options)).sort();
  // A chart's templates/ folder named directly is still a chart's.
  const chart = path.basename(absolute) === 'templates' ? path.join(path.dirname(absolute), 'Chart.yaml') : undefined;
  const candidates = chart && statOrUndefined(chart) ? [chart, ...kept] : kept;
  if (options.tools && (options.tools.helm || options.tools.kustomize)) {
    const { findProjects } = await import('./units/index.js');
    const projects = await findProjects(candidates, options.tools);
    if (!input.contextOnly) {
      projectsSoFar.charts.push(...projects.charts.filter((c) => !projectsSoFar.charts.some((f) => f.dir === c.dir)));
      projectsSoFar.kustomizations.push(...projects.kustomizations.filter((k) => !projectsSoFar.kustomizations.some((f) => f.dir === k.dir)));
      for (const [dir, k] of projects.allKustomizations) projectsSoFar.allKustomizations.set(dir, k);
      projectsSoFar.skips.push(...projects.skips);
    }
    return kept.filter((file) => !projects.covers(file));
  }
  const projects = await projectSkips(candidates);
  if (!input.contextOnly) projectsSoFar.skips.push(...projects);
  return kept.filter((file) => !projects.some((p) => p.covers(file)));
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

export async function readInputs(inputs: readonly FileInput[], options: DiscoverOptions): Promise<ReadFiles> {
  const files: SourceFile[] = [];
  const issues: LoadIssue[] = [];
  const errors: string[] = [];
  const found: FoundProjects = { charts: [], kustomizations: [], allKustomizations: new Map(), skips: [] };
  const explicit: string[] = [];
  const named = new Set<string>();
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input.text !== undefined) {
      // stdin obeys the same size limit as files: over it, report and do not parse.
      const given = options.overlay?.get(input.path) ?? input.text;
      const tooLarge = given.length > options.maxFileSize;
      const text = tooLarge ? '' : given;
      const source = options.cache?.source(input.path, text, input.contextOnly) ?? { path: input.path, text, contextOnly: input.contextOnly };
      if (tooLarge) issues.push(fileIssue(source, 'tooLarge', { size: Buffer.byteLength(given), limit: options.maxFileSize }));
      files.push(source);
      if (!input.contextOnly) named.add(source.path);
      continue;
    }
    const expanded = await expand(input, options, found);
    if (typeof expanded === 'string') {
      errors.push(expanded);
      continue;
    }
    if (expanded.length === 1 && expanded[0] === path.resolve(options.cwd, input.path)) {
      explicit.push(expanded[0]);
      if (!input.contextOnly) named.add(expanded[0]);
    }
    for (const file of expanded) {
      if (seen.has(file) || ignored(file, options)) continue;
      seen.add(file);
      files.push(readOne(file, input.contextOnly, options, issues));
      options.onFile?.(files.length);
    }
  }
  const notices = [...new Set(found.skips.map((skip) => skip.notice(options.cwd)))];
  return { files, issues, errors, notices, generated: await generatedObjects(explicit), explicit: named, projects: found };
}

function readOne(file: string, contextOnly: boolean | undefined, options: DiscoverOptions, issues: LoadIssue[]): SourceFile {
  const overlaid = options.overlay?.get(file);
  if (overlaid !== undefined) return { path: file, text: overlaid, contextOnly };
  try {
    const stat = statSync(file);
    const { size } = stat;
    if (size > options.maxFileSize) {
      const source = { path: file, text: '', contextOnly };
      issues.push(fileIssue(source, 'tooLarge', { size, limit: options.maxFileSize }));
      return source;
    }
    if (size >= LARGE_FILE) return new DiskFile(file, size, contextOnly, streamable(file));
    // Read when parsed. A pipe or special file (no size) can be read once only: read it now.
    if (size > 0 && stat.isFile()) return new DiskFile(file, size, contextOnly, false);
    return { path: file, text: decode(readFileSync(file)), contextOnly };
  } catch (error) {
    const source = { path: file, text: '', contextOnly };
    issues.push(fileIssue(source, 'unreadable', { reason: error instanceof Error ? error.message : String(error) }));
    return source;
  }
}

/** The buffer files are read into, grown as needed: a run reads thousands of files, and a buffer each is garbage. */
let scratch = Buffer.alloc(0);

/** The text of a file (see `decode`) of `size` bytes when it was found: in one read while it still is. */
function readText(file: string, size: number): string {
  if (size >= LARGE_FILE) return decode(readFileSync(file));
  const fd = openSync(file, 'r');
  try {
    if (scratch.length <= size) scratch = Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
    const length = readSync(fd, scratch, 0, size + 1, null);
    if (length <= size) return decode(scratch.subarray(0, length));
    // The file grew since it was found: the rest too.
    return decode(Buffer.concat([scratch.subarray(0, length), readFileSync(fd)]));
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 unless a byte-order mark says UTF-16 (editors on Windows write it; kubectl reads it). */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}
