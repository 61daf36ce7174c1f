/**
 * `--fix` writes the fixed files: the one place fixes touch the disk. Only files whose text a fix
 * changed are written, in the encoding they were read in (UTF-8 with or without BOM, UTF-16 with
 * its BOM), and only when the file still holds the text that was linted.
 */
import { promises as fs } from 'node:fs';
import { decode } from '../files.js';
import type { LintResult } from '../model.js';

export interface WriteOutcome {
  readonly written: string[];
  /** Files left alone (changed on disk while linted, or not writable), with the reason. */
  readonly skipped: string[];
}

function encode(text: string, original: Buffer): Buffer {
  if (original[0] === 0xff && original[1] === 0xfe) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (original[0] === 0xfe && original[1] === 0xff) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return Buffer.from(text, 'utf8');
}

/** Writes each result's `output`; `linted` maps a path to the text it was linted as. */
export async function writeFixes(results: readonly LintResult[], linted: ReadonlyMap<string, string>): Promise<WriteOutcome> {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const result of results) {
    if (result.output === undefined) continue;
    const bytes = await fs.readFile(result.filePath).catch(() => undefined);
    if (!bytes || decode(bytes) !== linted.get(result.filePath)) {
      skipped.push(`${result.filePath} changed while it was linted; not fixed`);
      continue;
    }
    try {
      await fs.writeFile(result.filePath, encode(result.output, bytes));
      written.push(result.filePath);
    } catch (error) {
      skipped.push(`cannot write ${result.filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; not fixed`);
    }
  }
  return { written, skipped };
}
