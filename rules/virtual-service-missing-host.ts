import { defineRule, missingReference, unresolvedHost, virtualServiceDestinations } from '../src/rule-api.js';

export default defineRule({
  id: 'virtual-service-missing-host',
  severity: 'error',
  kinds: ['networking.istio.io/VirtualService'],
  crossResource: true,
  description: 'Istio VirtualService routes to a cluster host that no Service or ServiceEntry defines',
  ecosystem: 'Istio',
  docs: {
    why:
      'A route `destination.host` (in `http`, `tcp` and `tls` routes, `mirror` and `mirrors`) must name a service of ' +
      "Istio's registry: a Kubernetes Service or a host declared by a ServiceEntry. The API reference of Destination: " +
      '"Traffic forwarded to destinations that are not found in either of the two will be dropped"; Envoy has no ' +
      'cluster for the host and answers 503 (response flag `NC`). A short name is read in the namespace of the ' +
      'VirtualService, not of the Service (pilot `ResolveShortnameToFQDN`): `reviews` in namespace `shop` is ' +
      '`reviews.shop.svc.cluster.local` even when `reviews` lives elsewhere. `name.ns`, `name.ns.svc` and ' +
      '`name.ns.svc.cluster.local` name Service `name` of namespace `ns`. Hosts outside the cluster (`api.example.com`), ' +
      'wildcards and IPs are not checked. The finding is a warning when the run defines no Service in that namespace ' +
      '(the Service may be deployed from elsewhere).',
    fix:
      'Point the destination at an existing Service, preferably by its FQDN (`name.namespace.svc.cluster.local`), or ' +
      'declare the host with a ServiceEntry.',
  },
  messages: {
    missing:
      'VirtualService `{{vs}}` routes to host `{{host}}`, but Service `{{service}}` does not exist in namespace `{{namespace}}` and no ServiceEntry declares it: Envoy drops the traffic with 503{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const destination of virtualServiceDestinations(resource)) {
      const service = unresolvedHost(index, destination.host, namespace);
      const missing = service && missingReference(index, 'Service', service.namespace, service.name);
      if (!service || !missing) continue;
      const data = { vs: resource.name, host: destination.host, service: service.name, namespace: service.namespace, hint: missing.hint + (missing.elsewhere ? `: write \`${service.name}.${missing.elsewhere}.svc.cluster.local\`` : '') };
      report(resource.node(...destination.path, 'host'), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
