/** Units: the shared objects each one sees, and the order of alternative folders. */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/model.js';
import { addResources, settleNamespaces, type Resource } from '../../src/resource.js';
import { withMissing } from '../../src/units/assign.js';
import { partition } from '../../src/units/partition.js';

function objects(path: string, ...values: object[]): Resource[] {
  const file = { path, text: '' } as SourceFile;
  const out: Resource[] = [];
  values.forEach((value, docIndex) => addResources(out, { file, docIndex, value } as Parameters<typeof addResources>[1]));
  settleNamespaces(out, 'default');
  return out;
}

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('withMissing', () => {
  it('adds the candidates a unit does not define, once each', () => {
    const own = objects('a.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop' } });
    const shared = objects('ns.yaml', namespace('shop'), namespace('shop'), namespace('web'));
    expect(withMissing(own, shared).map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/shop', 'Namespace/shop', 'Namespace/web']);
  });

  it('keeps the unit’s own definition of a candidate, and only of the same kind and name', () => {
    const own = objects('a.yaml', namespace('shop'), { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } });
    const shared = objects('ns.yaml', namespace('shop'), namespace('web'));
    const result = withMissing(own, shared);
    expect(result.map((r) => `${r.kind}/${r.name}`)).toEqual(['Namespace/shop', 'Deployment/web', 'Namespace/web']);
    expect(result[0]).toBe(own[0]);
  });

  it('returns the unit itself when every candidate is its own', () => {
    const own = objects('a.yaml', namespace('shop'));
    expect(withMissing(own, objects('ns.yaml', namespace('shop')))).toBe(own);
    expect(withMissing(own, [])).toBe(own);
  });
});

describe('partition', () => {
  const file = (folder: string, data: string) => ({ path: `/repo/${folder}/cm.yaml`, objects: [{ key: '/ConfigMap|default|app', value: { data } }] });

  it('orders alternative folders by code unit, whatever the user’s locale', () => {
    // ICU collation (localeCompare) would give `_a`, `b`, `B`.
    const units = partition([file('b', '1'), file('_a', '2'), file('B', '3')], '/repo');
    expect(units.map((u) => u.name)).toEqual(['B', '_a', 'b']);
  });
});
