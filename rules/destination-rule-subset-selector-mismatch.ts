import { defineRule, describeTemplate, formatLabels, isRecord, plainSelector, serviceHost, type Labels } from '../src/rule-api.js';

export default defineRule({
  id: 'destination-rule-subset-selector-mismatch',
  severity: 'error',
  kinds: ['networking.istio.io/DestinationRule'],
  description: "Istio DestinationRule subset whose labels match none of the pods its Service selects",
  ecosystem: 'Istio',
  docs: {
    why:
      'A subset is the pods of the host\'s Service that also carry `subsets[].labels`: Istio builds the subset\'s ' +
      'cluster from the Service endpoints filtered by those labels. When no pod of the Service has them (a `version` ' +
      'label spelt differently, a value the Deployment does not set), the cluster has no endpoints and every request ' +
      'routed to the subset gets 503 "no healthy upstream" (response flag `UH`), while the Service itself works. ' +
      'Only Services of the run whose selector matches some pod template are checked (a Service that selects ' +
      'nothing is `service-selector-mismatch`), and a subset that repeats a Service selector key with another value ' +
      'can never match.',
    fix: "Set the subset's labels to the labels of the pod template meant (usually `version: <name>`), or label that template.",
  },
  messages: {
    noPods:
      'DestinationRule `{{rule}}` subset `{{subset}}` selects pods of Service `{{service}}` labelled `{{labels}}`, but no pod template in namespace `{{namespace}}` has them: the subset has no endpoints and Envoy answers 503; {{closest}}',
  },
  check({ resource, index, report }) {
    const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
    const host = typeof spec.host === 'string' ? serviceHost(index, spec.host, resource.namespace!) : undefined;
    const service = host && index.get('Service', host.namespace, host.name);
    const serviceSpec = service && isRecord(service.value.spec) ? service.value.spec : undefined;
    const selector = plainSelector(serviceSpec?.selector) ?? {};
    if (!host || serviceSpec?.type === 'ExternalName' || Object.keys(selector).length === 0) return;
    if (index.podTemplatesMatching(selector, host.namespace).length === 0) return;
    (Array.isArray(spec.subsets) ? spec.subsets : []).forEach((subset, i) => {
      const labels = isRecord(subset) ? plainSelector(subset.labels) : undefined;
      if (!isRecord(subset) || !labels || Object.keys(labels).length === 0) return;
      const combined: Labels = { ...selector, ...labels };
      const conflicting = Object.keys(labels).some((key) => key in selector && selector[key] !== labels[key]);
      if (!conflicting && index.podTemplatesMatching(combined, host.namespace).length > 0) return;
      const closest = index.closestPodTemplate(combined, host.namespace, String(subset.name ?? ''));
      const firstKey = Object.keys(labels).find((k) => closest?.labels[k] !== labels[k]) ?? Object.keys(labels)[0];
      report(resource.node('spec', 'subsets', i, 'labels', firstKey), 'noPods', {
        rule: resource.name, subset: String(subset.name ?? i), service: host.name, namespace: host.namespace,
        labels: formatLabels(combined), closest: closest ? describeTemplate(closest) : `namespace \`${host.namespace}\` has no pod templates`,
      });
    });
  },
});
