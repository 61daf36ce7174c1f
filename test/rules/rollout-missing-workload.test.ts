import rule from '../../rules/rollout-missing-workload.js';
import { testRule } from '../helpers/test-rule.js';

const rollout = (ref: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api, namespace: apps}\nspec:\n  workloadRef: ${ref}\n`;
const deployment = (namespace: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: ${namespace}}\nspec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: nginx}]}}}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'a ReplicaSet', code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: api, namespace: apps}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n---\n' + rollout('{apiVersion: apps/v1, kind: ReplicaSet, name: api}') },
    { name: 'no workloadRef', code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n' },
  ],
  invalid: [
    {
      name: 'the Deployment of another namespace',
      code: deployment('web') + rollout('{apiVersion: apps/v1, kind: Deployment, name: api}'),
      errors: [{
        message: 'Rollout `api` takes its pod template from Deployment `api`, which does not exist in namespace `apps`: the Rollout is InvalidSpec and creates no pods; Deployment `api` exists in namespace `web`',
        line: 10,
        column: 62,
      }],
    },
    {
      name: 'no apiVersion',
      code: deployment('apps') + rollout('{kind: Deployment, name: api}'),
      errors: [{ message: /with `apiVersion: ""`, but the controller watches Deployment in `apps\/v1`.*set `apiVersion: apps\/v1`$/, line: 10, column: 23 }],
    },
  ],
});
