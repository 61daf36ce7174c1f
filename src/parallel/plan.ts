/**
 * When a run uses a worker thread, and which files it gives it. Pure, so that the threshold logic is
 * tested without threads.
 */
import type { SourceFile } from '../model.js';

/** Below this many bytes of manifests, starting a worker (~100 ms to load and warm up) does not pay. */
export const WORKER_MIN_BYTES = 2 * 1024 * 1024;
/**
 * The worker's share of the bytes. All of them: it parses them again and runs the local rules while
 * this thread parses, indexes and runs the cross-resource rules, so this thread never compiles or
 * warms up the local rules (the cold cost of a run's first objects is most of theirs).
 */
export const WORKER_SHARE = 1;
/**
 * Cores a machine needs before runs use a worker unasked. A serial run already keeps about 1.7
 * cores busy (V8 collects garbage and compiles on threads of its own): on two cores a worker mostly
 * competes with them (measured: no gain at 10k objects). `K8S_LINT_THREADS=2` asks for one anyway.
 */
export const AUTO_MIN_CORES = 3;

export interface PlanInput {
  readonly files: readonly SourceFile[];
  /** Total bytes of the run's files. */
  readonly bytes: number;
  /** `os.availableParallelism()`. */
  readonly cores: number;
  /** `K8S_LINT_THREADS` (undefined: not set). */
  readonly threads?: string;
  /**
   * `K8S_LINT_WORKER_TEST` (tests), comma-separated: `force` (any size), `share=0.3`, and one of
   * `fail-start`, `crash` (after its first answers) or `late` (the worker starts once this thread
   * has taken a file back).
   */
  readonly test?: string;
  /** Runs that never use a worker: `--fix` passes, the language server's cache, frozen values, rendering. */
  readonly excluded: boolean;
}

export type WorkerTest = 'fail-start' | 'crash' | 'late';

export interface Plan {
  /** Indices of the files the worker checks (in run order). */
  readonly files: readonly number[];
  readonly test?: WorkerTest;
}

export function planWorker(input: PlanInput): Plan | undefined {
  const test = new Set((input.test ?? '').split(',').map((s) => s.trim()));
  const threads = input.threads === undefined || input.threads.trim() === '' ? undefined : Number(input.threads);
  if (input.excluded || threads === 1 || threads === 0) return undefined;
  const force = test.has('force');
  const asked = threads !== undefined && threads >= 2;
  if (!force && (input.cores < (asked ? 2 : AUTO_MIN_CORES) || input.bytes < WORKER_MIN_BYTES)) return undefined;
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
  const mode = (['fail-start', 'crash', 'late'] as const).find((m) => test.has(m));
  return { files, ...(mode ? { test: mode } : {}) };
}
