/**
 * How the CLI sizes V8's heap for a run (the engine never does: a library leaves its host's heap
 * alone). Both settings are V8 flags that V8 reads while it runs, set through `node:v8`, which loads
 * only for a run that changes one (it pulls in streams).
 *
 * - The young generation. V8 starts it at 1 MB and doubles it, up to 16 MB per semi-space, each
 *   time as much as it holds has survived a scavenge, which a linter's objects all do. On a run of a
 *   few MB the doubling costs more than it saves: every new page is a page fault (a few µs each in a
 *   VM) and the scavenger's working set leaves the CPU caches. `npm run bench`, Node 20, 2 cores:
 *   with the young generation held at its start size, 10k objects (3.4 MB) took 0.93x the time,
 *   20k 0.96x, 30k (10 MB) 1.00x and 50k (17 MB) 1.03x, 100k 1.11x, 1k (0.3 MB) 1.00x; so it is
 *   held, once the run knows its size, from HOLD_FROM to YOUNG_GROWTH_FROM. (Node 22: 0.95x at
 *   10k; Node 24: 0.98x.)
 * - A run of more than LARGE_RUN holds hundreds of MB of objects, and V8 would let its heap grow
 *   to twice that: it is told to favour memory over speed.
 *
 * Both are undone when the run is over (restoreHeapDefaults).
 */
import { createRequire } from 'node:module';

/** Input from which the young generation is held (below it, the hold makes no difference). */
export const HOLD_FROM = 1024 * 1024;
/** Input from which the young generation may grow as V8 likes (see above). */
export const YOUNG_GROWTH_FROM = 8 * 1024 * 1024;
/** Input from which V8 favours memory over speed. */
export const LARGE_RUN = 48 * 1024 * 1024;

/** Node versions whose V8 has `--semi-space-growth-factor` (checked with `node --v8-options`). */
export function hasGrowthFlag(version: string): boolean {
  return /^v(?:20|22|24)\./.test(version);
}

/** V8's `--semi-space-growth-factor` by default. */
const DEFAULT_GROWTH = 2;

export type SetFlag = (flag: string) => void;

const setV8Flag: SetFlag = (flag) => (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);

/** The flags this process changed from V8's defaults, to undo. */
export interface HeapSettings {
  held: boolean;
  forSize: boolean;
}

const current: HeapSettings = { held: false, forSize: false };

/**
 * Once the run knows how many bytes it will parse (the engine's `onRunSize`), before it parses.
 * The growth flag only where V8 is known to have it: it prints an error for one it does not know.
 */
export function sizeHeapForRun(bytes: number, setFlag: SetFlag = setV8Flag, version = process.version, settings = current): void {
  if (bytes >= HOLD_FROM && bytes < YOUNG_GROWTH_FROM && hasGrowthFlag(version)) {
    setFlag('--semi-space-growth-factor=1');
    settings.held = true;
  }
  if (bytes > LARGE_RUN) {
    setFlag('--optimize-for-size');
    settings.forSize = true;
  }
}

/**
 * Once the run is over: V8's defaults again. V8 stamps a code cache with a hash of its flags and
 * rejects one stamped with other flags than the process has, so bin/code-cache.js, which writes the
 * cache at exit, must see the flags the next run starts with (else every run would compile the core
 * anew and write the cache again).
 */
export function restoreHeapDefaults(setFlag: SetFlag = setV8Flag, settings = current): void {
  if (settings.held) setFlag(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
  if (settings.forSize) setFlag('--no-optimize-for-size');
  settings.held = false;
  settings.forSize = false;
}
