import rule from '../../rules/missing-memory-limit.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}`;

testRule(rule, {
  valid: [
    { name: 'pod-level memory limit', code: pod('  resources: {limits: {memory: 1Gi}}\n  containers:\n    - {name: web, image: nginx}\n') },
    {
      name: 'a quota that requires limits.memory owns the finding',
      code: 'apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\nspec: {hard: {limits.memory: 4Gi}}\n---\n' + pod('  containers:\n    - {name: web, image: nginx}\n'),
    },
  ],
  invalid: [
    {
      name: 'a bare Pod without resources',
      code: pod('  containers:\n    - name: web\n      image: nginx\n'),
      errors: [
        {
          message: 'Pod `web` container `web` sets no memory limit: it can take all the memory of its node until the kernel OOM-kills it or a neighbour; set `resources.limits.memory`',
          line: 6,
          column: 13,
          severity: 1,
        },
      ],
    },
    {
      name: 'names the LimitRange that has no memory default',
      code: 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: defaults, namespace: shop}\nspec: {limits: [{type: Container, default: {cpu: 1}}]}\n---\n' + pod('  containers:\n    - name: web\n      image: nginx\n      resources: {limits: {cpu: 1}}\n'),
      errors: [{ message: /^Pod `web` container `web` sets no memory limit and LimitRange `defaults` has no default for it: /, line: 13, column: 19 }],
    },
  ],
});
