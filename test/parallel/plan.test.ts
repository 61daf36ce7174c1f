/** When a run uses a worker thread, and which files it gets (src/parallel/plan.ts). */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/model.js';
import { AUTO_MIN_CORES, planWorker, WORKER_MIN_BYTES, type PlanInput } from '../../src/parallel/plan.js';

const MB = 1024 * 1024;

function files(...sizes: number[]): SourceFile[] {
  return sizes.map((size, i) => ({ path: `/m/${i}.yaml`, text: '', size }));
}

function plan(overrides: Partial<PlanInput> & { files: SourceFile[] }) {
  const bytes = overrides.files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  return planWorker({ bytes, cores: 4, excluded: false, ...overrides });
}

describe('planWorker', () => {
  it('gives a large run\'s files to a worker, or the first ones for a share of the bytes', () => {
    expect(plan({ files: files(MB, MB, MB, MB) })).toEqual({ files: [0, 1, 2, 3] });
    expect(plan({ files: files(MB, MB, MB, MB), test: 'share=0.5' })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(3 * MB, MB / 2, MB / 2), test: 'share=0.5' })).toEqual({ files: [0] });
  });

  it('keeps small runs, one-core machines and excluded runs in this thread', () => {
    expect(plan({ files: files(WORKER_MIN_BYTES / 2, WORKER_MIN_BYTES / 2 - 1) })).toBeUndefined();
    expect(plan({ files: files(WORKER_MIN_BYTES / 2, WORKER_MIN_BYTES / 2) })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(2 * MB, 2 * MB), cores: 1 })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), cores: AUTO_MIN_CORES - 1 })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), cores: AUTO_MIN_CORES })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(2 * MB, 2 * MB), excluded: true })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), test: 'force', excluded: true })).toBeUndefined();
  });

  it('obeys K8S_LINT_THREADS', () => {
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '1' })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '0' })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '1', test: 'force' })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '2' })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '2', cores: 2 })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '2', cores: 1 })).toBeUndefined();
    expect(plan({ files: files(2 * MB, 2 * MB), threads: '' })).toEqual({ files: [0, 1] });
  });

  it('leaves context-only files and files parsed in pieces to this thread', () => {
    const input = files(MB, MB, MB, MB);
    const mixed = [{ ...input[0], contextOnly: true }, { ...input[1], pieces: () => [] }, input[2], input[3]];
    expect(plan({ files: mixed })).toEqual({ files: [2, 3] });
    expect(plan({ files: [mixed[0], mixed[1]], test: 'force' })).toBeUndefined();
  });

  it('takes test settings: any size, another share, a failing worker', () => {
    expect(plan({ files: files(10, 10), test: 'force' })).toEqual({ files: [0, 1] });
    expect(plan({ files: files(10, 10, 10, 10), test: 'force,share=0.25' })).toEqual({ files: [0] });
    expect(plan({ files: files(10, 10), test: 'force,fail-start' })).toEqual({ files: [0, 1], test: 'fail-start' });
    expect(plan({ files: files(10, 10), test: 'force, crash' })).toEqual({ files: [0, 1], test: 'crash' });
    expect(plan({ files: files(10, 10), test: 'force,late' })).toEqual({ files: [0, 1], test: 'late' });
  });
});
