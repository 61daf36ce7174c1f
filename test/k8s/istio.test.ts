import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import {
  destinationRulesFor, gatewayBindings, hostKey, resolveGatewayName, serviceEntriesFor, serviceHost, subsetNames, unresolvedHost, virtualServiceDestinations,
} from '../../src/k8s/istio.js';

const run = indexOf(`
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec: {ports: [{port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: partners, namespace: bookinfo}
spec: {hosts: ["*.partner.example", ledger]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec: {host: reviews, subsets: [{name: v1}, {name: v2}]}
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: all, namespace: istio-system}
spec: {host: "*.svc.cluster.local", subsets: [{name: canary}]}
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: reviews, namespace: bookinfo}
spec:
  hosts: [reviews]
  gateways: [mesh, public, istio-system/edge, ./local, gw.infra.svc.cluster.local]
  http:
    - match: [{gateways: [other/gw]}]
      route: [{destination: {host: reviews, subset: v1, port: {number: 9080}}}]
      mirror: {host: shadow}
      mirrors: [{destination: {host: shadow2}}]
  tcp:
    - route: [{destination: {host: db.data.svc.cluster.local}}]
  tls:
    - route: [{destination: {host: api.example.com}}]
`);
const vs = run.list('networking.istio.io/VirtualService')[0];

describe('resolveGatewayName', () => {
  it('reads every form pilot accepts', () => {
    expect(resolveGatewayName('mesh', 'ns')).toBeUndefined();
    expect(resolveGatewayName('gw', 'ns')).toEqual({ namespace: 'ns', name: 'gw' });
    expect(resolveGatewayName('./gw', 'ns')).toEqual({ namespace: 'ns', name: 'gw' });
    expect(resolveGatewayName('infra/gw', 'ns')).toEqual({ namespace: 'infra', name: 'gw' });
    expect(resolveGatewayName('gw.infra.svc.cluster.local', 'ns')).toEqual({ namespace: 'infra', name: 'gw' });
    expect(resolveGatewayName('gw.infra', 'ns')).toEqual({ namespace: 'infra', name: 'gw' });
  });
});

describe('serviceHost', () => {
  it('reads short names in the namespace of the rule, and the DNS forms of a Service', () => {
    expect(serviceHost(run, 'reviews', 'web')).toEqual({ name: 'reviews', namespace: 'web', fqdn: 'reviews.web.svc.cluster.local' });
    expect(serviceHost(run, 'reviews.bookinfo', 'web')?.namespace).toBe('bookinfo');
    expect(serviceHost(run, 'reviews.bookinfo.svc', 'web')?.fqdn).toBe('reviews.bookinfo.svc.cluster.local');
    expect(serviceHost(run, 'Reviews.Bookinfo.svc.cluster.local', 'web')?.name).toBe('reviews');
  });
  it('leaves external names, wildcards and IPs alone', () => {
    expect(serviceHost(run, 'example.com', 'web')).toBeUndefined(); // `com` is no namespace of the run
    expect(serviceHost(run, 'api.example.com', 'web')).toBeUndefined();
    expect(serviceHost(run, '*.bookinfo.svc.cluster.local', 'web')).toBeUndefined();
    expect(serviceHost(run, '10.0.0.1', 'web')).toBeUndefined();
    expect(hostKey(run, 'API.example.com', 'web')).toBe('api.example.com');
  });
});

describe('routes', () => {
  it('lists http, tcp and tls destinations, mirror and mirrors, with their paths', () => {
    expect(virtualServiceDestinations(vs).map((d) => [d.host, d.path.join('.')])).toEqual([
      ['reviews', 'spec.http.0.route.0.destination'],
      ['shadow', 'spec.http.0.mirror'],
      ['shadow2', 'spec.http.0.mirrors.0.destination'],
      ['db.data.svc.cluster.local', 'spec.tcp.0.route.0.destination'],
      ['api.example.com', 'spec.tls.0.route.0.destination'],
    ]);
    expect(virtualServiceDestinations(vs)[0]).toMatchObject({ subset: 'v1', port: 9080 });
  });
  it('lists gateway bindings without mesh', () => {
    expect(gatewayBindings(vs).map((b) => `${b.namespace}/${b.name}@${b.path.join('.')}`)).toEqual([
      'bookinfo/public@spec.gateways.1',
      'istio-system/edge@spec.gateways.2',
      'bookinfo/local@spec.gateways.3',
      'infra/gw@spec.gateways.4',
      'other/gw@spec.http.0.match.0.gateways.0',
    ]);
  });
});

describe('registry lookups', () => {
  it('finds ServiceEntries by exact (resolved) host and by wildcard', () => {
    expect(serviceEntriesFor(run, 'pay.partner.example', 'web').map((e) => e.name)).toEqual(['partners']);
    expect(serviceEntriesFor(run, 'ledger.bookinfo.svc.cluster.local', 'web').map((e) => e.name)).toEqual(['partners']);
    expect(serviceEntriesFor(run, 'ledger', 'web')).toEqual([]);
  });
  it('prefers the DestinationRule of the exact host over wildcard ones', () => {
    expect(destinationRulesFor(run, 'reviews.bookinfo.svc.cluster.local', 'web').map((r) => r.name)).toEqual(['reviews']);
    expect(destinationRulesFor(run, 'ratings', 'bookinfo').map((r) => r.name)).toEqual(['all']);
    expect(destinationRulesFor(run, 'api.example.com', 'bookinfo')).toEqual([]);
    expect(subsetNames(run.list('networking.istio.io/DestinationRule')[0])).toEqual(['v1', 'v2']);
  });
  it('reports only Service names that neither a Service nor a ServiceEntry defines', () => {
    expect(unresolvedHost(run, 'reviews', 'bookinfo')).toBeUndefined();
    expect(unresolvedHost(run, 'ledger', 'bookinfo')).toBeUndefined();
    expect(unresolvedHost(run, 'reviews', 'web')).toEqual({ name: 'reviews', namespace: 'web', fqdn: 'reviews.web.svc.cluster.local' });
    expect(unresolvedHost(run, 'api.example.com', 'web')).toBeUndefined();
  });
});
