/** The lookups of the index that rules lean on instead of scanning the run. */
import { describe, expect, it } from 'vitest';
import { indexOf } from './helpers/index-of.js';
import { ResourceIndex } from '../src/resource-index.js';

const run = indexOf(`
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: blog}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec: {target: {name: db-credentials}}
`);

describe('ResourceIndex', () => {
  it('lists the objects of a kind per namespace, and cluster-scoped ones under the empty namespace', () => {
    expect(run.list('Service', 'shop').map((r) => r.name)).toEqual(['web', 'api']);
    expect(run.list('Service', 'other')).toEqual([]);
    expect(run.list('Namespace').map((r) => r.name)).toEqual(['shop']);
    expect(run.list('Namespace', '').map((r) => r.name)).toEqual(['shop']);
  });
  it('finds objects of a name in every namespace', () => {
    expect(run.named('Service', 'web').map((r) => r.namespace)).toEqual(['shop', 'blog']);
    expect(run.named('Service', 'db')).toEqual([]);
  });
  it('offers provided objects as candidates of their namespace', () => {
    expect(run.names('Secret', 'shop')).toEqual(['db-credentials']);
    expect(run.names('Secret', 'blog')).toEqual([]);
  });
  it('finds the definitions of an object by its kind, namespace and name, itself included', () => {
    const twice = indexOf('apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {}\n');
    const [first, second] = twice.resources;
    expect(twice.definitions(second)).toEqual([first, second]);
    expect(run.definitions(run.resources[0]).map((r) => r.namespace)).toEqual(['shop']);
  });
  it('finds providers, and none in a run that provides nothing', () => {
    expect(run.provider('Secret', 'shop', 'db-credentials')?.resource?.name).toBe('db');
    expect(run.provider('Secret', 'blog', 'db-credentials')).toBeUndefined();
    expect(indexOf('apiVersion: v1\nkind: Secret\nmetadata: {name: db-credentials, namespace: shop}\n').provider('Secret', 'shop', 'db-credentials')).toBeUndefined();
  });
  it('answers podTemplate for each object, asked in any order and again', () => {
    const mixed = indexOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {spec: {containers: [{name: a}]}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n');
    const [deployment, service] = mixed.resources;
    for (const [resource, owner] of [[deployment, deployment], [deployment, deployment], [service, undefined], [deployment, deployment], [service, undefined]] as const) {
      expect(mixed.podTemplate(resource)?.owner).toBe(owner);
    }
  });
  it('knows the objects defined more than once, by kind, namespace and name', () => {
    const twice = indexOf(['web', 'web', 'api', 'web'].map((name, i) => `apiVersion: v1\nkind: ${i === 3 ? 'ConfigMap' : 'Service'}\nmetadata: {name: ${name}, namespace: shop}\n`).join('---\n') +
      '---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: blog}\n');
    const [first, second] = twice.resources;
    expect([...twice.redefined()]).toEqual([first, second]);
    expect(twice.redefined()).toBe(twice.redefined());
    expect(run.redefined().size).toBe(0);
  });
  it('counts an object it could not index among the redefined (its identity is unknown)', () => {
    const [good, bad] = indexOf('apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: shop}\n').resources;
    const broken = Object.create(bad, { kind: { get: () => { throw new Error('unreadable'); } } }) as typeof bad;
    const errors: unknown[] = [];
    const index = new ResourceIndex([good, broken], 0, [], (_, error) => errors.push(error));
    expect(errors).toHaveLength(1);
    expect([...index.redefined()]).toEqual([broken]);
  });
  it('finds Services by their own labels, and none without labels', () => {
    const services = indexOf(['{app: web, tier: front}', '{app: web}', undefined, '[]'].map((labels, i) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}, namespace: shop${labels ? `, labels: ${labels}` : ''}}\n`).join('---\n'));
    expect(services.servicesLabelled({ app: 'web' }, 'shop').map((r) => r.name)).toEqual(['s0', 's1']);
    expect(services.servicesLabelled({ app: 'web', tier: 'front' }, 'shop').map((r) => r.name)).toEqual(['s0']);
    expect(services.servicesLabelled({ app: 'web' }, 'blog')).toEqual([]);
    expect(run.servicesLabelled({ app: 'web' }, 'shop')).toEqual([]);
  });
  it('builds a derived table once per run', () => {
    let builds = 0;
    const build = () => ({ count: ++builds });
    expect(run.derived('test.table', build)).toBe(run.derived('test.table', build));
    expect(builds).toBe(1);
  });
});
