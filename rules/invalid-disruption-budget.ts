import { amountProblem, defineRule, enumHint, isRecord } from '../src/rule-api.js';

const POLICIES = ['IfHealthyBudget', 'AlwaysAllow'];
const set = (value: unknown) => value !== undefined && value !== null;

export default defineRule({
  id: 'invalid-disruption-budget',
  severity: 'error',
  kinds: ['PodDisruptionBudget'],
  description: 'PodDisruptionBudget the API server rejects: minAvailable and maxUnavailable together, malformed amounts',
  docs: {
    why:
      'pkg/apis/policy/validation `ValidatePodDisruptionBudgetSpec` refuses a budget that sets both `minAvailable` and ' +
      '`maxUnavailable` ("minAvailable and maxUnavailable cannot be both set"), an amount that is neither an integer nor ' +
      'digits followed by `%` (a quoted `"1"`), a negative one or a percentage above 100% ' +
      '(`ValidatePositiveIntOrPercent`, `IsNotMoreThan100Percent`), and an `unhealthyPodEvictionPolicy` other than ' +
      '`IfHealthyBudget` or `AlwaysAllow`.',
    fix: 'Keep one of minAvailable and maxUnavailable, written as an integer (`1`) or a percentage (`50%`).',
  },
  messages: {
    both: 'PodDisruptionBudget `{{name}}` sets both `minAvailable` and `maxUnavailable`, which the API server rejects; keep one of them',
    percent: 'PodDisruptionBudget `{{name}}` {{field}} `{{value}}` is neither an integer nor a percentage; write `{{field}}: 1` or `{{field}}: 50%` (without quotes around a number)',
    negative: 'PodDisruptionBudget `{{name}}` {{field}} `{{value}}` must not be negative',
    over100: 'PodDisruptionBudget `{{name}}` {{field}} `{{value}}` is more than 100%, which the API server rejects',
    policy: 'PodDisruptionBudget `{{name}}` unhealthyPodEvictionPolicy `{{value}}` is not one of `IfHealthyBudget` or `AlwaysAllow`{{hint}}',
  },
  check({ resource, report }) {
    if (resource.group !== 'policy' || !isRecord(resource.value.spec)) return;
    const spec = resource.value.spec;
    const name = resource.name;
    if (set(spec.minAvailable) && set(spec.maxUnavailable)) report(resource.key('spec', 'maxUnavailable'), 'both', { name });
    for (const field of ['minAvailable', 'maxUnavailable']) {
      const problem = amountProblem(spec[field], true);
      if (problem) report(resource.node('spec', field), problem, { name, field, value: String(spec[field]) });
    }
    const policy = spec.unhealthyPodEvictionPolicy;
    if (typeof policy === 'string' && !POLICIES.includes(policy)) {
      report(resource.node('spec', 'unhealthyPodEvictionPolicy'), 'policy', { name, value: policy, hint: enumHint(policy, POLICIES) });
    }
  },
});
