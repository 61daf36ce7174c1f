import {
  minorVersion, compareAmounts, CONTAINER_QUOTA_NAMES, defineRule, desiredPods, effectiveContainers, formatAmount, missingForQuota, podLevelResources, podTotals,
  quotaAppliesTo, quotaHard, quotasIn,
} from '../src/rule-api.js';

/** Quota names summed here, and what one pod counts for each. */
const TRACKED: ReadonlyMap<string, { field: 'requests' | 'limits' | 'pods'; resource: string }> = new Map<string, { field: 'requests' | 'limits' | 'pods'; resource: string }>([
  ['pods', { field: 'pods', resource: 'pods' }],
  ...CONTAINER_QUOTA_NAMES,
]);
/** Pod-level `spec.resources` counts from Kubernetes 1.34 (PodLevelResources beta, on by default). */
const POD_LEVEL_RESOURCES_FROM = 34;
const SHOWN = 4;

interface Contribution {
  readonly owner: string;
  readonly count: number;
  readonly perPod: number;
  readonly via?: string;
}

export default defineRule({
  id: 'resource-quota-exceeded',
  severity: 'error',
  kinds: ['ResourceQuota'],
  description: 'Pod templates of a namespace need more pods, cpu or memory than its ResourceQuota allows',
  crossResource: true,
  docs: {
    why:
      'Quota admission charges every new pod its requests and limits (pkg/quota/v1/evaluator/core/pods.go ' +
      '`PodUsageFunc`, with component-helpers `PodRequests`/`PodLimits`: the sum of containers and sidecars, at least ' +
      'the largest init container, after LimitRange defaults) and rejects the pod that would take the namespace past ' +
      '`spec.hard`: "exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=3800m, limited: ' +
      'requests.cpu=4". The workload objects are accepted, but the pods beyond the quota are never created: the ' +
      'ReplicaSet or StatefulSet reports `FailedCreate` and the rollout stalls. This rule adds up, for `pods`, ' +
      '`cpu`/`requests.cpu`, `memory`/`requests.memory`, `limits.cpu` and `limits.memory`, replicas (the ' +
      'HorizontalPodAutoscaler `minReplicas` when one scales the workload; Job and CronJob `parallelism`, capped by ' +
      '`completions`) times what one pod counts, over the pod templates of the namespace that the quota\'s scopes ' +
      'match. The total is a lower bound, so a report is certain: DaemonSets (one pod per node) are left out, as are ' +
      'pods already running in the cluster, the extra pods of a rolling update (`maxSurge`), templates whose scope ' +
      'match depends on the cluster (a PriorityClass scope without `priorityClassName`) and templates that ' +
      '`missing-resource-requests` already reports (none of their pods is created). It is reported on the quota\'s ' +
      '`spec.hard` entry, with the largest contributors.',
    fix: 'Raise the quota, lower replicas or per-pod requests/limits, or move a workload to another namespace.',
  },
  messages: {
    exceeded:
      'ResourceQuota `{{quota}}` allows `{{name}}: {{hard}}` in namespace `{{namespace}}`, but the pod templates there need `{{total}}` ({{contributors}}): pods beyond the quota are rejected with "exceeded quota: {{quota}}" and never created',
  },
  check({ resource, index, kubernetesVersion, report }) {
    if (resource.group !== '' || resource.namespace === undefined) return;
    const hard = [...quotaHard(resource)].filter(([name, amount]) => TRACKED.has(name) && amount.value !== undefined);
    if (hard.length === 0) return;
    const podLevelOn = minorVersion(kubernetesVersion) >= POD_LEVEL_RESOURCES_FROM;
    const contributions = new Map<string, Contribution[]>(hard.map(([name]) => [name, []]));
    for (const template of index.podTemplates(resource.namespace)) {
      const pods = desiredPods(index, template);
      if (!pods || pods.count === 0) continue;
      const containers = effectiveContainers(index, template);
      if (quotaAppliesTo(index, resource, template, containers) !== true) continue;
      const podLevel = podLevelOn ? podLevelResources(template) : undefined;
      // Pods that a quota rejects for a missing request/limit (missing-resource-requests) are never created.
      const rejected = !podLevelResources(template) && quotasIn(index, resource.namespace).some((q) =>
        quotaAppliesTo(index, q, template, containers) === true && containers.some((c) => missingForQuota(q, c).length > 0));
      if (rejected) continue;
      const totals = { requests: podTotals(containers, 'requests', podLevel?.requests), limits: podTotals(containers, 'limits', podLevel?.limits) };
      for (const [name] of hard) {
        const { field, resource: what } = TRACKED.get(name)!;
        const perPod = field === 'pods' ? 1 : (totals[field].get(what) ?? 0);
        if (perPod > 0) {
          contributions.get(name)!.push({ owner: template.owner.label, count: pods.count, perPod, via: pods.via && `HorizontalPodAutoscaler \`${pods.via.name}\` minimum` });
        }
      }
    }
    for (const [name, amount] of hard) {
      const list = contributions.get(name)!;
      const total = list.reduce((sum, c) => sum + c.count * c.perPod, 0);
      if (compareAmounts(total, amount.value!) <= 0) continue;
      list.sort((a, b) => b.count * b.perPod - a.count * a.perPod || a.owner.localeCompare(b.owner));
      const shown = list.slice(0, SHOWN).map((c) => {
        const pods = `${c.owner}: ${c.count} pod${c.count === 1 ? '' : 's'}${c.via ? ` (${c.via})` : ''}`;
        return name === 'pods' ? pods : `${pods} × \`${formatAmount(name, c.perPod)}\``;
      });
      if (list.length > SHOWN) shown.push(`${list.length - SHOWN} more`);
      report(resource.node('spec', 'hard', name), 'exceeded', {
        quota: resource.name,
        name,
        hard: amount.text,
        namespace: resource.namespace,
        total: formatAmount(name, total),
        contributors: shown.join(', '),
      });
    }
  },
});
