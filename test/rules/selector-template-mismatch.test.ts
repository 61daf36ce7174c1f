import rule from '../../rules/selector-template-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const workload = (kind: string, selector: string, labels: string, apiVersion = 'apps/v1', extra = '') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n${extra}  selector: ${selector}\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n      containers: [{name: a, image: nginx}]\n`;

testRule(rule, {
  valid: [
    { name: 'NotIn and Exists', code: workload('ReplicaSet', '{matchExpressions: [{key: env, operator: NotIn, values: [dev]}, {key: app, operator: Exists}]}', '{app: a, env: prod}') },
    { name: 'malformed expression (invalid selector, not a mismatch)', code: workload('Deployment', '{matchExpressions: [{key: app, operator: In, values: []}]}', '{app: a}') },
    { name: 'unknown operator', code: workload('Deployment', '{matchExpressions: [{key: app, operator: Equals, values: [a]}]}', '{app: a}') },
    { name: 'number label compared as a string', code: workload('Deployment', '{matchLabels: {version: 2}}', '{version: "2"}') },
    { name: 'Job with only generated labels', code: workload('Job', '{matchLabels: {job-name: w}}', '{app: a}', 'batch/v1') },
    { name: 'RC with an empty selector (defaulted)', code: workload('ReplicationController', '{}', '{app: a}', 'v1') },
    { name: 'custom Deployment kind', code: workload('Deployment', '{matchLabels: {app: x}}', '{app: y}', 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'Deployment matchLabels',
      code: workload('Deployment', '{matchLabels: {app: web, tier: api}}', '{app: web}'),
      errors: [
        {
          message: 'Deployment `w` selects `tier=api`, but its pod template is labelled `app=web`; the API server rejects a selector that does not match the template labels',
          line: 5,
          column: 44,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'template without labels',
      code: workload('StatefulSet', '{matchLabels: {app: db}}', '{}'),
      errors: [{ message: 'StatefulSet `w` selects `app=db`, but its pod template is labelled with nothing; the API server rejects a selector that does not match the template labels', line: 5, column: 33 }],
    },
    {
      name: 'DoesNotExist',
      code: workload('DaemonSet', '{matchExpressions: [{key: canary, operator: DoesNotExist}]}', '{canary: "true"}'),
      errors: [{ message: /^DaemonSet `w` selects `canary DoesNotExist`, but its pod template is labelled `canary=true`/, line: 5, column: 33 }],
    },
    {
      name: 'empty matchLabels in a Deployment',
      code: workload('Deployment', '{matchLabels: {}}', '{app: web}'),
      errors: [{ message: 'Deployment `w` has an empty `spec.selector`, which the API server rejects; select pod template labels such as `app=web`', line: 5, column: 13 }],
    },
    {
      name: 'manual Job selector',
      code: workload('Job', '{matchLabels: {app: a}}', '{app: b}', 'batch/v1', '  manualSelector: true\n'),
      errors: [{ message: /^Job `w` selects `app=a`, but its pod template is labelled `app=b`/, line: 6, column: 33 }],
    },
    {
      name: 'Job selector with matchExpressions and no manualSelector',
      code: workload('Job', '{matchExpressions: [{key: job-name, operator: Exists}]}', '{app: b}', 'batch/v1'),
      errors: [{ message: 'Job `w` sets `spec.selector` without `manualSelector: true`, which the API server rejects; remove the selector and let the Job controller generate it', line: 5, column: 13 }],
    },
    {
      name: 'CronJob job template selector',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      selector: {matchLabels: {a: b}}\n      template: {spec: {restartPolicy: Never, containers: [{name: a, image: x}]}}\n',
      errors: [{ message: 'CronJob `c` sets `spec.jobTemplate.spec.selector`, which the API server rejects; remove it, the Job controller generates the selector', line: 8, column: 17 }],
    },
  ],
});
