/**
 * Positions for many files at once. Composing YAML documents is the dearest step when most files
 * have findings (~0.5 ms per Deployment), and files are independent: with enough of them, half go
 * to a worker thread while this thread does the other half. Any worker failure falls back to
 * resolving everything here, so the result never depends on the worker.
 */
import { Worker } from 'node:worker_threads';
import type { NodeRef, Range, SourceFile } from './model.js';
import type { ComposedFile } from './positions-compose.js';
import { PositionResolver } from './positions.js';

export interface PositionJob {
  readonly text: string;
  readonly refs: ReadonlyArray<Omit<NodeRef, 'file'>>;
}

/** A worker's answer per job: the ranges, or why that file failed. */
export type PositionReply = Range[] | { readonly error: string };

export interface Positions {
  /** Parallel to the refs; absent for refs of files that failed. */
  readonly ranges: Array<Range | undefined>;
  /** Files whose positions could not be resolved, with the error. */
  readonly failures: Map<SourceFile, unknown>;
}

/** Below this many files the worker's start-up (~0.1 s) costs more than it saves. */
const WORKER_THRESHOLD = 40;

/**
 * The ranges of `refs` in one file: by the light locator, or from documents composed with `yaml`
 * (loaded only then) for the refs it declines. `keep` receives the composed files.
 */
export async function resolveFile(file: SourceFile, refs: readonly NodeRef[], keep?: Map<SourceFile, ComposedFile>): Promise<Range[]> {
  const positions = new PositionResolver(file);
  const ranges = refs.map((ref) => positions.locate(ref));
  if (ranges.every((range) => range !== undefined)) return ranges as Range[];
  const { ComposedFile } = await import('./positions-compose.js');
  const composed = new ComposedFile(positions);
  keep?.set(file, composed);
  return ranges.map((range, i) => range ?? composed.resolve(refs[i]));
}

/** `keep` receives the documents composed in this thread (fixes reuse them). */
export async function resolveAll(refs: readonly NodeRef[], workers = true, keep?: Map<SourceFile, ComposedFile>): Promise<Positions> {
  const byFile = new Map<SourceFile, number[]>();
  refs.forEach((ref, i) => {
    const list = byFile.get(ref.file);
    if (list) list.push(i);
    else byFile.set(ref.file, [i]);
  });
  const ranges: Array<Range | undefined> = new Array(refs.length);
  const failures = new Map<SourceFile, unknown>();
  const resolveHere = async (files: readonly SourceFile[]) => {
    for (const file of files) {
      try {
        const indexes = byFile.get(file)!;
        const found = await resolveFile(file, indexes.map((i) => refs[i]), keep);
        indexes.forEach((i, k) => (ranges[i] = found[k]));
      } catch (error) {
        for (const i of byFile.get(file)!) ranges[i] = undefined;
        failures.set(file, error);
      }
    }
  };
  const files = [...byFile.keys()];
  const workerUrl = new URL('./positions-worker.js', import.meta.url);
  // Only the built package has the worker as JavaScript (tests run the TypeScript sources).
  if (!workers || files.length < WORKER_THRESHOLD || !import.meta.url.endsWith('.js')) {
    await resolveHere(files);
    return { ranges, failures };
  }
  const theirs = files.filter((_, i) => i % 2 === 1);
  const jobs: PositionJob[] = theirs.map((file) => ({
    text: file.text,
    refs: byFile.get(file)!.map((i) => ({ docIndex: refs[i].docIndex, path: refs[i].path, key: refs[i].key })),
  }));
  const reply = new Promise<PositionReply[]>((resolve, reject) => {
    const worker = new Worker(workerUrl);
    worker.once('message', (result: PositionReply[]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(jobs);
  });
  await resolveHere(files.filter((_, i) => i % 2 === 0));
  try {
    const answered = await reply;
    theirs.forEach((file, j) => {
      const answer = answered[j];
      if (Array.isArray(answer)) byFile.get(file)!.forEach((i, k) => (ranges[i] = answer[k]));
      else failures.set(file, new Error(answer.error));
    });
  } catch {
    await resolveHere(theirs);
  }
  return { ranges, failures };
}
