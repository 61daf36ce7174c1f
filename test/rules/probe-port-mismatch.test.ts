import rule from '../../rules/probe-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (container: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n${container}`;

testRule(rule, {
  valid: [
    {
      name: 'quoted number and invalid names are left to API validation',
      code: pod('    - name: a\n      image: nginx:1.27\n      ports: [{name: http, containerPort: 80}]\n      readinessProbe: {httpGet: {port: "8080"}}\n      livenessProbe: {tcpSocket: {port: HTTP}}\n'),
    },
    {
      name: 'tcpSocket lifecycle hooks are not resolved by the kubelet',
      code: pod('    - name: a\n      image: nginx:1.27\n      lifecycle: {preStop: {tcpSocket: {port: web}}}\n'),
    },
    {
      name: 'probes of a regular init container are not run',
      code: pod('    - name: a\n      image: nginx:1.27\n  initContainers:\n    - name: init\n      image: busybox:1.36\n      readinessProbe: {tcpSocket: {port: nothing}}\n'),
    },
  ],
  invalid: [
    {
      name: 'readiness probe with an unknown name: error with the only port as candidate',
      code: pod('    - name: web\n      image: nginx:1.27\n      ports: [{name: web, containerPort: 80}]\n      readinessProbe:\n        httpGet: {port: http}\n'),
      errors: [
        {
          message:
            'Pod `p` container `web` readinessProbe uses port `http`, which the container does not declare (its ports: `web=80`); the probe errors on every period and the container never becomes Ready; use `web`',
          line: 10,
          column: 25,
          severity: 2,
        },
      ],
    },
    {
      name: 'liveness probe with a misspelt name: warning with a suggestion',
      code: pod('    - name: api\n      image: api:1.0\n      ports: [{name: http, containerPort: 8000}, {name: grpc, containerPort: 9000}]\n      livenessProbe:\n        httpGet: {port: htpp}\n'),
      errors: [
        {
          message:
            'Pod `p` container `api` livenessProbe uses port `htpp`, which the container does not declare (its ports: `http=8000`, `grpc=9000`); the probe errors and its result is discarded, so a hung container is never restarted; did you mean `http`?',
          line: 10,
          column: 25,
          severity: 1,
        },
      ],
    },
    {
      name: 'container without ports and a named preStop port',
      code: pod('    - name: app\n      image: app:1.0\n      lifecycle:\n        preStop:\n          httpGet: {path: /drain, port: admin}\n'),
      errors: [
        {
          message:
            'Pod `p` container `app` preStop hook uses port `admin`, which the container does not declare (it declares no ports); the hook fails and is skipped at every shutdown',
          line: 10,
          column: 41,
          severity: 1,
        },
      ],
    },
    {
      name: 'numeric port that no container declares: warning with the nearest number',
      code: pod('    - name: api\n      image: api:1.0\n      ports: [{containerPort: 8080}]\n      readinessProbe: {httpGet: {port: 8008}}\n'),
      errors: [
        {
          message: 'Pod `p` container `api` readinessProbe checks port `8008`, which no container of the pod declares (its ports: `8080`); did you mean `8080`?',
          line: 9,
          column: 40,
          severity: 1,
        },
      ],
    },
    {
      name: 'sidecar port name: names the sidecar and its number',
      code: pod('    - name: app\n      image: app:1.0\n      ports: [{name: http, containerPort: 8080}]\n      startupProbe: {tcpSocket: {port: proxy}}\n    - name: envoy\n      image: envoy:1.0\n      ports: [{name: proxy, containerPort: 15001}]\n'),
      errors: [
        {
          message:
            "Pod `p` container `app` startupProbe uses port `proxy`, which the container does not declare (its ports: `http=8080`); the probe errors on every period, so the container never counts as started and never becomes Ready; container `envoy` declares it, but names resolve only among the probed container's ports: use `15001`",
          line: 9,
          column: 40,
        },
      ],
    },
  ],
});
