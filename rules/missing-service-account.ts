import { defineRule, didYouMean } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-service-account',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Pod template runs as a ServiceAccount that does not exist in its namespace',
  crossResource: true,
  docs: {
    why:
      'The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go) looks up ' +
      '`spec.serviceAccountName` (or the deprecated `serviceAccount`, which conversion copies into it when ' +
      '`serviceAccountName` is empty) in the pod\'s own namespace and refuses the pod when it is missing (`pods ' +
      '"web-7d4b9" is forbidden: error looking up service account shop/web: serviceaccount "web" not found`). ' +
      'A bare Pod fails to apply; a Deployment, StatefulSet, DaemonSet, Job or CronJob is accepted but its ' +
      'controller cannot create any pod (`FailedCreate`). The `default` ServiceAccount exists in every namespace, ' +
      'and ServiceAccounts declared in the configuration (`external`) count as existing. Create the ServiceAccount ' +
      'before, or in the same apply as, the workload: the controller retries, so the order does not matter.',
    fix: 'Create the ServiceAccount in the pod\'s namespace, or fix the name (the ServiceAccount must be in the same namespace as the pods).',
  },
  messages: {
    missing:
      '{{owner}} runs as ServiceAccount `{{name}}`, but no ServiceAccount `{{name}}` exists in namespace `{{namespace}}`: pods are rejected (error looking up service account {{namespace}}/{{name}}: serviceaccount "{{name}}" not found){{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const spec = template.spec as { serviceAccountName?: unknown; serviceAccount?: unknown };
    const field = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? 'serviceAccountName' : 'serviceAccount';
    const name = spec[field];
    if (typeof name !== 'string' || name === '') return;
    const { namespace } = template;
    if (index.exists('ServiceAccount', namespace, name)) return;
    const elsewhere = index.named('ServiceAccount', name).filter((sa) => sa.namespace !== namespace).map((sa) => `\`${sa.namespace}\``);
    const hint = elsewhere.length > 0
      ? `; a ServiceAccount \`${name}\` exists in namespace ${elsewhere.join(', ')}, but pods can only use one of their own namespace`
      : didYouMean(name, [...index.names('ServiceAccount', namespace), 'default']);
    report(template.node(field), 'missing', { owner: resource.label, name, namespace, hint });
  },
});
