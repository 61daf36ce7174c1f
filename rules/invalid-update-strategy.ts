import { amountProblem, defineRule, isRecord, isZeroAmount, type Path, type Resource, type RuleContext } from '../src/rule-api.js';

type Report = RuleContext<'recreate' | 'onDelete' | 'bothZero' | 'percent' | 'over100' | 'negative'>['report'];

/** `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` of one field. */
function checkAmount(report: Report, resource: Resource, at: Path, value: unknown, capped: boolean): void {
  const problem = amountProblem(value, capped);
  if (problem) report(resource.node(...at), problem, { subject: resource.label, field: String(at.at(-1)), value: String(value) });
}

export default defineRule({
  id: 'invalid-update-strategy',
  severity: 'error',
  kinds: ['apps/Deployment', 'apps/DaemonSet', 'apps/StatefulSet'],
  description: 'Deployment, DaemonSet or StatefulSet update strategy the API server rejects',
  docs: {
    why:
      'pkg/apis/apps/validation/validation.go refuses the whole object when: a Deployment with `strategy.type: Recreate` ' +
      'also sets `rollingUpdate` (`ValidateDeploymentStrategy`: "may not be specified when strategy `type` is ' +
      '\'Recreate\'"); a StatefulSet with `updateStrategy.type: OnDelete` sets `rollingUpdate` ("only allowed for ' +
      'updateStrategy \'RollingUpdate\'"); `maxUnavailable` and `maxSurge` are both 0, so a rollout could never make ' +
      'progress ("may not be 0 when `maxSurge` is 0"; `SetDefaults_Deployment` defaults both to 25% and ' +
      '`SetDefaults_DaemonSet` defaults `maxUnavailable` to 1 and `maxSurge` to 0, so a DaemonSet with ' +
      '`maxUnavailable: 0` alone is rejected); a percentage is not digits and `%` (`ValidatePositiveIntOrPercent`: a ' +
      'quoted `"1"` is neither an integer nor a percentage); a value is negative; `maxUnavailable` (and a DaemonSet ' +
      '`maxSurge`) is above 100%; a StatefulSet `partition` is negative.',
    fix: 'Drop `rollingUpdate` under Recreate or OnDelete, let one of maxSurge and maxUnavailable be above 0, and write amounts as integers (`1`) or percentages (`25%`).',
  },
  messages: {
    recreate: '{{subject}} sets `rollingUpdate` with strategy type `Recreate`, which the API server rejects; remove rollingUpdate or use `type: RollingUpdate`',
    onDelete: '{{subject}} sets `rollingUpdate` with updateStrategy type `OnDelete`, which the API server rejects; remove rollingUpdate or use `type: RollingUpdate`',
    bothZero: '{{subject}} has maxUnavailable 0 and maxSurge {{surge}}, so no pod could ever be replaced; the API server rejects it: allow `maxUnavailable: 1` or `maxSurge: 1`',
    percent: '{{subject}} {{field}} `{{value}}` is neither an integer nor a percentage; write `{{field}}: 1` or `{{field}}: 25%` (without quotes around a number)',
    over100: '{{subject}} {{field}} `{{value}}` is more than 100%, which the API server rejects',
    negative: '{{subject}} {{field}} `{{value}}` must not be negative',
  },
  check({ resource, report }) {
    const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
    const subject = resource.label;
    const field = resource.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const strategy = isRecord(spec[field]) ? spec[field] : {};
    const rolling = strategy.rollingUpdate;
    const base = ['spec', field];
    if (rolling !== undefined && rolling !== null && strategy.type === (resource.kind === 'Deployment' ? 'Recreate' : 'OnDelete')) {
      report(resource.key(...base, 'rollingUpdate'), resource.kind === 'Deployment' ? 'recreate' : 'onDelete', { subject });
      return;
    }
    if (!isRecord(rolling) || (strategy.type !== undefined && strategy.type !== 'RollingUpdate' && strategy.type !== '')) return;
    const at = [...base, 'rollingUpdate'];
    if (resource.kind === 'StatefulSet') {
      if (typeof rolling.partition === 'number' && rolling.partition < 0) report(resource.node(...at, 'partition'), 'negative', { subject, field: 'partition', value: rolling.partition });
      return;
    }
    checkAmount(report, resource, [...at, 'maxUnavailable'], rolling.maxUnavailable, true);
    checkAmount(report, resource, [...at, 'maxSurge'], rolling.maxSurge, resource.kind === 'DaemonSet');
    // Unset amounts take their defaults: 25% for a Deployment; maxUnavailable 1 and maxSurge 0 for a DaemonSet.
    const defaulted = rolling.maxSurge === undefined || rolling.maxSurge === null;
    const surgeZero = defaulted ? resource.kind === 'DaemonSet' : isZeroAmount(rolling.maxSurge);
    if (isZeroAmount(rolling.maxUnavailable) && surgeZero) {
      report(resource.node(...at, 'maxUnavailable'), 'bothZero', { subject, surge: defaulted ? '0 (the default for a DaemonSet)' : String(rolling.maxSurge) });
    }
  },
});
