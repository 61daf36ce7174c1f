/** ingressBackends: every backend in order, read once per object, each caller getting its own list. */
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ingressBackends } from '../../src/k8s/ingress.js';

const objects = (text: string) => toResources(loadFile({ path: 'test.yaml', text }).documents, 'default');

describe('ingressBackends', () => {
  const [v1, legacy] = objects(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: fallback, port: {name: http}}}
  rules:
    - http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}, {path: /x, backend: {resource: {kind: Bucket, name: b}}}]}
---
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: old}
spec:
  rules: [{http: {paths: [{backend: {serviceName: api, servicePort: 8080}}]}}]
`);

  it('lists the default backend first, then the rules in order, in both API versions', () => {
    expect(ingressBackends(v1).map((b) => [b.path.join('.'), b.serviceName, b.port?.name ?? b.port?.number, b.resource ?? false])).toEqual([
      ['spec.defaultBackend', 'fallback', 'http', false],
      ['spec.rules.0.http.paths.0.backend', 'web', 80, false],
      ['spec.rules.0.http.paths.1.backend', undefined, undefined, true],
    ]);
    expect(ingressBackends(legacy).map((b) => [b.path.join('.'), b.serviceName, b.port?.number])).toEqual([['spec.rules.0.http.paths.0.backend', 'api', 8080]]);
  });

  it('gives each caller its own list of the same backends', () => {
    const first = ingressBackends(v1);
    first.pop();
    const second = ingressBackends(v1);
    expect(second).toHaveLength(3);
    expect(second[0]).toBe(first[0]);
  });
});
