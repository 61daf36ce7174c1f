import {
  containerSubject, defineRule, effectiveContainers, limitRangesIn, missingForQuota, podLevelResources, quotaAppliesTo, quotasIn,
  requirementNode,
} from '../src/rule-api.js';

export default defineRule({
  id: 'missing-memory-limit',
  severity: 'warn',
  podTemplateOnly: true,
  description: 'Container without a memory limit (and no LimitRange default for it)',
  docs: {
    why:
      'A container without a memory limit may use all the memory of its node. The kubelet does not stop it: the ' +
      'kernel OOM killer ends some process on the node when memory runs out (possibly in another pod), and under ' +
      'memory pressure the kubelet evicts pods, starting with those using the most memory above their requests. ' +
      'The pod is accepted and runs, so this is a risk rather than a failure. A LimitRange `default` memory in the ' +
      'namespace (or its `max`, which defaults it) gives the container a limit at admission, and a pod-level ' +
      '`spec.resources.limits.memory` bounds the whole pod: neither is reported. Only containers and sidecars ' +
      '(init containers with `restartPolicy: Always`) are checked; ordinary init containers run to completion ' +
      'before the app starts. A container that a ResourceQuota forces to set `limits.memory` is reported as an ' +
      'error by `missing-resource-requests` instead. Requests above limits are `resource-requests-exceed-limits`.',
    fix: 'Set `resources.limits.memory` (usually a little above the observed peak), or give the namespace a LimitRange with a default memory limit.',
  },
  messages: {
    missing: '{{subject}} sets no memory limit{{context}}: it can take all the memory of its node until the kernel OOM-kills it or a neighbour; set `resources.limits.memory`',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template || podLevelResources(template)?.limits.has('memory')) return;
    const containers = effectiveContainers(index, template);
    // Quotas and LimitRanges are looked up only for a container without a memory limit (few).
    let quotas: ReturnType<typeof quotasIn> | undefined;
    for (const container of containers) {
      if (container.ref.group === 'initContainers' && !container.sidecar) continue;
      if (container.limits.has('memory')) continue;
      quotas ??= quotasIn(index, template.namespace).filter((q) => quotaAppliesTo(index, q, template, containers) === true);
      const limitRanges = limitRangesIn(index, template.namespace);
      if (quotas.some((q) => missingForQuota(q, container).includes('limits.memory'))) continue;
      const context = limitRanges.length > 0 ? ` and LimitRange \`${limitRanges[0].name}\` has no default for it` : '';
      report(requirementNode(template, container, 'limits'), 'missing', { subject: containerSubject(template, container), context });
    }
  },
});
