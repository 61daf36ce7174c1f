import {
  minorVersion, compareAmounts, containerSubject, defineRule, effectiveContainers, formatAmount, limitRangeItems, limitRangesIn, podLevelResources,
  podTotals, requirementNode, type Amount, type EffectiveContainer, type LimitRangeItem, type NodeRef, type PodTemplate, type RuleContext,
} from '../src/rule-api.js';

type Report = RuleContext<'above' | 'below' | 'unset' | 'ratio' | 'defaultBelowRequest'>['report'];
/** Pod-level `spec.resources` counts from Kubernetes 1.34 (PodLevelResources beta, on by default). */
const POD_LEVEL_RESOURCES_FROM = 34;

function origin(amount: Amount): string {
  if (amount.source === 'default') return ` (the default of LimitRange \`${amount.limitRange?.name}\`)`;
  return amount.source === 'limit' ? ' (defaulted from its limit)' : '';
}

/** What one item is checked against: a container, or the totals of a pod. */
interface Target {
  readonly subject: string;
  readonly per: 'Container' | 'Pod';
  readonly requests: ReadonlyMap<string, Amount>;
  readonly limits: ReadonlyMap<string, Amount>;
  at(field: 'requests' | 'limits', name: string): NodeRef;
}

/** `minConstraint`, `maxConstraint` and `limitRequestRatioConstraint` of one item; one finding per resource. */
function checkItem(report: Report, item: LimitRangeItem, target: Target): void {
  const { subject, per, requests, limits, at } = target;
  const base = { subject, per, limitRange: item.limitRange.name };
  // [bound, field compared, direction, resource]; min needs a request, max needs a limit.
  const checks: Array<[Amount, 'requests' | 'limits', 'above' | 'below', string]> = [];
  for (const [name, bound] of item.min) checks.push([bound, 'requests', 'below', name], [bound, 'limits', 'below', name]);
  for (const [name, bound] of item.max) checks.push([bound, 'limits', 'above', name], [bound, 'requests', 'above', name]);
  const reported = new Set<string>();
  for (const [bound, field, kind, name] of checks) {
    if (reported.has(name)) continue;
    const amount = (field === 'requests' ? requests : limits).get(name);
    const label = field === 'requests' ? 'request' : 'limit';
    if (!amount) {
      if ((kind === 'below') !== (field === 'requests')) continue;
      reported.add(name);
      report(at(field, name), 'unset', { ...base, resource: name, field: label, constraint: `${kind === 'below' ? 'minimum' : 'maximum'} \`${bound.text}\`` });
      continue;
    }
    if (amount.value === undefined || bound.value === undefined) continue;
    const order = compareAmounts(amount.value, bound.value);
    if ((kind === 'above' && order > 0) || (kind === 'below' && order < 0)) {
      reported.add(name);
      const node = at(amount.source === 'limit' ? 'limits' : field, name);
      report(node, kind, { ...base, resource: name, field: label, value: amount.text, origin: origin(amount), bound: bound.text });
    }
  }
  for (const [name, bound] of item.maxLimitRequestRatio) {
    const [request, limit] = [requests.get(name), limits.get(name)];
    if (reported.has(name) || bound.value === undefined) continue;
    if (!request || !limit) {
      const field = !request ? 'requests' : 'limits';
      report(at(field, name), 'unset', { ...base, resource: name, field: field === 'requests' ? 'request' : 'limit', constraint: `maxLimitRequestRatio \`${bound.text}\`` });
      continue;
    }
    if (!request.value || limit.value === undefined) continue;
    const ratio = limit.value / request.value;
    if (compareAmounts(ratio, bound.value) > 0) {
      report(at('limits', name), 'ratio', { ...base, resource: name, limit: limit.text, request: request.text, ratio: String(Math.round(ratio * 100) / 100), bound: bound.text });
    }
  }
}

/** A LimitRange default limit below the container's own request fails validation ("must be less than or equal to cpu limit"). */
function defaultBelowRequest(report: Report, template: PodTemplate, container: EffectiveContainer): void {
  for (const [name, limit] of container.limits) {
    const request = container.requests.get(name);
    if (limit.source !== 'default' || request?.source !== 'set' || limit.value === undefined || request.value === undefined) continue;
    if (compareAmounts(request.value, limit.value) <= 0) continue;
    report(requirementNode(template, container, 'requests', name), 'defaultBelowRequest', {
      subject: containerSubject(template, container), resource: name, request: request.text, limit: limit.text, limitRange: limit.limitRange?.name ?? '',
    });
  }
}

export default defineRule({
  id: 'limit-range-violation',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container or pod requests/limits outside the min, max or maxLimitRequestRatio of a LimitRange in its namespace',
  crossResource: true,
  docs: {
    why:
      'The LimitRanger admission plugin (plugin/pkg/admission/limitranger/admission.go) first fills in missing ' +
      'requests and limits of containers and init containers from `Container` items (`default`, `defaultRequest`, ' +
      'which themselves default to `max` and `min`), then rejects any pod that breaks an item of any LimitRange in ' +
      'its namespace: for `Container` items each container and init container (`minConstraint`: request and limit at ' +
      'least `min`; `maxConstraint`: limit and request at most `max`, and a limit must exist; ' +
      '`limitRequestRatioConstraint`: limit/request at most `maxLimitRequestRatio`, both set), for `Pod` items the ' +
      'pod totals (`podRequests`/`podLimits`: containers plus sidecars, at least the largest init container). The ' +
      'pod is refused with "maximum cpu usage per Container is 1, but limit is 2"; a Deployment or StatefulSet is ' +
      'accepted but cannot create pods (`FailedCreate`). A `default` limit below the request a container sets (with ' +
      'no limit of its own) makes the defaulted pod invalid: "must be less than or equal to cpu limit of 500m". ' +
      'Quantities are compared by value (`1` = `1000m`).',
    fix: 'Bring the container requests/limits inside the LimitRange bounds (or set a limit yourself), or change the LimitRange.',
  },
  messages: {
    above:
      '{{subject}} has {{resource}} {{field}} `{{value}}`{{origin}}, above the maximum `{{bound}}` per {{per}} of LimitRange `{{limitRange}}`: pods are rejected with "maximum {{resource}} usage per {{per}} is {{bound}}, but {{field}} is {{value}}"',
    below:
      '{{subject}} has {{resource}} {{field}} `{{value}}`{{origin}}, below the minimum `{{bound}}` per {{per}} of LimitRange `{{limitRange}}`: pods are rejected with "minimum {{resource}} usage per {{per}} is {{bound}}, but {{field}} is {{value}}"',
    unset: '{{subject}} sets no {{resource}} {{field}}, which LimitRange `{{limitRange}}` requires ({{constraint}} per {{per}}): pods are rejected',
    ratio:
      '{{subject}} has {{resource}} limit `{{limit}}` for request `{{request}}` (ratio {{ratio}}), above the maxLimitRequestRatio `{{bound}}` per {{per}} of LimitRange `{{limitRange}}`: pods are rejected',
    defaultBelowRequest:
      '{{subject}} requests {{resource}} `{{request}}` without a limit, so LimitRange `{{limitRange}}` gives it the default limit `{{limit}}`, below the request: pods are rejected with "must be less than or equal to {{resource}} limit of {{limit}}"',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const items = limitRangesIn(index, template.namespace).flatMap(limitRangeItems);
    if (items.length === 0) return;
    const containers = effectiveContainers(index, template);
    for (const container of containers) defaultBelowRequest(report, template, container);
    for (const item of items.filter((i) => i.type === 'Container')) {
      for (const container of containers) {
        const at = (field: 'requests' | 'limits', name: string) => requirementNode(template, container, field, name);
        checkItem(report, item, { subject: containerSubject(template, container), per: 'Container', requests: container.requests, limits: container.limits, at });
      }
    }
    const podLevel = minorVersion(kubernetesVersion) >= POD_LEVEL_RESOURCES_FROM ? podLevelResources(template) : undefined;
    for (const item of items.filter((i) => i.type === 'Pod')) {
      const totals = (field: 'requests' | 'limits') =>
        new Map([...podTotals(containers, field, podLevel?.[field])].map(([name, value]): [string, Amount] => [name, { value, text: formatAmount(name, value), source: 'set' }]));
      const at = (field: 'requests' | 'limits', name: string): NodeRef => {
        const largest = [...containers].sort((a, b) => (b[field].get(name)?.value ?? 0) - (a[field].get(name)?.value ?? 0))[0];
        return largest ? requirementNode(template, largest, field, name) : template.node('containers');
      };
      checkItem(report, item, { subject: `Every pod of ${resource.label}`, per: 'Pod', requests: totals('requests'), limits: totals('limits'), at });
    }
  },
});
