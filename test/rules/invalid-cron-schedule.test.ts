import rule from '../../rules/invalid-cron-schedule.js';
import { testRule } from '../helpers/test-rule.js';

const cronJob = (schedule: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: ${schedule}\n  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: x}]}}}}\n`;

testRule(rule, {
  valid: [
    { name: 'step over a range', code: cronJob('"5-55/10 0-23/2 */3 1-12/2 sun,sat"') },
    { name: 'descriptor', code: cronJob('"@midnight"') },
    { name: 'non-string schedule (schema rules own it)', code: cronJob('5') },
    { name: 'batch/v1beta1', code: cronJob('"0 0 1 * *"').replace('batch/v1', 'batch/v1beta1') },
  ],
  invalid: [
    {
      name: 'hour out of range',
      code: cronJob('"0 24 * * *"'),
      errors: [{ message: 'CronJob `c` schedule `0 24 * * *` is rejected by the API server: hour field: end of range (24) above maximum (23): 24', line: 5, column: 13, endColumn: 25 }],
    },
    {
      name: 'six fields',
      code: cronJob('"0 0 12 * * ?"'),
      errors: [{ message: 'CronJob `c` schedule `0 0 12 * * ?` is rejected by the API server: expected exactly 5 fields, found 6: [0 0 12 * * ?]; Kubernetes schedules have 5 fields, with no seconds', line: 5, column: 13 }],
    },
    {
      name: 'Sunday as 7',
      code: cronJob('"0 0 * * 1-7"'),
      errors: [{ message: 'CronJob `c` schedule `0 0 * * 1-7` is rejected by the API server: day-of-week field: end of range (7) above maximum (6): 1-7; use `0` for Sunday', line: 5, column: 13 }],
    },
    {
      name: 'Quartz last-day syntax',
      code: cronJob('"0 0 L * *"'),
      errors: [{ message: 'CronJob `c` schedule `0 0 L * *` is rejected by the API server: day-of-month field: failed to parse int from L: invalid syntax', line: 5, column: 13 }],
    },
    {
      name: 'bad @every duration',
      code: cronJob('"@every 5 minutes"'),
      errors: [{ message: 'CronJob `c` schedule `@every 5 minutes` is rejected by the API server: failed to parse duration @every 5 minutes: time: invalid duration "5 minutes"', line: 5, column: 13 }],
    },
    {
      name: 'empty schedule',
      code: cronJob('""'),
      errors: [{ message: 'CronJob `c` schedule `` is rejected by the API server: empty spec string', line: 5, column: 13 }],
    },
    {
      name: 'TZ on Kubernetes 1.29',
      code: cronJob('"TZ=UTC 0 0 * * *"'),
      options: { kubernetesVersion: '1.29' },
      errors: [{ message: 'CronJob `c` schedule `TZ=UTC 0 0 * * *` contains `TZ`, which the API server rejects since Kubernetes 1.29; set `spec.timeZone` instead', line: 5, column: 13, severity: 2 }],
    },
    {
      name: 'TZ on Kubernetes 1.28 is a warning',
      code: cronJob('"TZ=UTC 0 0 * * *"'),
      options: { kubernetesVersion: '1.28' },
      errors: [{ message: /not officially supported and is rejected from Kubernetes 1\.29/, line: 5, column: 13, severity: 1 }],
    },
    {
      name: 'TZ on Kubernetes 1.28 with a bad schedule after it',
      code: cronJob('"CRON_TZ=UTC 0 0 * *"'),
      options: { kubernetesVersion: '1.28' },
      errors: [
        { message: /sets a time zone with `TZ=`\/`CRON_TZ=`/, line: 5, column: 13, severity: 1 },
        { message: /rejected by the API server: expected exactly 5 fields, found 4: \[0 0 \* \*\]$/, line: 5, column: 13, severity: 2 },
      ],
    },
  ],
});
