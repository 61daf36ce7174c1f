/** The memos of pure string functions: same answers as a fresh computation, bounded, never shared for mutation. */
import { describe, expect, it } from 'vitest';
import { PairMemo, RecentMemo, StringMemo } from '../../src/k8s/memo.js';
import { parseImageReference } from '../../src/k8s/image-reference.js';
import { parseQuantity } from '../../src/k8s/quantity.js';
import { containerPorts, podTemplateOf, volumeUsers } from '../../src/k8s/pod-template.js';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { resolveVersion, versionsServing } from '../../src/schemas.js';
import { effectiveContainers } from '../../src/k8s/resources.js';
import { podReferences } from '../../src/k8s/references.js';
import { ingressBackends } from '../../src/k8s/ingress.js';
import { indexOf } from '../helpers/index-of.js';
import type { Container } from 'kubernetes-types/core/v1.js';

describe('StringMemo and PairMemo', () => {
  it('keep values until the limit, then start over', () => {
    const memo = new StringMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    expect([memo.get('a'), memo.get('b')]).toEqual([1, 2]);
    expect(memo.set('c', 3)).toBe(3);
    expect([memo.get('a'), memo.get('c')]).toEqual([undefined, 3]);
    const pairs = new PairMemo<string>(2);
    pairs.set('v1', 'Service', 's');
    pairs.set('v1', 'Service', 's2');
    pairs.set('apps/v1', 'Deployment', 'd');
    expect([pairs.get('v1', 'Service'), pairs.get('apps/v1', 'Deployment'), pairs.get('v1', 'Deployment')]).toEqual(['s2', 'd', undefined]);
    pairs.set('v1', 'Pod', 'p');
    expect([pairs.get('v1', 'Service'), pairs.get('v1', 'Pod')]).toEqual([undefined, 'p']);
  });
});

describe('memoised parsers', () => {
  it('parseQuantity answers a repeated string as the first time, with a copy', () => {
    for (const text of ['100m', '128Mi', '1.5Gi', '512mb', ' 2 Gi', 'abc', '1e3', '']) {
      const first = parseQuantity(text);
      (first as { ok: boolean }).ok = !first.ok; // a caller's change does not reach the memo
      const again = parseQuantity(text);
      expect(again.ok).toBe(!first.ok);
      expect(parseQuantity(text)).toEqual(again);
    }
  });

  it('parseImageReference keeps the suggestion of a name first parsed as a suggestion', () => {
    // ` Nginx:1.27` suggests its trimmed form only if that is valid: `Nginx:1.27` is parsed without suggestions then.
    const spaced = parseImageReference(' Nginx:1.27');
    expect(spaced.ok === false && spaced.suggestion).toBe(undefined);
    expect(parseImageReference('Nginx:1.27')).toMatchObject({ ok: false, suggestion: 'nginx:1.27' });
    const first = parseImageReference('ghcr.io/acme/web:1.0');
    if (first.ok) first.reference.tag = 'changed';
    expect(parseImageReference('ghcr.io/acme/web:1.0')).toEqual({ ok: true, reference: { domain: 'ghcr.io', path: 'acme/web', tag: '1.0' } });
  });
});

describe('containerPorts', () => {
  it('reads the ports as the API server stores them and hands out a list of its own', () => {
    const container = Object.freeze({ name: 'web', ports: Object.freeze([Object.freeze({ name: 'http', containerPort: 8080 }), Object.freeze({ containerPort: 53, protocol: 'UDP' }), 'junk']) }) as unknown as Container;
    const expected = [
      { name: 'http', containerPort: 8080, hostPort: undefined, hostIP: undefined, protocol: 'TCP', index: 0 },
      { name: undefined, containerPort: 53, hostPort: undefined, hostIP: undefined, protocol: 'UDP', index: 1 },
    ];
    const first = containerPorts(container);
    expect(first).toEqual(expected);
    first.pop();
    expect(containerPorts(container)).toEqual(expected);
    expect(containerPorts({ name: 'none' })).toEqual([]);
  });
});

describe('volumeUsers', () => {
  it('maps each volume to the containers that mount it, in order, each once', () => {
    const [resource] = toResources(loadFile({ path: 'pod.yaml', text: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ns}
spec:
  initContainers:
    - {name: init, volumeDevices: [{name: disk, devicePath: /dev/xvda}]}
  containers:
    - name: a
      volumeMounts: [{name: data, mountPath: /a}, {name: data, mountPath: /b}, {name: 7, mountPath: /c}]
    - {name: b, volumeMounts: [{name: config, mountPath: /c}, {name: data, mountPath: /d}]}
` }).documents, 'default');
    const template = podTemplateOf(resource)!;
    const users = volumeUsers(template);
    const names = (volume: string) => users.get(volume)?.map((r) => r.container.name);
    expect([names('data'), names('config'), names('disk'), names('7')]).toEqual([['a', 'b'], ['b'], ['init'], undefined]);
  });
});

describe('resolveVersion and versionsServing', () => {
  it('answer repeated questions as the first time', () => {
    for (let round = 0; round < 2; round++) {
      expect([resolveVersion('v1.30.4'), resolveVersion(' 1.35 '), resolveVersion('9.99'), resolveVersion('nonsense')]).toEqual(['1.30', '1.35', undefined, undefined]);
      const served = versionsServing('batch/v1beta1', 'CronJob');
      expect(served).toEqual(['1.23', '1.24']);
      served.push('changed');
    }
  });
});

describe('effectiveContainers', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: nginx, resources: {limits: {memory: 256Mi}}}
`;
  const limitRange = `---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits: [{type: Container, default: {cpu: 500m}, defaultRequest: {cpu: 100m}}]
`;
  const summary = (containers: ReturnType<typeof effectiveContainers>) =>
    containers.map((c) => ({ name: c.name, requests: Object.fromEntries([...c.requests].map(([k, a]) => [k, `${a.text} ${a.source}`])), limits: [...c.limits.keys()] }));

  it('answers a template again as the first time, for its own index only', () => {
    const index = indexOf(deployment + limitRange);
    const template = index.podTemplate(index.get('Deployment', 'shop', 'web')!)!;
    const first = effectiveContainers(index, template);
    expect(summary(first)).toEqual([{ name: 'web', requests: { memory: '256Mi limit', cpu: '100m default' }, limits: ['memory', 'cpu'] }]);
    first.pop();
    expect(summary(effectiveContainers(index, template))).toEqual(summary(effectiveContainers(indexOf(deployment + limitRange), template)));
    // The same template asked about with an index without the LimitRange: no defaults.
    expect(summary(effectiveContainers(indexOf(deployment), template))).toEqual([{ name: 'web', requests: { memory: '256Mi limit' }, limits: ['memory'] }]);
    expect(summary(effectiveContainers(index, template))[0].limits).toEqual(['memory', 'cpu']);
  });
});

describe('RecentMemo', () => {
  it('answers its last keys by identity and forgets older ones', () => {
    const [a, b, c, twinOfA] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'a' }];
    const one = new RecentMemo<object, string>();
    expect(one.set(a, 'A')).toBe('A');
    expect([one.get(a), one.get(twinOfA)]).toEqual(['A', undefined]);
    one.set(b, 'B');
    expect([one.get(a), one.get(b)]).toEqual([undefined, 'B']);
    const two = new RecentMemo<object, string>(2);
    two.set(a, 'A');
    two.set(b, 'B');
    expect([two.get(a), two.get(b)]).toEqual(['A', 'B']);
    two.set(c, 'C'); // replaces the oldest
    expect([two.get(a), two.get(b), two.get(c)]).toEqual([undefined, 'B', 'C']);
  });
});

/** Own-object memos keep only the last object: asking about objects in turn, and back, never answers for another. */
describe('facts of the last object asked about', () => {
  const workloads = indexOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: a
          image: a
          envFrom: [{configMapRef: {name: a-config}}]
          resources: {requests: {cpu: 100m}}
          ports: [{name: http, containerPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: shop}
spec:
  volumes: [{name: data, persistentVolumeClaim: {claimName: b-data}}]
  containers:
    - name: b
      image: b
      volumeMounts: [{name: data, mountPath: /data}]
      resources: {limits: {memory: 1Gi}}
      ports: [{containerPort: 53, protocol: UDP}]
`);
  const [a, b] = workloads.resources.map((r) => workloads.podTemplate(r)!);

  it('podReferences', () => {
    const names = (template: typeof a) => podReferences(template).map((r) => `${r.kind} ${r.name}`);
    for (const [template, expected] of [[a, ['ConfigMap a-config']], [b, ['PersistentVolumeClaim b-data']], [a, ['ConfigMap a-config']], [a, ['ConfigMap a-config']], [b, ['PersistentVolumeClaim b-data']]] as const) {
      expect(names(template)).toEqual(expected);
    }
  });

  it('effectiveContainers', () => {
    const requests = (template: typeof a) => effectiveContainers(workloads, template).map((c) => [c.name, [...c.requests].map(([k, v]) => `${k} ${v.text} ${v.source}`)]);
    for (const [template, expected] of [[a, [['a', ['cpu 100m set']]]], [b, [['b', ['memory 1Gi limit']]]], [a, [['a', ['cpu 100m set']]]], [b, [['b', ['memory 1Gi limit']]]]] as const) {
      expect(requests(template)).toEqual(expected);
    }
  });

  it('containerPorts', () => {
    const [ca, cb] = [a.containers[0].container, b.containers[0].container];
    for (const [container, expected] of [[ca, ['http 8080/TCP']], [cb, ['- 53/UDP']], [ca, ['http 8080/TCP']]] as const) {
      expect(containerPorts(container).map((p) => `${p.name ?? '-'} ${p.containerPort}/${p.protocol}`)).toEqual(expected);
    }
  });

  it('ingressBackends', () => {
    const ingresses = toResources(loadFile({ path: 'ingress.yaml', text: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: one, namespace: shop}
spec: {defaultBackend: {service: {name: first, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: two, namespace: shop}
spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: second, port: {name: http}}}}]}}]}
` }).documents, 'default');
    const services = (ingress: (typeof ingresses)[number]) => ingressBackends(ingress).map((backend) => backend.serviceName);
    for (const [ingress, expected] of [[0, ['first']], [1, ['second']], [0, ['first']], [1, ['second']], [1, ['second']]] as const) {
      expect(services(ingresses[ingress])).toEqual(expected);
    }
  });
});
