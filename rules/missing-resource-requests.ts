import {
  closest, containerSubject, CONTAINER_QUOTA_NAMES, defineRule, effectiveContainers, isRecord, missingForQuota, podLevelResources,
  quotaAppliesTo, quotasIn, requirementNode, type EffectiveContainer,
} from '../src/rule-api.js';

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `; \`cpus\` is not a resource name, did you mean \`cpu\`?` when the container misspelled one. */
function typoHint(container: EffectiveContainer, missing: readonly string[]): string {
  const resources = container.ref.container.resources;
  if (!isRecord(resources)) return '';
  for (const name of missing) {
    const { field, resource } = CONTAINER_QUOTA_NAMES.get(name)!;
    const written = isRecord(resources[field]) ? Object.keys(resources[field]) : [];
    const typo = written.find((key) => key !== resource && closest(key, [resource]) === resource);
    if (typo) return `; \`${field}.${typo}\` is not a resource name, did you mean \`${resource}\`?`;
  }
  return '';
}

export default defineRule({
  id: 'missing-resource-requests',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container without the cpu/memory request or limit that a ResourceQuota of its namespace tracks',
  crossResource: true,
  docs: {
    why:
      'When a ResourceQuota in the namespace sets `cpu`, `memory`, `requests.cpu`, `requests.memory`, `limits.cpu` or ' +
      '`limits.memory` in `spec.hard`, quota admission (pkg/quota/v1/evaluator/core/pods.go `Constraints`, kept for ' +
      'backward compatibility and limited to exactly these six names) requires every container and init container ' +
      'of each new pod to set that request or limit, and rejects the pod: "failed quota: compute: must specify ' +
      'requests.cpu for: app". A Deployment, StatefulSet, Job or DaemonSet is accepted, but its controller cannot ' +
      'create a single pod (`FailedCreate` events on the ReplicaSet) and the workload never starts. What counts is ' +
      'the pod after defaulting: a limit without a request sets the request (`SetDefaults_Pod`), and the ' +
      '`default`/`defaultRequest` of a `Container` LimitRange in the namespace (including those defaulted from its ' +
      '`max`/`min`) are filled in by the LimitRanger admission plugin before quota admission runs. A quota with ' +
      '`scopes` or a `scopeSelector` only applies to the pods it matches (BestEffort, NotBestEffort, Terminating, ' +
      'NotTerminating, PriorityClass, CrossNamespacePodAffinity); a PriorityClass scope on a pod without ' +
      '`priorityClassName` depends on the cluster\'s default PriorityClass and is skipped. Pods with pod-level ' +
      '`spec.resources` are exempt (PodLevelResources). Ephemeral-storage and extended-resource quotas do not ' +
      'require per-container values.',
    fix:
      'Set the named `resources.requests`/`resources.limits` on every container and init container (a limit alone ' +
      'also sets the request), or add a LimitRange with `default`/`defaultRequest` for the namespace.',
  },
  messages: {
    missing:
      '{{subject}} does not set {{fields}}, which ResourceQuota `{{quota}}` in namespace `{{namespace}}` requires of every container: its pods are rejected with "failed quota: {{quota}}: must specify {{names}}"{{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template || podLevelResources(template)) return;
    const quotas = quotasIn(index, template.namespace);
    if (quotas.length === 0) return;
    const containers = effectiveContainers(index, template);
    for (const quota of quotas) {
      if (quotaAppliesTo(index, quota, template, containers) !== true) continue;
      for (const container of containers) {
        const missing = missingForQuota(quota, container).sort();
        if (missing.length === 0) continue;
        const needs = missing.map((n) => CONTAINER_QUOTA_NAMES.get(n)!);
        const fields = [...new Set(needs.map((need) => `\`resources.${need.field}.${need.resource}\``))];
        const field = needs.some((need) => need.field === 'requests') ? 'requests' : 'limits';
        report(requirementNode(template, container, field), 'missing', {
          subject: containerSubject(template, container),
          fields: joinAnd(fields),
          quota: quota.name,
          namespace: template.namespace,
          names: missing.map((n) => `${n} for: ${container.name}`).join('; '),
          hint: typoHint(container, missing),
        });
      }
    }
  },
});
