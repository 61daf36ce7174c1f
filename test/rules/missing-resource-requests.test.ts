import rule from '../../rules/missing-resource-requests.js';
import { testRule } from '../helpers/test-rule.js';

const quota = (hard: string, extra = '') =>
  `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: compute, namespace: shop}\nspec:\n  hard: {${hard}}\n${extra}---\n`;
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}`;

testRule(rule, {
  valid: [
    { name: 'a limit also sets the request', code: quota('requests.cpu: "1"') + pod('  containers:\n    - name: web\n      image: nginx\n      resources: {limits: {cpu: 500m}}\n') },
    { name: 'pod-level resources exempt the containers', code: quota('requests.cpu: "1"') + pod('  resources: {requests: {cpu: "1"}}\n  containers:\n    - name: web\n      image: nginx\n') },
    { name: 'PriorityClass scope without priorityClassName is skipped', code: quota('requests.cpu: "1"', '  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]\n') + pod('  containers:\n    - {name: web, image: nginx}\n') },
    { name: 'PriorityClass scope that does not match', code: quota('requests.cpu: "1"', '  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]\n') + pod('  priorityClassName: low\n  containers:\n    - {name: web, image: nginx}\n') },
    { name: 'ephemeral containers are not checked', code: quota('requests.cpu: "1"') + pod('  containers:\n    - {name: web, image: nginx, resources: {requests: {cpu: 1}}}\n  ephemeralContainers:\n    - {name: debug, image: busybox}\n') },
  ],
  invalid: [
    {
      name: 'names the quota, the fields and the server message',
      code: quota('requests.cpu: "4", limits.memory: 8Gi') + pod('  containers:\n    - name: web\n      image: nginx\n'),
      errors: [
        {
          message:
            'Pod `web` container `web` does not set `resources.limits.memory` and `resources.requests.cpu`, which ResourceQuota `compute` in namespace `shop` requires of every container: its pods are rejected with "failed quota: compute: must specify limits.memory for: web; requests.cpu for: web"',
          line: 12,
          column: 13,
        },
      ],
    },
    {
      name: 'suggests the resource name a container misspelled',
      code: quota('requests.cpu: "4"') + pod('  containers:\n    - name: web\n      image: nginx\n      resources:\n        requests: {cpus: 1}\n'),
      errors: [
        {
          message: /requests\.cpu for: web"; `requests\.cpus` is not a resource name, did you mean `cpu`\?$/,
          line: 15,
          column: 9,
        },
      ],
    },
    {
      name: 'matching PriorityClass scope and a BestEffort pod under NotTerminating',
      code:
        quota('requests.cpu: "4"', '  scopes: [NotTerminating]\n  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: NotIn, values: [low]}]\n') +
        pod('  priorityClassName: high\n  containers:\n    - name: web\n      image: nginx\n      resources: {}\n'),
      errors: [{ message: /^Pod `web` container `web` does not set `resources\.requests\.cpu`/, line: 18, column: 7 }],
    },
    {
      name: 'sidecar init container',
      code: quota('limits.cpu: "4"') + pod('  initContainers:\n    - name: proxy\n      image: envoy\n      restartPolicy: Always\n  containers:\n    - {name: web, image: nginx, resources: {limits: {cpu: 1}}}\n'),
      errors: [{ message: /^Pod `web` sidecar container `proxy` does not set `resources\.limits\.cpu`/, line: 12, column: 13 }],
    },
  ],
});
