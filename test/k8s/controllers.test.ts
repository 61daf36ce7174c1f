import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import {
  customResourceScale, definitionPlace, firstUnmet, formatSelector, isEmptySelector, isHeadless, labelSelector, relativeTo,
  selectorMiss, servesScalableKind, templateNamedLike, templatesSelectedBy,
} from '../../src/k8s/controllers.js';

function indexOf(text: string, path = 'test.yaml') {
  const { documents } = loadFile({ path, text });
  return new ResourceIndex(toResources(documents, 'default'));
}

const run = indexOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web, tier: front}}, spec: {containers: [{name: a, image: nginx}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-canary, namespace: shop}
spec: {template: {metadata: {labels: {app: web, track: canary}}, spec: {containers: [{name: a, image: nginx}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: a, image: postgres}]}}}
`);

describe('labelSelector', () => {
  it('accepts what the API server accepts', () => {
    expect(labelSelector({})).toEqual({});
    expect(labelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] })).toBeDefined();
    expect(labelSelector({ matchExpressions: [{ key: 'x', operator: 'In', values: ['a'] }] })).toBeDefined();
  });
  it('rejects malformed selectors (validation owns them)', () => {
    expect(labelSelector('app=web')).toBeUndefined();
    expect(labelSelector({ matchExpressions: [{ key: 'x', operator: 'Equals', values: ['a'] }] })).toBeUndefined();
    expect(labelSelector({ matchExpressions: [{ key: 'x', operator: 'In', values: [] }] })).toBeUndefined();
    expect(labelSelector({ matchExpressions: [{ key: 'x', operator: 'Exists', values: ['a'] }] })).toBeUndefined();
    expect(labelSelector({ matchExpressions: {} })).toBeUndefined();
  });
  it('knows the empty selector', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchExpressions: [{ key: 'x', operator: 'Exists' }] })).toBe(false);
  });
});

describe('formatSelector', () => {
  it('writes every operator like kubectl does', () => {
    expect(formatSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'owner', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    })).toBe('app=web, tier in (a, b), track notin (canary), owner, !legacy');
  });
});

describe('selectors and pod templates', () => {
  it('selects templates of the namespace only', () => {
    expect(templatesSelectedBy(run, { matchLabels: { app: 'web' } }, 'shop').map((t) => t.owner.name)).toEqual(['web', 'web-canary']);
    expect(templatesSelectedBy(run, { matchLabels: { app: 'web' } }, 'data')).toEqual([]);
  });

  it('finds the first requirement a template fails', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(firstUnmet({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toEqual(['matchLabels', 'tier']);
    expect(firstUnmet({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'app', operator: 'NotIn', values: ['web'] }] }, labels))
      .toEqual(['matchExpressions', 1]);
    expect(firstUnmet({ matchLabels: { app: 'web' } }, labels)).toEqual([]);
  });

  it('is quiet when a template matches', () => {
    expect(selectorMiss(run, { matchExpressions: [{ key: 'track', operator: 'In', values: ['canary'] }] }, 'shop', '')).toBeUndefined();
  });

  it('names the template satisfying most of the selector, ties broken by name', () => {
    const miss = selectorMiss(run, { matchLabels: { app: 'web', track: 'stable' } }, 'shop', 'web-stable')!;
    expect(miss.closest?.owner.name).toBe('web-canary');
    expect(miss.path).toEqual(['matchLabels', 'track']);
    expect(miss.closestText).toBe('pods of Deployment `web-canary` are labelled `app=web, track=canary`');
    expect(selectorMiss(run, { matchLabels: { app: 'api' } }, 'shop', 'web')!.closest?.owner.name).toBe('web');
  });

  it('reports matches in other namespaces and empty namespaces', () => {
    const miss = selectorMiss(run, { matchLabels: { app: 'db' } }, 'shop', '')!;
    expect(miss.elsewhere?.owner.name).toBe('db');
    const empty = selectorMiss(run, { matchLabels: { app: 'db' } }, 'void', '')!;
    expect(empty).toMatchObject({ closest: undefined, path: [], closestText: 'namespace `void` has no pod templates' });
  });

  it('picks a template by name when there is no selector', () => {
    expect(templateNamedLike(run, 'shop', 'web-canary-pdb')?.owner.name).toBe('web-canary');
    expect(templateNamedLike(run, 'void', 'x')).toBeUndefined();
  });
});

describe('scale targets', () => {
  it('knows the group of each scalable kind', () => {
    expect(servesScalableKind('apps', 'Deployment', '1.35')).toBe(true);
    expect(servesScalableKind('', 'ReplicationController', '1.35')).toBe(true);
    expect(servesScalableKind('', 'Deployment', '1.35')).toBe(false);
    expect(servesScalableKind('apps', 'ReplicationController', '1.35')).toBe(false);
  });
  it('accepts extensions Deployments and ReplicaSets before 1.16 only', () => {
    expect(servesScalableKind('extensions', 'Deployment', '1.15')).toBe(true);
    expect(servesScalableKind('extensions', 'ReplicaSet', '1.15')).toBe(true);
    expect(servesScalableKind('extensions', 'StatefulSet', '1.15')).toBe(false);
    expect(servesScalableKind('extensions', 'Deployment', '1.16')).toBe(false);
  });
  it('reads the scale subresource of a CRD in both CRD versions', () => {
    const index = indexOf(`
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: rollouts.argoproj.io}
spec:
  group: argoproj.io
  names: {kind: Rollout, plural: rollouts}
  versions: [{name: v1alpha1, subresources: {scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}}}]
---
apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: pools.example.com}
spec:
  group: example.com
  names: {kind: Pool, plural: pools}
  subresources: {scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.size}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: jobs.example.com}
spec:
  group: example.com
  names: {kind: Batch, plural: batches}
  versions: [{name: v1, subresources: {status: {}}}]
`);
    expect(customResourceScale(index, 'argoproj.io', 'Rollout')?.scalable).toBe(true);
    expect(customResourceScale(index, 'example.com', 'Pool')?.scalable).toBe(true);
    expect(customResourceScale(index, 'example.com', 'Batch')).toMatchObject({ scalable: false });
    expect(customResourceScale(index, 'example.com', 'Other')).toBeUndefined();
  });
});

describe('isHeadless', () => {
  const services = indexOf(`
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: None}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {clusterIPs: [None]}
---
apiVersion: v1
kind: Service
metadata: {name: c}
spec: {clusterIP: 10.0.0.1}
---
apiVersion: v1
kind: Service
metadata: {name: d}
spec: {type: ExternalName, externalName: example.com, clusterIP: None}
`);
  it('needs clusterIP None and no ExternalName', () => {
    expect(services.resources.map((s) => [s.name, isHeadless(s)])).toEqual([['a', true], ['b', true], ['c', false], ['d', false]]);
  });
});

describe('definition places', () => {
  it('shortens paths by their shared directories', () => {
    expect(relativeTo('/repo/k8s/base/app.yaml', '/repo/k8s/overlay/app.yaml')).toBe('overlay/app.yaml');
    expect(relativeTo('/repo/k8s/app.yaml', '/repo/k8s/db.yaml')).toBe('db.yaml');
    expect(relativeTo('test.yaml', 'k8s/app.yaml')).toBe('k8s/app.yaml');
    expect(relativeTo('C:\\repo\\a.yaml', 'C:\\repo\\b\\c.yaml')).toBe('b/c.yaml');
  });
  it('counts documents and List items from 1', () => {
    const index = indexOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n');
    const [first, , second] = index.resources;
    expect(definitionPlace(first, second)).toBe('document 2, item 2 of this file');
    expect(definitionPlace(second, first)).toBe('document 1 of this file');
  });
});
