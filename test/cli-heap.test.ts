import { describe, expect, it } from 'vitest';
import { hasGrowthFlag, HOLD_FROM, LARGE_RUN, restoreHeapDefaults, sizeHeapForRun, YOUNG_GROWTH_FROM, type HeapSettings } from '../src/cli-heap.js';

/** The flags a run of `bytes` sets on `version`, then those its end sets to undo them. */
function flagsOf(bytes: number, version: string): { run: string[]; restore: string[] } {
  const settings: HeapSettings = { held: false, forSize: false };
  const run: string[] = [];
  const restore: string[] = [];
  sizeHeapForRun(bytes, (flag) => run.push(flag), version, settings);
  restoreHeapDefaults((flag) => restore.push(flag), settings);
  return { run, restore };
}

describe('how the CLI sizes V8 for a run', () => {
  it('leaves V8 alone for a small run (node:v8 is not even loaded)', () => {
    expect(flagsOf(0, 'v20.20.2')).toEqual({ run: [], restore: [] });
    expect(flagsOf(HOLD_FROM - 1, 'v20.20.2')).toEqual({ run: [], restore: [] });
  });

  it('holds the young generation from HOLD_FROM to YOUNG_GROWTH_FROM, and restores the default after', () => {
    for (const version of ['v20.20.2', 'v22.23.5', 'v24.22.3']) {
      expect(flagsOf(HOLD_FROM, version)).toEqual({ run: ['--semi-space-growth-factor=1'], restore: ['--semi-space-growth-factor=2'] });
      expect(flagsOf(YOUNG_GROWTH_FROM - 1, version)).toEqual({ run: ['--semi-space-growth-factor=1'], restore: ['--semi-space-growth-factor=2'] });
    }
    expect(flagsOf(YOUNG_GROWTH_FROM, 'v20.20.2')).toEqual({ run: [], restore: [] });
  });

  it('holds nothing on Node versions whose V8 is not known to have the flag (V8 prints an error for an unknown one)', () => {
    expect(flagsOf(3 * 1024 * 1024, 'v26.0.0')).toEqual({ run: [], restore: [] });
    expect(hasGrowthFlag('v18.20.0')).toBe(false);
    expect(hasGrowthFlag('v200.1.0')).toBe(false);
  });

  it('favours memory past LARGE_RUN on any version, and undoes it (a code cache is stamped with the flags)', () => {
    expect(flagsOf(LARGE_RUN + 1, 'v22.23.5')).toEqual({ run: ['--optimize-for-size'], restore: ['--no-optimize-for-size'] });
    expect(flagsOf(LARGE_RUN + 1, 'v26.0.0')).toEqual({ run: ['--optimize-for-size'], restore: ['--no-optimize-for-size'] });
  });
});
