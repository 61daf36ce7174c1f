import { defineRule, formatLabels, isRecord, matchesLabels, plainSelector, POD_TEMPLATE_HASH, rolloutPodLabels, rolloutServices } from '../src/rule-api.js';

export default defineRule({
  id: 'rollout-service-selector-mismatch',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  description: "Argo Rollout strategy Service whose selector does not match the Rollout's pods",
  ecosystem: 'Argo Rollouts',
  docs: {
    why:
      'The controller adds one label to the selector of a strategy Service (`stableService`, `canaryService`, ' +
      '`activeService`, `previewService`): `rollouts-pod-template-hash`, which it also puts on the pods of each ' +
      'ReplicaSet. It changes nothing else, so the rest of the Service\'s selector must match the pod template ' +
      'labels of the Rollout (its `spec.template`, or the template of its `workloadRef`). Otherwise the Service ' +
      'has no endpoints once the controller narrows it: traffic to the stable, canary, active or preview Service ' +
      'fails (502/503 from an ingress, connection refused inside the cluster) while the Rollout reports healthy.',
    fix: "Make the Service's selector a subset of the Rollout's pod template labels (usually `app: <name>`), or label the pod template.",
  },
  messages: {
    mismatch:
      'Rollout `{{rollout}}` uses Service `{{service}}` as {{field}}, but the Service selects `{{selector}}` and the pods of {{from}} are labelled {{labels}}: the Service gets no endpoints of this Rollout; missing: `{{missing}}`',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    const pods = rolloutPodLabels(index, resource);
    if (!pods) return;
    for (const ref of rolloutServices(resource)) {
      const service = index.get('Service', namespace, ref.name);
      const spec = service && isRecord(service.value.spec) ? service.value.spec : undefined;
      const { [POD_TEMPLATE_HASH]: _hash, ...selector } = plainSelector(spec?.selector) ?? {};
      if (Object.keys(selector).length === 0 || matchesLabels(selector, pods.labels)) continue;
      const missing = Object.entries(selector).filter(([k, v]) => pods.labels[k] !== v).map(([k, v]) => `${k}=${v}`).join(', ');
      const labels = formatLabels(pods.labels);
      report(resource.node(...ref.path), 'mismatch', {
        rollout: resource.name, service: ref.name, field: `\`${ref.field}\``, selector: formatLabels(selector),
        from: `${pods.from.kind} \`${pods.from.name}\``, labels: labels ? `\`${labels}\`` : 'with nothing', missing,
      });
    }
  },
});
