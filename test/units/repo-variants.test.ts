/** Plain repositories: variants are alternative units, tool configuration is not an object. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import { partition } from '../../src/units/partition.js';
import { ROOT } from '../helpers/test-rule.js';

const REPO = path.join(ROOT, 'fixtures', 'e2e', 'repo-variants');
const NOISE = new Set(['duplicate-object', 'unknown-kind', 'invalid-object-name']);

describe('a repository of variants', () => {
  it('reports no duplicate, unknown kind or invalid name, except a real duplicate in one folder', async () => {
    const output = await lint([{ path: REPO }], { cwd: REPO });
    const noise = output.results.flatMap((r) => r.messages.filter((m) => NOISE.has(m.ruleId)).map((m) => `${path.relative(REPO, r.filePath)}:${m.line} ${m.ruleId}`));
    expect(noise).toEqual(['app/settings-us.yaml:4 duplicate-object', 'app/settings.yaml:4 duplicate-object']);
    expect(output.results.flatMap((r) => r.messages).filter((m) => m.severity === 2)).toHaveLength(2);
    expect(output.units).toEqual(['demo + provider/aws', 'demo/manifests + provider/gcp']);
  });

  it('groups files the configuration names into one unit (`units: [{name, files}]`)', async () => {
    const render = { mode: 'off' as const, searchPath: '', fileUnits: [{ name: 'every provider', files: ['provider/**'], base: REPO }] };
    const output = await lint([{ path: REPO }], { cwd: REPO, render });
    expect(output.units).toContain('every provider');
    const duplicates = output.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'duplicate-object').map((m) => `${path.relative(REPO, r.filePath)} ${m.unit}`));
    expect(duplicates).toEqual(expect.arrayContaining(['provider/aws/deploy.yaml every provider', 'provider/gcp/deploy.yaml every provider']));
  });

  it('lints one explicit file as a unit of its own', async () => {
    const output = await lint([{ path: 'provider/gcp/deploy.yaml' }], { cwd: REPO });
    expect(output.units).toEqual(['provider/gcp/deploy.yaml']);
    // Alone, the file's Deployment reads a ConfigMap that only the whole tree defines.
    expect(output.results[0].messages.map((m) => m.ruleId)).toContain('missing-configmap');
  });
});

describe('partition', () => {
  const file = (p: string, ...objects: Array<[string, unknown]>) => ({ path: p, objects: objects.map(([key, value]) => ({ key, value })) });

  it('keeps a tree whose parts agree as one unit', () => {
    expect(partition([file('/r/a/x.yaml', ['k|ns|a', 1]), file('/r/b/y.yaml', ['k|ns|a', 1])])).toEqual([{ name: '.', files: ['/r/a/x.yaml', '/r/b/y.yaml'] }]);
  });

  it('splits parts that define an object differently, and shares the rest with each', () => {
    const units = partition([file('/r/aws/x.yaml', ['k|ns|a', 1]), file('/r/gcp/x.yaml', ['k|ns|a', 2]), file('/r/common/ns.yaml', ['ns||shop', 0])]);
    expect(units).toEqual([
      { name: 'aws', files: ['/r/aws/x.yaml', '/r/common/ns.yaml'] },
      { name: 'gcp', files: ['/r/gcp/x.yaml', '/r/common/ns.yaml'] },
    ]);
  });

  it('compares only the parts that define an object, each pair once', () => {
    const units = partition([
      file('/r/a/x.yaml', ['k|ns|a', { v: 1 }]), file('/r/b/x.yaml', ['k|ns|a', { v: 1 }]),
      file('/r/c/x.yaml', ['k|ns|a', { v: 2 }], ['k|ns|c', 0]), file('/r/d/x.yaml', ['k|ns|d', 0]),
    ]);
    expect(units).toEqual([
      { name: 'a + b', files: ['/r/a/x.yaml', '/r/b/x.yaml', '/r/d/x.yaml'] },
      { name: 'c', files: ['/r/c/x.yaml', '/r/d/x.yaml'] },
    ]);
  });

  it("never splits a folder's own files", () => {
    expect(partition([file('/r/a.yaml', ['k|ns|a', 1]), file('/r/b.yaml', ['k|ns|a', 2])])).toEqual([{ name: '.', files: ['/r/a.yaml', '/r/b.yaml'] }]);
  });
});
