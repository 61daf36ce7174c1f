import { defineRule, KEDA_KINDS, missingScopedReference, triggerAuthentications } from '../src/rule-api.js';

const AUTHENTICATIONS = { namespaced: KEDA_KINDS.TriggerAuthentication, cluster: KEDA_KINDS.ClusterTriggerAuthentication };

export default defineRule({
  id: 'missing-trigger-authentication',
  severity: 'error',
  kinds: ['keda.sh/ScaledObject', 'keda.sh/ScaledJob'],
  crossResource: true,
  description: 'KEDA trigger authenticationRef names a TriggerAuthentication or ClusterTriggerAuthentication that does not exist',
  ecosystem: 'KEDA',
  docs: {
    why:
      'A trigger of a ScaledObject or ScaledJob reads its credentials through `authenticationRef`: a ' +
      "TriggerAuthentication of the scaler's namespace, or a ClusterTriggerAuthentication when `kind` says so " +
      '(pkg/scaling/resolver `resolveAuthRef`). When it does not exist KEDA cannot build the scaler ("error getting ' +
      'triggerAuth ... not found"): the ScaledObject is not Ready, its metric is never read and the workload is ' +
      'never scaled on that trigger (a ScaledJob creates no Jobs). The finding is a warning when the run defines no ' +
      'authentication of that kind there (ClusterTriggerAuthentications are often installed by the platform).',
    fix: 'Create the TriggerAuthentication in the scaler\'s namespace, fix the name, or set `kind: ClusterTriggerAuthentication` for a cluster-wide one.',
  },
  messages: {
    missing: '{{owner}} trigger `{{trigger}}` authenticates with {{kind}} `{{name}}`, which does not exist{{where}}: KEDA cannot build the scaler and never scales on it{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const ref of triggerAuthentications(resource)) {
      const switchTo = `\`kind: ${ref.cluster ? 'TriggerAuthentication' : 'ClusterTriggerAuthentication'}\``;
      const missing = missingScopedReference(index, AUTHENTICATIONS, ref.cluster, namespace, ref.name, switchTo);
      if (!missing) continue;
      const data = { owner: `${resource.kind} \`${resource.name}\``, trigger: ref.trigger, kind: missing.kind, name: ref.name, where: missing.where, hint: missing.hint };
      report(resource.node(...ref.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
