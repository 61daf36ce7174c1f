/** Types for scripts/fuzz/mutate.mjs (plain JavaScript, shared by the tests and `npm run fuzz`). */
import type { lint as Lint } from '../../src/engine.js';

export const PROTOTYPE_NAMES: readonly string[];
export const MEMBER_NAMES: readonly string[];

export interface Seed {
  readonly path: string;
  readonly text: string;
}

export interface Mutant {
  readonly index: number;
  /** The fixture it was made from. */
  readonly base: string;
  /** What was done to it, in order. */
  readonly steps: readonly string[];
  readonly text: string;
  /** Another fixture linted with it, unchanged. */
  readonly neighbour?: Seed;
}

export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(list: readonly T[]): T; chance(p: number): boolean };
export function fixtureSeeds(root: string): Seed[];
export function mutant(seeds: readonly Seed[], seed: number, index: number): Mutant;
export function checkMutant(lint: typeof Lint, mutant: Mutant, options?: { timeLimitMs?: number }): Promise<string | undefined>;
export function campaign(
  lint: typeof Lint,
  seeds: readonly Seed[],
  options: { seed: number; from?: number; to: number; timeLimitMs?: number; onFailure?: (mutant: Mutant, reason: string) => void; onProgress?: (done: number) => void },
): Promise<number>;
