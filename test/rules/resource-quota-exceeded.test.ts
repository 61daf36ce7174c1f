import rule from '../../rules/resource-quota-exceeded.js';
import { testRule } from '../helpers/test-rule.js';

const quota = (hard: string, extra = '') =>
  `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: shop}\nspec:\n  hard:\n${hard}${extra}`;
const deployment = (name: string, replicas: number, resources: string, spec = '') =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n${spec}      containers:\n        - {name: app, image: nginx, resources: ${resources}}\n`;

testRule(rule, {
  valid: [
    { name: 'exactly at the quota', code: quota('    requests.cpu: "1"\n') + deployment('a', 2, '{requests: {cpu: 500m}}') },
    { name: 'scoped quota ignores other pods', code: quota('    requests.cpu: "1"\n', '  scopes: [Terminating]\n') + deployment('a', 4, '{requests: {cpu: 500m}}') },
    { name: 'templates rejected for missing requests do not count', code: quota('    requests.cpu: "1"\n') + deployment('a', 4, '{}') },
    {
      name: 'templates another quota rejects do not count',
      code: quota('    pods: "1"\n') + deployment('a', 3, '{}') + '---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: cpu, namespace: shop}\nspec: {hard: {limits.cpu: "4"}}\n',
    },
    { name: 'replicas 0', code: quota('    pods: "1"\n') + deployment('a', 0, '{}') + deployment('b', 1, '{}') },
    {
      name: 'suspended CronJob',
      code: quota('    pods: "0"\n') + '---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: shop}\nspec:\n  suspend: true\n  schedule: "@daily"\n  jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: nginx}]}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'lists contributors largest first, with the total',
      code: quota('    requests.cpu: 1500m\n') + deployment('small', 2, '{requests: {cpu: 100m}}') + deployment('big', 2, '{requests: {cpu: "1"}}'),
      errors: [
        {
          message:
            'ResourceQuota `compute` allows `requests.cpu: 1500m` in namespace `shop`, but the pod templates there need `2200m` (Deployment `big`: 2 pods × `1`, Deployment `small`: 2 pods × `100m`): pods beyond the quota are rejected with "exceeded quota: compute" and never created',
          line: 6,
          column: 19,
        },
      ],
    },
    {
      name: 'init containers and sidecars count as PodRequests does',
      code:
        quota('    memory: 1Gi\n') +
        deployment('a', 2, '{requests: {memory: 256Mi}}', '      initContainers:\n        - {name: proxy, image: envoy, restartPolicy: Always, resources: {requests: {memory: 128Mi}}}\n        - {name: init, image: busybox, resources: {requests: {memory: 512Mi}}}\n'),
      errors: [{ message: /need `1280Mi` \(Deployment `a`: 2 pods × `640Mi`\)/, line: 6, column: 13 }],
    },
    {
      name: 'HPA minimum replaces replicas',
      code:
        quota('    pods: "4"\n') + deployment('web', 1, '{}') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: 5\n  maxReplicas: 9\n',
      errors: [{ message: /allows `pods: 4` in namespace `shop`, but the pod templates there need `5` \(Deployment `web`: 5 pods \(HorizontalPodAutoscaler `web` minimum\)\)/, line: 6, column: 11 }],
    },
    {
      name: 'pod-level resources from 1.34',
      code: quota('    requests.cpu: "1"\n') + deployment('a', 2, '{}', '      resources: {requests: {cpu: "1"}}\n'),
      errors: [{ message: /need `2` \(Deployment `a`: 2 pods × `1`\)/, line: 6, column: 19 }],
      options: { kubernetesVersion: '1.34' },
    },
  ],
});
