/** Units: the shared objects each one sees, and the order of alternative folders. */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/model.js';
import { addResources, settleNamespaces, type Resource } from '../../src/resource.js';
import { assignUnits, withMissing } from '../../src/units/assign.js';
import { ResourceIndex } from '../../src/resource-index.js';
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

describe('assignUnits', () => {
  const cm = (name: string, data: string, ns = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { data } });
  const layouts: Array<[string, Resource[]]> = [
    ['one tree, every object defined once', [...objects('/repo/a/cm.yaml', cm('a', '1'), cm('b', '1')), ...objects('/repo/b/cm.yaml', cm('c', '1'))]],
    ['one tree, an object defined twice alike', [...objects('/repo/a/cm.yaml', cm('a', '1')), ...objects('/repo/b/cm.yaml', cm('a', '1'), cm('b', '1'))]],
    ['alternative folders, and a folder they share', [
      ...objects('/repo/aws/cm.yaml', cm('app', '1'), cm('aws', '1')),
      ...objects('/repo/gcp/cm.yaml', cm('app', '2')),
      ...objects('/repo/azure/cm.yaml', cm('app', '1'), cm('app', '3')),
      ...objects('/repo/base/cm.yaml', cm('base', '1')),
    ]],
    // `/ConfigMap|x|y|z` for both: different objects, one key, as partition has always compared them.
    ['a `|` in a namespace or name', [...objects('/repo/a/cm.yaml', cm('z', '1', 'x|y')), ...objects('/repo/b/cm.yaml', cm('y|z', '2', 'x'))]],
  ];

  it.each(layouts)('forms the same units comparing only the objects the index says are redefined: %s', (_, resources) => {
    const index = new ResourceIndex(resources);
    const all = assignUnits(resources, '/repo');
    const some = assignUnits(resources, '/repo', [], new Set(), index.redefined());
    expect(some.map((u) => [u.name, u.resources, u.indexed])).toEqual(all.map((u) => [u.name, u.resources, u.indexed]));
  });

  it('keeps a file’s objects together, in order, when its objects are not consecutive', () => {
    const [a1, a2] = objects('/repo/a/cm.yaml', cm('a1', '1'), cm('a2', '1'));
    const [b1] = objects('/repo/b/cm.yaml', cm('b1', '1'));
    const [c1, c2] = objects('/repo/c.yaml', cm('c1', '1'), cm('c2', '1'));
    const [d1] = objects('/repo/d.yaml', cm('d1', '1'));
    const order = (units: ReturnType<typeof assignUnits>) => units.map((u) => [u.name, u.resources.map((r) => r.name)]);
    expect(order(assignUnits([b1, a1, c1, b1, a2], '/repo'))).toEqual([['.', ['c1', 'a1', 'a2', 'b1', 'b1']]]);
    expect(order(assignUnits([c1, a1, d1, c2, a2], '/repo', [], new Set(['/repo/c.yaml', '/repo/d.yaml'])))).toEqual([
      ['files named on the command line', ['c1', 'd1', 'c2']],
      ['a', ['a1', 'a2']],
    ]);
  });

  it('tells the layouts apart (the cases above are not all one unit)', () => {
    const names = layouts.map(([, resources]) => assignUnits(resources, '/repo').map((u) => u.name));
    expect(names).toEqual([['.'], ['.'], ['aws', 'azure', 'gcp'], ['a', 'b']]);
  });
});
