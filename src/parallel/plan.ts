/**
 * When a run uses a worker thread, and which files it gives it. Pure, so that the threshold logic is
 * tested without threads.
 */
import type { SourceFile } from '../model.js';

/** Below this many bytes of manifests, starting a worker (~100 ms to load and warm up) does not pay. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/** The worker's share of the bytes: it parses and checks those files while this thread does the rest. */
export const WORKER_SHARE = 0.5;

export interface PlanInput {
  readonly files: readonly SourceFile[];
  /** Total bytes of the run's files. */
  readonly bytes: number;
  /** `os.availableParallelism()`. */
  readonly cores: number;
  /** `K8S_LINT_THREADS` (undefined: not set). */
  readonly threads?: string;
  /** `K8S_LINT_WORKER_TEST` (tests): `force` (any size), `fail-start`, `crash`, `share=0.3`, comma-separated. */
  readonly test?: string;
  /** Runs that never use a worker: `--fix` passes, the language server's cache, frozen values, rendering. */
  readonly excluded: boolean;
}

export interface Plan {
  /** Indices of the files the worker checks (in run order). */
  readonly files: readonly number[];
  readonly fail?: 'start' | 'crash';
}

export function planWorker(input: PlanInput): Plan | undefined {
  const test = new Set((input.test ?? '').split(',').map((s) => s.trim()));
  const threads = input.threads === undefined || input.threads.trim() === '' ? undefined : Number(input.threads);
  if (input.excluded || threads === 1 || threads === 0) return undefined;
  const force = test.has('force');
  if (!force && (input.cores < 2 || input.bytes < WORKER_MIN_BYTES)) return undefined;
  const shareSetting = [...test].find((s) => s.startsWith('share='));
  const share = shareSetting ? Number(shareSetting.slice(6)) : WORKER_SHARE;
  const files: number[] = [];
  let taken = 0;
  for (let i = 0; i < input.files.length && taken < share * input.bytes; i++) {
    const file = input.files[i];
    // Files parsed in pieces (large ones) and context-only files stay here.
    if (file.contextOnly || file.pieces) continue;
    files.push(i);
    taken += file.size ?? file.text.length;
  }
  if (files.length === 0) return undefined;
  const fail = test.has('fail-start') ? 'start' : test.has('crash') ? 'crash' : undefined;
  return { files, ...(fail ? { fail } : {}) };
}
