import rule from '../../rules/host-port-conflict.js';
import { testRule } from '../helpers/test-rule.js';

const workload = (kind: string, name: string, spec: string, port: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec:\n${spec}  template:\n    spec:\n      containers:\n        - name: c\n          image: c:1\n          ports: [${port}]\n`;

testRule(rule, {
  valid: [
    { name: 'a scaled-down Deployment does not hold the port', code: workload('Deployment', 'a', '  replicas: 0\n', '{containerPort: 80, hostPort: 80}') + '---\n' + workload('Deployment', 'b', '', '{containerPort: 80, hostPort: 80}') },
    { name: 'ports without hostPort', code: workload('Deployment', 'a', '  replicas: 5\n', '{containerPort: 80}') },
  ],
  invalid: [
    {
      name: 'a specific host address conflicts with the wildcard',
      code: workload('Deployment', 'a', '', '{containerPort: 8080, hostPort: 8080, hostIP: 127.0.0.1}') + '---\n' + workload('ReplicaSet', 'b', '', '{containerPort: 80, hostPort: 8080}'),
      errors: [
        {
          message:
            'Deployment `a` container `c` uses host port `127.0.0.1:8080/TCP`, which ReplicaSet `b` container `c` also uses; pods of both never share a node and stay Pending where the port is taken; use distinct host ports or a Service',
          line: 10,
          column: 51,
          severity: 1,
        },
        { message: /^ReplicaSet `b` container `c` uses host port `8080\/TCP`, which Deployment `a` container `c` also uses;/, line: 21, column: 49 },
      ],
    },
    {
      name: 'an autoscaled Deployment',
      code:
        workload('Deployment', 'gw', '  replicas: 1\n', '{containerPort: 443, hostPort: 443}') +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: gw}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: gw}\n  maxReplicas: 4\n',
      errors: [
        {
          message:
            'Deployment `gw` container `c` uses host port `443/TCP` in up to 4 replicas (HorizontalPodAutoscaler `gw`); no two of them can share a node, so each needs a node of its own (the rest stay Pending); use a Service or a DaemonSet',
          line: 11,
          column: 50,
        },
      ],
    },
  ],
});
