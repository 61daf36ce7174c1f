/**
 * Reuse between runs over the same files (the language server lints on every keystroke): a file
 * whose text did not change keeps its `SourceFile` and its parsed documents, so a run re-parses
 * only the files that changed. The CLI, which runs once, never creates one.
 */
import { loadFile, type LoadResult } from './load.js';
import type { SourceFile } from './model.js';

export class LintCache {
  private readonly sources = new Map<string, SourceFile>();
  private readonly parsed = new WeakMap<SourceFile, LoadResult>();

  /** The source file for `path` with `text`: the previous run's object when nothing changed. */
  source(path: string, text: string, contextOnly: boolean | undefined): SourceFile {
    const known = this.sources.get(path);
    if (known && known.text === text && known.contextOnly === contextOnly) return known;
    const file: SourceFile = { path, text, contextOnly };
    this.sources.set(path, file);
    return file;
  }

  /** `loadFile(file)`, once per source file. */
  load(file: SourceFile): LoadResult {
    let result = this.parsed.get(file);
    if (!result) this.parsed.set(file, (result = loadFile(file)));
    return result;
  }

  /** Drops what is kept for `path` (the file was deleted). */
  forget(path: string): void {
    this.sources.delete(path);
  }
}
