import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import {
  gatewayListeners, hostnamesIntersect, listenerKinds, listenerRefusal, referenceGrant, routeBackendRefs, routeParentRefs, selectedListeners,
} from '../../src/k8s/gateway.js';

function indexOf(text: string) {
  const { documents } = loadFile({ path: 'test.yaml', text });
  return new ResourceIndex(toResources(documents, 'default'));
}

const run = indexOf(`
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: envoy
  listeners:
    - {name: http, port: 80, protocol: HTTP}
    - {name: https, port: 443, protocol: HTTPS, hostname: "*.example.com", allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: shop}}}}, tls: {certificateRefs: [{name: c, namespace: certs}]}}
    - {name: tcp, port: 5432, protocol: TCP, allowedRoutes: {namespaces: {from: All}, kinds: [{kind: TCPRoute}, {group: example.com, kind: FooRoute}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra, sectionName: https}, {group: "", kind: Service, name: web, port: 80}]
  hostnames: [www.example.com]
  rules:
    - backendRefs:
        - name: web
          port: 80
          filters: [{type: RequestMirror, requestMirror: {backendRef: {name: shadow, namespace: test, port: 80}}}]
      filters: [{type: RequestMirror, requestMirror: {backendRef: {kind: Foo, group: example.com, name: f}}}]
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: test}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: shadow}]
`);
const gateway = run.get('gateway.networking.k8s.io/Gateway', 'infra', 'edge')!;
const route = run.get('gateway.networking.k8s.io/HTTPRoute', 'shop', 'web')!;

describe('gateway references', () => {
  it('applies the defaults of parentRefs and backendRefs, mirrors included', () => {
    expect(routeParentRefs(route).map((r) => [r.group, r.kind, r.namespace, r.sectionName, r.crossNamespace])).toEqual([
      ['gateway.networking.k8s.io', 'Gateway', 'infra', 'https', true],
      ['', 'Service', 'shop', undefined, false],
    ]);
    expect(routeBackendRefs(route).map((r) => [r.kind, r.name, r.namespace, r.port, r.path.join('.')])).toEqual([
      ['Service', 'web', 'shop', 80, 'spec.rules.0.backendRefs.0'],
      ['Service', 'shadow', 'test', 80, 'spec.rules.0.backendRefs.0.filters.0.requestMirror.backendRef'],
      ['Foo', 'f', 'shop', undefined, 'spec.rules.0.filters.0.requestMirror.backendRef'],
    ]);
  });

  it('reads listeners with allowedRoutes and TLS defaults', () => {
    const listeners = gatewayListeners(gateway);
    expect(listeners.map((l) => [l.name, l.from])).toEqual([['http', 'Same'], ['https', 'Selector'], ['tcp', 'All']]);
    expect(listeners[1].certificateRefs[0]).toMatchObject({ group: '', kind: 'Secret', namespace: 'certs', crossNamespace: true });
    expect(listenerKinds(listeners[0])).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(listenerKinds(listeners[2])).toEqual(['TCPRoute', 'example.com/FooRoute']);
    expect(listenerKinds({ ...listeners[0], protocol: 'example.com/x' })).toBeUndefined();
    expect(selectedListeners(listeners, routeParentRefs(route)[0]).map((l) => l.name)).toEqual(['https']);
  });

  it('explains why a listener refuses a route', () => {
    const [http, https, tcp] = gatewayListeners(gateway);
    expect(listenerRefusal(run, gateway, http, route)).toEqual({ reason: 'namespace', from: 'Same' });
    expect(listenerRefusal(run, gateway, https, route)).toBeUndefined();
    expect(listenerRefusal(run, gateway, { ...https, selector: { matchLabels: { team: 'ops' } } }, route)).toEqual({ reason: 'namespace', from: 'Selector' });
    expect(listenerRefusal(run, gateway, { ...https, hostname: '*.example.org' }, route)).toEqual({ reason: 'hostname', hostname: '*.example.org' });
    expect(listenerRefusal(run, gateway, tcp, route)).toMatchObject({ reason: 'kind' });
  });

  it('intersects hostnames with wildcards', () => {
    expect(hostnamesIntersect('a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('a.b.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('example.com', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('*.a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.org', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('a.example.com', 'b.example.com')).toBe(false);
  });

  it('finds the ReferenceGrant that allows a reference', () => {
    const from = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' };
    const [, shadow] = routeBackendRefs(route);
    expect(referenceGrant(run, from, shadow)?.name).toBe('g');
    expect(referenceGrant(run, { ...from, namespace: 'other' }, shadow)).toBeUndefined();
    expect(referenceGrant(run, from, { ...shadow, name: 'other' })).toBeUndefined();
    expect(referenceGrant(run, { ...from, kind: 'GRPCRoute' }, shadow)).toBeUndefined();
  });
});

describe('ResourceIndex namespaces', () => {
  it('knows which namespaces the run populates', () => {
    expect(run.hasNamespace('shop')).toBe(true);
    expect(run.hasNamespace('test')).toBe(true);
    expect(run.hasNamespace('certs')).toBe(false);
    expect(run.list('gateway.networking.k8s.io/ReferenceGrant', 'test').map((r) => r.name)).toEqual(['g']);
    expect(run.list('gateway.networking.k8s.io/ReferenceGrant', 'shop')).toEqual([]);
  });
});
