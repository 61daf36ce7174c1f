import { describe, expect, it } from 'vitest';
import { hasGrowthFlag, holdYoungGeneration, LARGE_RUN, restoreHeapDefaults, sizeHeapForRun, YOUNG_GROWTH_FROM } from '../src/cli-heap.js';

/** The flags a call sets, in order. */
function flagsSet(call: (set: (flag: string) => void) => void): string[] {
  const set: string[] = [];
  call((flag) => set.push(flag));
  return set;
}

describe('how the CLI sizes V8 for a run', () => {
  it('holds the young generation before reading, on the Node versions whose V8 has the flag', () => {
    expect(flagsSet((set) => holdYoungGeneration(set, 'v20.20.2'))).toEqual(['--semi-space-growth-factor=1']);
    expect(flagsSet((set) => holdYoungGeneration(set, 'v22.23.5'))).toEqual(['--semi-space-growth-factor=1']);
    expect(flagsSet((set) => holdYoungGeneration(set, 'v24.22.3'))).toEqual(['--semi-space-growth-factor=1']);
    // An unknown flag is an error message on stderr: other versions are left alone.
    expect(flagsSet((set) => holdYoungGeneration(set, 'v26.0.0'))).toEqual([]);
    expect(hasGrowthFlag('v18.20.0')).toBe(false);
    expect(hasGrowthFlag('v200.1.0')).toBe(false);
  });

  it('keeps it held for a small run, lets it grow from YOUNG_GROWTH_FROM, and favours memory past LARGE_RUN', () => {
    expect(flagsSet((set) => sizeHeapForRun(3 * 1024 * 1024, set, 'v20.20.2'))).toEqual([]);
    expect(flagsSet((set) => sizeHeapForRun(YOUNG_GROWTH_FROM - 1, set, 'v20.20.2'))).toEqual([]);
    expect(flagsSet((set) => sizeHeapForRun(YOUNG_GROWTH_FROM, set, 'v20.20.2'))).toEqual(['--semi-space-growth-factor=2']);
    expect(flagsSet((set) => sizeHeapForRun(LARGE_RUN + 1, set, 'v22.23.5'))).toEqual(['--semi-space-growth-factor=2', '--optimize-for-size']);
    // Where the growth flag is not known to exist, a large run still favours memory.
    expect(flagsSet((set) => sizeHeapForRun(LARGE_RUN + 1, set, 'v26.0.0'))).toEqual(['--optimize-for-size']);
  });

  it('restores V8\'s defaults once the run is over (a code cache is stamped with the flags)', () => {
    expect(flagsSet((set) => restoreHeapDefaults(set, 'v24.22.3'))).toEqual(['--semi-space-growth-factor=2', '--no-optimize-for-size']);
    expect(flagsSet((set) => restoreHeapDefaults(set, 'v26.0.0'))).toEqual(['--no-optimize-for-size']);
  });
});
