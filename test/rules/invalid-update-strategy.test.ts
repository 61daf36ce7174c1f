import rule from '../../rules/invalid-update-strategy.js';
import { testRule } from '../helpers/test-rule.js';

const workload = (kind: string, strategy: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: w}\nspec:\n${strategy}  template: {spec: {containers: [{name: a, image: nginx}]}}\n`;

testRule(rule, {
  valid: [
    { name: 'Deployment maxSurge above 100% (only maxUnavailable is capped)', code: workload('Deployment', '  strategy: {rollingUpdate: {maxSurge: 200%}}\n') },
    { name: 'DaemonSet OnDelete', code: workload('DaemonSet', '  updateStrategy: {type: OnDelete}\n') },
    { name: 'a legacy extensions Deployment is not judged', code: workload('Deployment', '  strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}\n').replace('apps/v1', 'extensions/v1beta1') },
  ],
  invalid: [
    {
      name: 'negative maxSurge and a negative partition',
      code: workload('Deployment', '  strategy: {rollingUpdate: {maxSurge: -1}}\n') + '---\n' + workload('StatefulSet', '  updateStrategy: {rollingUpdate: {partition: -1}}\n'),
      errors: [
        { message: 'Deployment `w` maxSurge `-1` must not be negative', line: 5, column: 40 },
        { message: 'StatefulSet `w` partition `-1` must not be negative', line: 12, column: 47 },
      ],
    },
    {
      name: 'DaemonSet maxSurge above 100%',
      code: workload('DaemonSet', '  updateStrategy: {rollingUpdate: {maxSurge: 101%}}\n'),
      errors: [{ message: 'DaemonSet `w` maxSurge `101%` is more than 100%, which the API server rejects', line: 5, column: 46 }],
    },
  ],
});
