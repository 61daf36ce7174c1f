import { defineRule, isRecord, missingReference, unresolvedHost } from '../src/rule-api.js';

export default defineRule({
  id: 'destination-rule-missing-host',
  severity: 'error',
  kinds: ['networking.istio.io/DestinationRule'],
  crossResource: true,
  description: 'Istio DestinationRule applies to a cluster host that no Service or ServiceEntry defines',
  ecosystem: 'Istio',
  docs: {
    why:
      'A DestinationRule `host` must name a service of Istio\'s registry (a Kubernetes Service or a ServiceEntry host). ' +
      'The API reference: "Rules defined for services that do not exist in the service registry will be ignored": ' +
      'its load balancing, TLS mode, connection pool and outlier detection never apply, and its subsets define no ' +
      'cluster, so VirtualServices routing to them get 503. A short name is read in the namespace of the ' +
      'DestinationRule, not of the Service (pilot `ResolveShortnameToFQDN`). Hosts outside the cluster, wildcards ' +
      'and IPs are not checked; the finding is a warning when the run defines no Service in that namespace.',
    fix: 'Set `host` to the FQDN of an existing Service (`name.namespace.svc.cluster.local`), or declare the host with a ServiceEntry.',
  },
  messages: {
    missing:
      'DestinationRule `{{rule}}` applies to host `{{host}}`, but Service `{{service}}` does not exist in namespace `{{namespace}}` and no ServiceEntry declares it: Istio ignores the rule{{hint}}',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec;
    const host = isRecord(spec) && typeof spec.host === 'string' ? spec.host : undefined;
    const service = host === undefined ? undefined : unresolvedHost(index, host, resource.namespace!);
    const missing = service && missingReference(index, 'Service', service.namespace, service.name);
    if (!service || !missing) return;
    const data = { rule: resource.name, host: host!, service: service.name, namespace: service.namespace, hint: missing.hint + (missing.elsewhere ? `: write \`${service.name}.${missing.elsewhere}.svc.cluster.local\`` : '') };
    report(resource.node('spec', 'host'), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
  },
});
