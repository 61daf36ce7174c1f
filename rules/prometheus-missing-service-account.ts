import { defineRule, didYouMean, MONITORING_GROUP } from '../src/rule-api.js';

export default defineRule({
  id: 'prometheus-missing-service-account',
  severity: 'error',
  kinds: ['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler'].map((kind) => `${MONITORING_GROUP}/${kind}`),
  ecosystem: 'prometheus-operator',
  crossResource: true,
  description: 'Prometheus, PrometheusAgent, Alertmanager or ThanosRuler runs as a ServiceAccount that does not exist in its namespace',
  docs: {
    why:
      'prometheus-operator runs each of these as a StatefulSet whose pods use `spec.serviceAccountName` ' +
      '(pkg/prometheus/statefulset.go, pkg/alertmanager/statefulset.go, pkg/thanos/statefulset.go). The ' +
      'ServiceAccount admission plugin refuses pods whose ServiceAccount does not exist in their namespace ("error ' +
      'looking up service account"), so the StatefulSet controller cannot create any pod (`FailedCreate`) and the ' +
      'resource never becomes available. Prometheus also needs that ServiceAccount bound to a role that may list ' +
      'Services, Endpoints and Pods to discover targets. An empty field runs as the `default` ServiceAccount, which ' +
      'every namespace has; ServiceAccounts declared in the configuration (`external`) count as existing.',
    fix: 'Create the ServiceAccount (and its RBAC) in the same namespace, or fix the name.',
  },
  messages: {
    missing:
      '{{owner}} runs as ServiceAccount `{{name}}`, but no ServiceAccount `{{name}}` exists in namespace `{{namespace}}`, so the operator\'s StatefulSet cannot create its pods{{hint}}',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec as { serviceAccountName?: unknown } | undefined;
    const name = spec?.serviceAccountName;
    const namespace = resource.namespace!;
    if (typeof name !== 'string' || name === '' || index.exists('ServiceAccount', namespace, name)) return;
    const elsewhere = index.named('ServiceAccount', name).find((sa) => sa.namespace !== namespace);
    const hint = didYouMean(name, [...index.names('ServiceAccount', namespace), 'default']) ||
      (elsewhere ? `; a ServiceAccount \`${name}\` exists in namespace \`${elsewhere.namespace}\`, but pods can only use one of their own namespace` : '');
    report(resource.node('spec', 'serviceAccountName'), 'missing', { owner: resource.label, name, namespace, hint });
  },
});
