import rule from '../../rules/image-pull-policy-never.js';
import { testRule } from '../helpers/test-rule.js';

const controller = (kind: string, apiVersion = 'apps/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: acme/agent:dev\n          imagePullPolicy: Never\n`;

testRule(rule, {
  valid: [{ name: 'a bare Pod', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a:dev, imagePullPolicy: Never}]\n' }],
  invalid: [
    {
      name: 'DaemonSet',
      code: controller('DaemonSet'),
      errors: [
        {
          message:
            'DaemonSet `agent` container `agent` sets imagePullPolicy `Never` for image `acme/agent:dev`, so its pods fail with ErrImageNeverPull on any node without that image preloaded; use `IfNotPresent`',
          line: 10,
          column: 28,
          endColumn: 33,
          severity: 1,
        },
      ],
    },
    { name: 'ReplicaSet', code: controller('ReplicaSet'), errors: [{ message: /^ReplicaSet `agent` container `agent` sets imagePullPolicy `Never`/, line: 10, column: 28 }] },
    { name: 'Job', code: controller('Job', 'batch/v1'), errors: [{ message: /^Job `agent` container `agent` sets imagePullPolicy `Never`/, line: 10, column: 28 }] },
    { name: 'Argo Rollout', code: controller('Rollout', 'argoproj.io/v1alpha1'), errors: [{ message: /^Rollout `agent`/, line: 10, column: 28 }] },
  ],
});
