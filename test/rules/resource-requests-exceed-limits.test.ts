import rule from '../../rules/resource-requests-exceed-limits.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (resources: string, podResources = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${podResources}  containers:\n    - name: a\n      image: nginx\n      resources: ${resources}\n`;

testRule(rule, {
  valid: [
    { name: 'equal by value', code: pod('{requests: {cpu: "0.5", memory: 1024Ki}, limits: {cpu: 500m, memory: 1Mi}}') },
    { name: 'unparsable quantity (invalid-quantity owns it)', code: pod('{requests: {memory: 2 GB}, limits: {memory: 1Gi}}') },
    { name: 'request without a limit', code: pod('{requests: {cpu: "8"}, limits: {memory: 1Gi}}') },
    { name: 'kubernetes.io resources may be overcommitted', code: pod('{requests: {example.kubernetes.io/thing: 1}, limits: {example.kubernetes.io/thing: 2}}') },
    {
      name: 'pod-level resources before Kubernetes 1.34',
      code: pod('{}', '  resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}\n'),
      options: { kubernetesVersion: '1.33' },
    },
  ],
  invalid: [
    {
      name: 'cpu',
      code: pod('{requests: {cpu: "2"}, limits: {cpu: 1500m}}'),
      errors: [{ message: 'Pod `p` container `a` requests cpu `2`, more than its limit `1500m`; a request may not exceed the limit', line: 8, column: 35, endColumn: 38 }],
    },
    {
      name: 'hugepages lower than the limit',
      code: pod('{requests: {memory: 1Gi, hugepages-1Gi: 1Gi}, limits: {hugepages-1Gi: 2Gi}}'),
      errors: [{ message: 'Pod `p` container `a` requests hugepages-1Gi `1Gi` but limits it to `2Gi`; hugepages cannot be overcommitted, so request and limit must be equal', line: 8, column: 58 }],
    },
    {
      name: 'extended resource in a StatefulSet',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: x, resources: {requests: {example.com/fpga: 2}, limits: {example.com/fpga: 1}}}]\n',
      errors: [{ message: 'StatefulSet `s` container `a` requests example.com/fpga `2` but limits it to `1`; extended resources cannot be overcommitted, so request and limit must be equal', line: 7, column: 81 }],
    },
    {
      name: 'pod-level resources',
      code: pod('{}', '  resources: {requests: {memory: 2Gi}, limits: {memory: 1Gi}}\n'),
      errors: [{ message: 'Pod `p` (pod level) requests memory `2Gi`, more than its limit `1Gi`; a request may not exceed the limit', line: 5, column: 34 }],
    },
  ],
});
