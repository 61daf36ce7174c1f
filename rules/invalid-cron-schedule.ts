import { minorVersion, defineRule, parseCronSchedule } from '../src/rule-api.js';

/** Kubernetes 1.29 (kubernetes#116252) rejects new CronJobs whose schedule contains `TZ`. */
const TZ_REJECTED_FROM = 29;

function hint(reason: string): string {
  if (reason.startsWith('expected exactly 5 fields, found 6')) return '; Kubernetes schedules have 5 fields, with no seconds';
  if (reason.startsWith('day-of-week field: end of range (7)')) return '; use `0` for Sunday';
  return '';
}

export default defineRule({
  id: 'invalid-cron-schedule',
  severity: 'error',
  kinds: ['batch/CronJob'],
  description: 'CronJob schedule that the API server cannot parse, or that names a time zone',
  docs: {
    why:
      'The API server parses `spec.schedule` with `cron.ParseStandard` of github.com/robfig/cron/v3 ' +
      '(pkg/apis/batch/validation `validateScheduleFormat`) and rejects the CronJob when it fails: exactly 5 fields ' +
      '(minute 0-59, hour 0-23, day of month 1-31, month 1-12 or `JAN`-`DEC`, day of week 0-6 or `SUN`-`SAT`; ' +
      '`7` is not Sunday), each a comma-separated list of `*`, `?`, `N`, `N-M` with an optional `/step`, or one of ' +
      '`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`, `@every <Go duration>`. ' +
      'There is no seconds field, and no `L`, `W` or `#`. Since Kubernetes 1.29 a new CronJob whose schedule ' +
      'contains `TZ` is rejected too ("cannot use TZ or CRON_TZ in schedule, use timeZone field instead", ' +
      'kubernetes#116252); before 1.29 a `TZ=`/`CRON_TZ=` prefix was accepted but never officially supported.',
    fix:
      'Write 5 fields, e.g. `30 2 * * 1-5` (02:30 on weekdays) or `@daily`; put a time zone in `spec.timeZone` ' +
      '(e.g. `Europe/Paris`) instead of the schedule.',
  },
  messages: {
    invalid: 'CronJob `{{cronjob}}` schedule `{{schedule}}` is rejected by the API server: {{reason}}{{hint}}',
    timeZone: 'CronJob `{{cronjob}}` schedule `{{schedule}}` contains `TZ`, which the API server rejects since Kubernetes 1.29; set `spec.timeZone` instead',
    timeZoneUnsupported: 'CronJob `{{cronjob}}` schedule `{{schedule}}` sets a time zone with `TZ=`/`CRON_TZ=`, which is not officially supported and is rejected from Kubernetes 1.29; set `spec.timeZone` instead',
  },
  check({ resource, kubernetesVersion, report }) {
    const schedule = (resource.value.spec as { schedule?: unknown } | undefined)?.schedule;
    if (typeof schedule !== 'string') return;
    const node = resource.node('spec', 'schedule');
    const data = { cronjob: resource.name, schedule };
    if (schedule.includes('TZ')) {
      if (minorVersion(kubernetesVersion) >= TZ_REJECTED_FROM) return report(node, 'timeZone', data);
      if (/^(CRON_)?TZ=/.test(schedule)) report(node, 'timeZoneUnsupported', data, { severity: 'warn' });
    }
    const parsed = parseCronSchedule(schedule);
    if (!parsed.ok) report(node, 'invalid', { ...data, reason: parsed.reason, hint: hint(parsed.reason) });
  },
});
