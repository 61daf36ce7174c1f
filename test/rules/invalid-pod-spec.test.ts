import rule from '../../rules/invalid-pod-spec.js';
import { testRule } from '../helpers/test-rule.js';

const container = (fields = '') => `[{name: a, image: nginx${fields === '' ? '' : `, ${fields}`}}]`;
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const workload = (apiVersion: string, kind: string, podSpec: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${podSpec}`;

testRule(rule, {
  valid: [
    { name: 'defaulted probe fields', code: pod(`  containers: ${container('livenessProbe: {exec: {command: [x]}, successThreshold: 0, periodSeconds: 0}')}\n`) },
    { name: 'readiness successThreshold above 1', code: pod(`  containers: ${container('readinessProbe: {exec: {command: [x]}, successThreshold: 3}')}\n`) },
    { name: 'null handler fields do not count', code: pod(`  containers: ${container('readinessProbe: {exec: {command: [x]}, httpGet: null}')}\n`) },
    {
      name: 'a sidecar restartPolicy before 1.29 is dropped, not rejected',
      code: pod(`  initContainers: ${container('restartPolicy: OnFailure')}\n  containers: ${container()}\n`),
      options: { kubernetesVersion: '1.28' },
    },
  ],
  invalid: [
    {
      name: 'probe without a handler in a Pod',
      code: pod(`  containers: ${container('startupProbe: {periodSeconds: 5}')}\n`),
      errors: [{ message: 'Pod `p` container `a` startupProbe names no handler; the API server requires exactly one of `exec`, `httpGet`, `tcpSocket` or `grpc`', line: 5, column: 40 }],
    },
    {
      name: 'negative probe fields in a StatefulSet',
      code: workload('apps/v1', 'StatefulSet', `      containers: ${container('livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: -5, terminationGracePeriodSeconds: 0}')}\n`),
      errors: [
        { message: 'StatefulSet `w` container `a` livenessProbe.initialDelaySeconds `-5` must not be negative', line: 7, column: 104 },
        { message: 'StatefulSet `w` container `a` livenessProbe.terminationGracePeriodSeconds `0` must be greater than zero', line: 7, column: 139 },
      ],
    },
    {
      name: 'plain init container with lifecycle in a DaemonSet, before sidecars',
      code: workload('apps/v1', 'DaemonSet', `      initContainers: ${container('restartPolicy: Always, lifecycle: {postStart: {exec: {command: [x]}}}')}\n      containers: ${container()}\n`),
      options: { kubernetesVersion: '1.28' },
      errors: [{ message: /^DaemonSet `w` init container `a` sets `lifecycle`, which the API server forbids/, line: 7, column: 71 }],
    },
    ...(['apps/v1 ReplicaSet', 'batch/v1 Job', 'v1 ReplicationController'] as const).map((type) => {
      const [apiVersion, kind] = type.split(' ');
      return {
        name: `${kind} volume with two sources`,
        code: workload(apiVersion, kind, `      containers: ${container()}\n      volumes: [{name: v, configMap: {name: c}, secret: {secretName: s}}]\n`),
        errors: [{ message: `${kind} \`w\` volume \`v\` names \`configMap\` and \`secret\`; a volume has exactly one source, define one volume per source`, line: 8, column: 49 }],
      };
    }),
    {
      name: 'CAP_SYS_ADMIN without privilege escalation, and a toleration key with a space',
      code: pod(`  tolerations: [{key: "dedicated node", operator: Exists}]\n  containers: ${container('securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}')}\n`),
      errors: [
        { message: /^Pod `p` tolerations\[0\] key `dedicated node` is not a valid label key: name part must consist of/, line: 5, column: 23 },
        { message: 'Pod `p` container `a` sets `allowPrivilegeEscalation: false` while adding capability `CAP_SYS_ADMIN`, which the API server rejects; drop one of them', line: 6, column: 84 },
      ],
    },
    {
      name: 'projected source with two kinds',
      code: pod(`  containers: ${container()}\n  volumes: [{name: v, projected: {sources: [{configMap: {name: c}, secret: {name: s}}, {}]}}]\n`),
      errors: [
        { message: 'Pod `p` volume `v` has a projected source naming `configMap` and `secret`; each entry of `sources` names one, split it into separate entries', line: 6, column: 68 },
        { message: 'Pod `p` volume `v` has a projected source naming none of `secret`, `configMap`, `downwardAPI` or `serviceAccountToken`', line: 6, column: 88 },
      ],
    },
  ],
});
