import { defineRule, didYouMean, isServiceRef, quotedList, routeBackendRefs, ROUTE_KINDS } from '../src/rule-api.js';

function candidates(names: readonly string[], namespace: string): string {
  return names.length === 0 ? `; namespace \`${namespace}\` defines no Service` : `; Services in namespace \`${namespace}\`: ${quotedList(names)}`;
}

export default defineRule({
  id: 'gateway-route-missing-backend',
  severity: 'error',
  kinds: ROUTE_KINDS,
  ecosystem: 'Gateway API',
  crossResource: true,
  description: 'Gateway API route backendRef names a Service that does not exist',
  docs: {
    why:
      'A `backendRefs` entry of an HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute (and the `backendRef` of a ' +
      '`requestMirror` filter) names a Service (`group: ""` and `kind: Service` are the defaults) in the route\'s ' +
      'namespace unless `namespace` says otherwise; the API server does not check that it exists. The Gateway API ' +
      'spec (httproute_types.go, `BackendRefs`) says: "If a BackendRef is invalid (e.g., refers to a nonexistent ' +
      'resource ...), the rule MUST NOT be dropped ... requests that would have been routed to the invalid backend ' +
      'MUST receive a 500 status code", and the route reports `ResolvedRefs=False` with reason `BackendNotFound` ' +
      '(Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric all do). A TCP or TLS route drops the connection ' +
      'instead. Backends of other kinds (ServiceImport, implementation CRDs) are not checked. A Service in a ' +
      'namespace that none of the linted objects lives in may exist outside the manifests: that is a warning.',
    fix:
      'Point `name` (and `namespace`) at an existing Service (check the spelling), or create the Service. Declare ' +
      'Services that live outside the manifests in the configuration (`external`).',
  },
  messages: {
    missing: '{{route}} sends traffic to Service `{{service}}`, which does not exist in namespace `{{namespace}}`, so {{consequence}}{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of routeBackendRefs(resource)) {
      if (!isServiceRef(ref) || index.exists('Service', ref.namespace, ref.name)) continue;
      const names = index.names('Service', ref.namespace);
      const elsewhere = index.named('Service', ref.name).find((s) => s.namespace !== ref.namespace);
      const hint = didYouMean(ref.name, names) ||
        (elsewhere ? `; a Service \`${ref.name}\` exists in namespace \`${elsewhere.namespace}\`: set \`namespace: ${elsewhere.namespace}\` on the backendRef` : candidates(names, ref.namespace));
      const outside = ref.crossNamespace && !index.hasNamespace(ref.namespace);
      const consequence = resource.kind === 'HTTPRoute' || resource.kind === 'GRPCRoute' ? 'those requests get 500' : 'its connections are dropped';
      report(resource.node(...ref.path, 'name'), 'missing', { route: resource.label, service: ref.name, namespace: ref.namespace, consequence, hint }, outside ? { severity: 'warn' } : undefined);
    }
  },
});
