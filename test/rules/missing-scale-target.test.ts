import rule from '../../rules/missing-scale-target.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (name: string, namespace = 'default') => [
  'apiVersion: apps/v1',
  'kind: Deployment',
  `metadata: {name: ${name}, namespace: ${namespace}}`,
  'spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: nginx}]}}}',
  '---',
].join('\n');

const hpa = (ref: string, namespace = 'default') => [
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  `metadata: {name: web, namespace: ${namespace}}`,
  'spec:',
  '  maxReplicas: 3',
  '  scaleTargetRef:',
  ...ref.split('\n').map((line) => `    ${line}`),
].join('\n');

testRule(rule, {
  valid: [
    { name: 'ReplicationController in the core group without apiVersion', code: 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {template: {spec: {containers: [{name: a, image: nginx}]}}}\n---\n' + hpa('kind: ReplicationController\nname: rc') },
    { name: 'HPA without a target (schema owns it)', code: hpa('kind: Deployment') },
  ],
  invalid: [
    {
      name: 'names the missing workload and suggests a close name',
      code: deployment('web') + '\n' + hpa('apiVersion: apps/v1\nkind: Deployment\nname: webb'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Deployment `webb`, which does not exist in namespace `default`: the HPA controller reports FailedGetScale and never scales; did you mean `web`?',
        line: 14,
        column: 11,
      }],
    },
    {
      name: 'says when the workload is in another namespace',
      code: deployment('web', 'shop') + '\n' + hpa('apiVersion: apps/v1\nkind: Deployment\nname: web', 'default'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Deployment `web`, which does not exist in namespace `default`: the HPA controller reports FailedGetScale and never scales; Deployment `web` exists in namespace `shop`, but an HPA scales only objects of its own namespace',
        line: 14,
        column: 11,
      }],
    },
    {
      name: 'missing apiVersion for a Deployment',
      code: deployment('web') + '\n' + hpa('kind: Deployment\nname: web'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Deployment `web` without an `apiVersion`, but Deployment is served by `apps/v1`: the HPA controller reports FailedGetScale (no matches for kind "Deployment" in group "") and never scales; set `apiVersion: apps/v1`',
        line: 11,
        column: 3,
      }],
    },
    {
      name: 'missing apiVersion for a custom kind of the run',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec: {}\n---\n' + hpa('kind: Rollout\nname: web'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Rollout `web` without an `apiVersion`, so the HPA controller looks for Rollout in the core API group, reports FailedGetScale and never scales; set `apiVersion: argoproj.io/v1alpha1`',
        line: 11,
        column: 3,
      }],
    },
    {
      name: 'a kind of a built-in group without scale subresource, with a did-you-mean for typos',
      code: hpa('apiVersion: apps/v1\nkind: Deploymnet\nname: web'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Deploymnet `web`, but Deploymnet has no scale subresource: the HPA controller reports FailedGetScale and never scales; target a Deployment, StatefulSet, ReplicaSet or ReplicationController; did you mean `Deployment`?',
        line: 8,
        column: 11,
      }],
    },
    {
      name: 'a batch Job',
      code: hpa('apiVersion: batch/v1\nkind: Job\nname: migrate'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Job `migrate`, but Job has no scale subresource: the HPA controller reports FailedGetScale and never scales; target a Deployment, StatefulSet, ReplicaSet or ReplicationController',
        line: 8,
        column: 11,
      }],
    },
    {
      name: 'suggests the kind that exists under that name',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec: {template: {spec: {containers: [{name: a, image: postgres}]}}}\n---\n' + hpa('apiVersion: apps/v1\nkind: Deployment\nname: db'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Deployment `db`, which does not exist in namespace `default`: the HPA controller reports FailedGetScale and never scales; StatefulSet `db` exists: set `kind: StatefulSet` and `apiVersion: apps/v1`',
        line: 14,
        column: 11,
      }],
    },
    {
      name: 'a CRD of the run without scale subresource',
      code: [
        'apiVersion: apiextensions.k8s.io/v1',
        'kind: CustomResourceDefinition',
        'metadata: {name: pools.example.com}',
        'spec: {group: example.com, names: {kind: Pool, plural: pools}, scope: Namespaced, versions: [{name: v1, served: true, storage: true}]}',
        '---',
        hpa('apiVersion: example.com/v1\nkind: Pool\nname: web'),
      ].join('\n'),
      errors: [{
        message: 'HorizontalPodAutoscaler `web` scales Pool `web`, but Pool has no scale subresource (CustomResourceDefinition `pools.example.com` declares no `subresources.scale`): the HPA controller reports FailedGetScale and never scales; target a Deployment, StatefulSet, ReplicaSet or ReplicationController',
        line: 13,
        column: 11,
      }],
    },
  ],
});
