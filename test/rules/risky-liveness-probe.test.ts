import rule from '../../rules/risky-liveness-probe.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (probes: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n          ports: [{name: http, containerPort: 8080}]\n${probes}`;

testRule(rule, {
  valid: [
    { name: 'no readiness probe', code: deployment('          livenessProbe: {httpGet: {path: /, port: http}}\n') },
    {
      name: 'same endpoint, liveness gives up later',
      code: deployment('          readinessProbe: {httpGet: {path: /h, port: http}}\n          livenessProbe: {httpGet: {path: /h, port: http}, failureThreshold: 5}\n'),
    },
    {
      name: 'different endpoints on the same port',
      code: deployment('          readinessProbe: {httpGet: {path: /ready, port: http}}\n          livenessProbe: {httpGet: {path: /live, port: http}}\n'),
    },
    {
      name: 'readiness delay covered by a startup probe',
      code: deployment('          startupProbe: {tcpSocket: {port: http}, failureThreshold: 30}\n          readinessProbe: {tcpSocket: {port: http}, initialDelaySeconds: 120}\n          livenessProbe: {tcpSocket: {port: http}, failureThreshold: 6}\n'),
    },
    {
      name: 'readiness delay shorter than the liveness budget',
      code: deployment('          readinessProbe: {httpGet: {path: /ready, port: http}, initialDelaySeconds: 29}\n          livenessProbe: {httpGet: {path: /live, port: http}}\n'),
    },
  ],
  invalid: [
    {
      name: 'defaults make the probes identical',
      code: deployment('          readinessProbe: {httpGet: {port: http}}\n          livenessProbe: {httpGet: {path: /, port: 8080, scheme: HTTP}, periodSeconds: 10}\n'),
      errors: [
        {
          message:
            'Deployment `web` container `app` livenessProbe repeats its readinessProbe (httpGet `:8080/`) and gives up no later (30 s, readiness 30 s), so a pod too busy to answer is restarted instead of only leaving the Service; give the livenessProbe a higher failureThreshold or a cheaper endpoint',
          line: 12,
          column: 11,
          severity: 1,
        },
      ],
    },
    {
      name: 'liveness gives up sooner than readiness on the same check',
      code: deployment('          readinessProbe: {tcpSocket: {port: http}, failureThreshold: 5}\n          livenessProbe: {tcpSocket: {port: http}, failureThreshold: 2, periodSeconds: 5}\n'),
      errors: [{ message: /repeats its readinessProbe \(tcpSocket `:8080`\) and gives up no later \(10 s, readiness 50 s\)/, line: 12, column: 11 }],
    },
    {
      name: 'slow start without initialDelaySeconds points at the probe',
      code: deployment('          readinessProbe: {httpGet: {path: /ready, port: http}, initialDelaySeconds: 30}\n          livenessProbe: {httpGet: {path: /live, port: 8080}}\n'),
      errors: [
        {
          message:
            'Deployment `web` container `app` livenessProbe restarts a container that has not answered httpGet `:8080/live` within 30 s, but its readinessProbe waits 30 s before the first check and there is no startupProbe; add a startupProbe or raise livenessProbe.initialDelaySeconds above 30',
          line: 12,
          column: 11,
        },
      ],
    },
    {
      name: 'native sidecar with a slow start',
      code: deployment(
        '      initContainers:\n        - name: proxy\n          image: envoy:1.31\n          restartPolicy: Always\n          readinessProbe: {tcpSocket: {port: 15000}, initialDelaySeconds: 60}\n          livenessProbe: {tcpSocket: {port: 15000}, initialDelaySeconds: 15}\n',
      ),
      errors: [{ message: /^Deployment `web` init container `proxy` livenessProbe restarts a container that has not answered tcpSocket `:15000` within 45 s/, line: 16, column: 74 }],
    },
  ],
});
