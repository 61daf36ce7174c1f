import { defineRule, describeTemplate, formatSelector, isEmptySelector, labelSelector, selectorMiss, templateNamedLike } from '../src/rule-api.js';

export default defineRule({
  id: 'pdb-selector-mismatch',
  severity: 'warn',
  kinds: ['PodDisruptionBudget'],
  description: 'PodDisruptionBudget whose selector matches no pod template in its namespace',
  crossResource: true,
  docs: {
    why:
      'The disruption controller (pkg/controller/disruption/disruption.go `getPodsForPdb`) counts the pods of the ' +
      'budget\'s own namespace that match `spec.selector` (matchLabels and matchExpressions). When none match it ' +
      'records the event `NoPods` "No matching pods found", `expectedPods` stays 0, and the Eviction API never ' +
      'consults the budget for the pods it was meant to protect: a node drain or cluster-autoscaler scale-down may ' +
      'evict all of them at once. A null selector matches no pods; an empty selector `{}` selects every pod of the ' +
      'namespace in `policy/v1` but none in `policy/v1beta1` (pkg/apis/policy/v1beta1 conversion turns it into a ' +
      'match-none selector), so `{}` is reported only in `policy/v1beta1`. It is a warning because the pods may be ' +
      'created by something outside these manifests (an operator).',
    fix:
      "Make the selector match the pod template's `metadata.labels` (not the workload's own labels) and keep the " +
      'budget in the namespace of the pods.',
  },
  messages: {
    noMatch: 'PodDisruptionBudget `{{pdb}}` selects `{{selector}}`, but no pod in namespace `{{namespace}}` has those labels, so it protects nothing; {{closest}}',
    otherNamespace:
      'PodDisruptionBudget `{{pdb}}` selects `{{selector}}`, which only matches pods of {{owner}} in namespace `{{other}}`; a PodDisruptionBudget protects pods of its own namespace `{{namespace}}`',
    noSelector: 'PodDisruptionBudget `{{pdb}}` has no `spec.selector`, so it selects no pods and protects nothing{{closest}}',
    emptyV1beta1:
      'PodDisruptionBudget `{{pdb}}` has an empty selector, which selects no pods in `policy/v1beta1` (only `policy/v1` reads `{}` as every pod of the namespace); use `policy/v1` or list the labels to protect',
  },
  check({ resource, index, report }) {
    if (resource.group !== 'policy') return;
    const spec = resource.value.spec as { selector?: unknown } | undefined;
    const namespace = resource.namespace!;
    const data = { pdb: resource.name, namespace };
    if (spec?.selector === undefined || spec.selector === null) {
      const nearest = templateNamedLike(index, namespace, resource.name);
      report(resource.key('spec'), 'noSelector', { ...data, closest: nearest ? `; ${describeTemplate(nearest)}` : '' });
      return;
    }
    const selector = labelSelector(spec.selector);
    if (!selector) return; // validation owns malformed selectors
    if (isEmptySelector(selector)) {
      if (resource.apiVersion === 'policy/v1beta1') report(resource.node('spec', 'selector'), 'emptyV1beta1', data);
      return;
    }
    const miss = selectorMiss(index, selector, namespace, resource.name);
    if (!miss) return;
    const selectorData = { ...data, selector: formatSelector(selector) };
    if (miss.elsewhere) {
      const owner = `${miss.elsewhere.owner.kind} \`${miss.elsewhere.owner.name}\``;
      report(resource.node('spec', 'selector'), 'otherNamespace', { ...selectorData, owner, other: miss.elsewhere.namespace });
      return;
    }
    report(resource.node('spec', 'selector', ...miss.path), 'noMatch', { ...selectorData, closest: miss.closestText });
  },
});
