import rule from '../../rules/scaled-object-missing-scale-target.js';
import { testRule } from '../helpers/test-rule.js';

const so = (ref: string) => `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: worker, namespace: jobs}\nspec:\n  scaleTargetRef: ${ref}\n  triggers: [{type: cpu, metadata: {value: "50"}}]\n`;
const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: worker, namespace: jobs}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n---\n';

testRule(rule, {
  valid: [
    { name: 'an Argo Rollout with its apiVersion', code: rollout + so('{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: worker}') },
    { name: 'a custom kind the run knows nothing of', code: so('{apiVersion: example.com/v1, kind: Pool, name: worker}') },
  ],
  invalid: [
    {
      name: 'a Rollout without apiVersion is looked up in apps/v1',
      code: rollout + so('{kind: Rollout, name: worker}'),
      errors: [{
        message: 'ScaledObject `worker` scales Rollout `worker` without an `apiVersion`, so KEDA looks for Rollout in `apps/v1`, reports ScaledObjectCheckFailed and never scales; set `apiVersion: argoproj.io/v1alpha1`',
        line: 10,
        column: 26,
      }],
    },
    {
      name: 'the Deployment of another namespace',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker, namespace: web}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n---\n' + so('{name: worker}'),
      errors: [{
        message: 'ScaledObject `worker` scales Deployment `worker`, which does not exist in namespace `jobs`: KEDA reports ScaledObjectCheckFailed and never scales; Deployment `worker` exists in namespace `web`, but a ScaledObject scales only objects of its own namespace',
        line: 10,
        column: 26,
      }],
    },
    {
      name: 'a ReplicationController without apiVersion',
      code: so('{kind: ReplicationController, name: worker}'),
      errors: [{ message: /scales ReplicationController `worker` without an `apiVersion` \(KEDA reads `apps\/v1`\), but ReplicationController is served by `v1`/, line: 5, column: 26 }],
    },
  ],
});
