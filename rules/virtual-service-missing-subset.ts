import { closest, defineRule, destinationRulesFor, hostKey, ISTIO_KINDS, serviceHost, subsetNames, virtualServiceDestinations } from '../src/rule-api.js';

export default defineRule({
  id: 'virtual-service-missing-subset',
  severity: 'error',
  kinds: ['networking.istio.io/VirtualService'],
  crossResource: true,
  description: 'Istio VirtualService routes to a subset that no DestinationRule for the host defines',
  ecosystem: 'Istio',
  docs: {
    why:
      'A route `destination.subset` names a subset of a DestinationRule for the same host (`spec.subsets[].name`). ' +
      'Istio builds the cluster `outbound|<port>|<subset>|<host>` only for subsets some DestinationRule defines; a ' +
      'route to another subset has no cluster and Envoy answers every request with 503 (the classic "503 after ' +
      'adding a subset", response flag `NC`; `istioctl analyze` reports it as IST0101 ReferencedResourceNotFound). ' +
      'Hosts are compared after resolution, so `reviews` in the VirtualService\'s namespace and ' +
      '`reviews.<ns>.svc.cluster.local` in the DestinationRule are the same host; a wildcard DestinationRule applies ' +
      'when no rule names the host exactly. When no DestinationRule for the host exists at all, the finding is an ' +
      "error if the run keeps DestinationRules in the VirtualService's or the Service's namespace, and a warning " +
      'otherwise (it may be applied from elsewhere).',
    fix: 'Name a subset the DestinationRule defines, or add the subset (with its pod labels) to the DestinationRule for that host.',
  },
  messages: {
    undefinedSubset:
      'VirtualService `{{vs}}` routes to subset `{{subset}}` of host `{{host}}`, which DestinationRule `{{rule}}` does not define: Envoy has no cluster for it and answers 503; subsets: {{subsets}}{{hint}}',
    noRule:
      'VirtualService `{{vs}}` routes to subset `{{subset}}` of host `{{host}}`, but no DestinationRule for that host is defined: without one the subset has no cluster and Envoy answers 503',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const destination of virtualServiceDestinations(resource)) {
      const { subset, host } = destination;
      if (subset === undefined) continue;
      const node = resource.node(...destination.path, 'subset');
      const rules = destinationRulesFor(index, host, namespace);
      if (rules.length === 0) {
        // Certain when the run keeps DestinationRules beside the VirtualService or the Service; else one may be applied from elsewhere.
        const hostNamespace = serviceHost(index, host, namespace)?.namespace ?? namespace;
        const managed = index.list(ISTIO_KINDS.DestinationRule, namespace).length > 0 || index.list(ISTIO_KINDS.DestinationRule, hostNamespace).length > 0;
        report(node, 'noRule', { vs: resource.name, subset, host: hostKey(index, host, namespace) }, managed ? undefined : { severity: 'warn' });
        continue;
      }
      const names = rules.flatMap(subsetNames);
      if (names.includes(subset)) continue;
      const guess = closest(subset, names);
      const data = {
        vs: resource.name, subset, host, rule: rules[0].name,
        subsets: names.length > 0 ? names.map((n) => `\`${n}\``).join(', ') : 'none',
        hint: guess ? `; did you mean \`${guess}\`?` : '',
      };
      report(node, 'undefinedSubset', data);
    }
  },
});
