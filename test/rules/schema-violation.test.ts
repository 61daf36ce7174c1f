import { describe, expect, it } from 'vitest';
import rule from '../../rules/schema-violation.js';
import { lintText, testRule } from '../helpers/test-rule.js';

/** A Deployment whose only container gets `container` (YAML lines at 10 spaces) appended. */
const deployment = (container = '', spec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
${spec}  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
${container}`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                port: {x-kubernetes-int-or-string: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
`;

const sidecar = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
        - name: proxy
          image: envoyproxy/envoy:v1.30.1
          restartPolicy: Always
      containers:
        - name: web
          image: nginx:1.27
`;

testRule(rule, {
  valid: [
    { name: 'IntOrString as a number and as a string', code: deployment('', '  strategy:\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}\n') },
    { name: 'quantities as strings and numbers', code: deployment('          resources:\n            requests: {cpu: 0.5, memory: 64Mi}\n            limits: {cpu: "2"}\n') },
    {
      name: 'nulls are absent fields',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: null\n  labels: ~\nspec:\n  containers:\n    - name: a\n      image: nginx\n      resources: {}\n      env: null\nstatus: {}\n',
    },
    { name: 'a custom resource valid against the CRD of the run', code: `${crd}apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 3\n  port: http\n  extra: {free: [1, 2]}\n` },
    { name: 'a custom kind without a CRD in the run is skipped', code: 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\nspec: {anything: 1}\n' },
    { name: 'an apiVersion the target version does not serve is left to removed-api-version', code: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {bogus: 1}\n' },
    { name: 'a native sidecar in 1.35', code: sidecar },
    { name: 'List items', code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    data: {A: "1"}\n' },
  ],
  invalid: [
    {
      name: 'a typo of a field, with a suggestion',
      code: deployment('          ports:\n            - containerport: 8080\n'),
      errors: [{
        message: 'Deployment `web` has unknown field `spec.template.spec.containers[0].ports[0].containerport`; did you mean `containerPort`?',
        line: 16, column: 15, endColumn: 28,
      }],
    },
    {
      name: 'replicas as a string',
      code: deployment('', '  replicas: "3"\n'),
      errors: [{ message: 'Deployment `web` field `spec.replicas`: expected an integer, got the string `"3"`; remove the quotes', line: 8, column: 13, endColumn: 16 }],
    },
    {
      name: 'containers as a map',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    name: a\n    image: nginx\n',
      errors: [{ message: 'Pod `p` field `spec.containers`: expected a list, got a map; write each entry as a `- ` list item', line: 6, column: 5 }],
    },
    {
      name: 'a container without a name, pointing at the start of the container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - image: nginx\n',
      errors: [{ message: 'Pod `p` is missing required field `spec.containers[0].name`', line: 6, column: 7 }],
    },
    {
      name: 'a required field set to null is missing',
      code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: null\n',
      errors: [{ message: 'RoleBinding `b` is missing required field `roleRef.name`', line: 4, column: 1, endColumn: 8 }],
    },
    {
      name: 'a missing top-level field points at kind',
      code: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n',
      errors: [{ message: 'StorageClass `fast` is missing required field `provisioner`', line: 2, column: 1 }],
    },
    {
      name: 'an unquoted yes in an env value',
      code: deployment('          env:\n            - name: DEBUG\n              value: yes\n'),
      errors: [{
        message: 'Deployment `web` field `spec.template.spec.containers[0].env[0].value`: expected a string, got the boolean `true` (unquoted `yes`, `on`, `y` and `true` are booleans in YAML 1.1); quote the value',
        line: 17, column: 22,
      }],
    },
    {
      name: 'a number in ConfigMap data and a number label value',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 1.0\ndata:\n  port: 8080\n',
      errors: [
        { message: 'ConfigMap `c` field `metadata.labels[version]`: expected a string, got the number `1`; quote the value', line: 6, column: 14 },
        { message: 'ConfigMap `c` field `data[port]`: expected a string, got the number `8080`; quote the value', line: 8, column: 9 },
      ],
    },
    {
      name: 'a number in args',
      code: deployment('          args: [--port, 8080]\n'),
      errors: [{ message: 'Deployment `web` field `spec.template.spec.containers[0].args[1]`: expected a string, got the number `8080`; quote the value', line: 15, column: 26 }],
    },
    {
      name: 'a quoted boolean',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: "true"\n  containers: [{name: a, image: nginx}]\n',
      errors: [{ message: 'Pod `p` field `spec.hostNetwork`: expected a boolean, got the string `"true"`; remove the quotes', line: 5, column: 16 }],
    },
    {
      name: 'IntOrString and Quantity of the wrong type: one finding each',
      code: deployment('          resources:\n            limits: {cpu: {amount: 1}}\n', '  strategy:\n    rollingUpdate: {maxSurge: true}\n'),
      errors: [
        { message: 'Deployment `web` field `spec.strategy.rollingUpdate.maxSurge`: expected an integer or a string, got the boolean `true`', line: 9, column: 31 },
        { message: 'Deployment `web` field `spec.template.spec.containers[0].resources.limits[cpu]`: expected a string or a number, got a map', line: 18, column: 27 },
      ],
    },
    {
      name: 'duplicate env names are a warning, duplicate volumes an error',
      code: deployment('          env:\n            - {name: A, value: "1"}\n            - {name: A, value: "2"}\n      volumes:\n        - {name: data, emptyDir: {}}\n        - {name: data, emptyDir: {}}\n'),
      errors: [
        { message: 'Deployment `web` has a duplicate entry in `spec.template.spec.containers[0].env`: `name` `A` appears twice (items 0 and 1); keep one', line: 17, column: 22, severity: 1 },
        { message: 'Deployment `web` has a duplicate entry in `spec.template.spec.volumes`: `name` `data` appears twice (items 0 and 1); keep one', line: 20, column: 18, severity: 2 },
      ],
    },
    {
      name: 'a typo of a required field is one finding, not two',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - nmae: a\n      image: nginx\n',
      errors: [{ message: 'Pod `p` has unknown field `spec.containers[0].nmae`; did you mean `name`?', line: 6, column: 7 }],
    },
    {
      name: 'a field 1.23 does not have',
      code: sidecar,
      options: { kubernetesVersion: '1.23' },
      errors: [{
        message: 'Deployment `web` has unknown field `spec.template.spec.initContainers[0].restartPolicy`, which apps/v1 Deployment in Kubernetes 1.23 does not have',
        line: 15, column: 11,
      }],
    },
    {
      name: 'an apiVersion served by 1.23 is checked in 1.23',
      code: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "@daily", jobTemplate: {}, bogus: 1}\n',
      options: { kubernetesVersion: '1.23' },
      errors: [{ message: 'CronJob `c` has unknown field `spec.bogus`, which batch/v1beta1 CronJob in Kubernetes 1.23 does not have', line: 4, column: 45 }],
    },
    {
      name: 'an invalid custom resource next to its CRD',
      code: `${crd}apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, nmae: x}\nspec:\n  port: true\n  sise: 3\n`,
      errors: [
        { message: 'Widget `w` has unknown field `metadata.nmae`; did you mean `name`?', line: 27, column: 21 },
        { message: 'Widget `w` field `spec.port`: expected an integer or a string, got the boolean `true`', line: 29, column: 9 },
        { message: 'Widget `w` has unknown field `spec.sise`; did you mean `size`?', line: 30, column: 3 },
      ],
    },
    {
      name: 'an unknown field of a custom resource without a suggestion',
      code: `${crd}apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 1\n  colour: red\n`,
      errors: [{ message: 'Widget `w` has unknown field `spec.colour`, which CustomResourceDefinition `widgets.example.com` does not declare', line: 30, column: 3 }],
    },
    {
      name: 'List items point into the list',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    data: {A: 1}\n',
      errors: [{ message: 'ConfigMap `a` field `data[A]`: expected a string, got the number `1`; quote the value', line: 7, column: 15 }],
    },
  ],
});

describe('schema-violation counts', () => {
  it('reports one finding per mistake in a manifest with several', async () => {
    const code = deployment(
      '          ports:\n            - containerport: 80\n          env:\n            - name: A\n              value: on\n        - image: busybox\n',
      '  replicas: "2"\n',
    );
    const messages = await lintText(code, rule);
    expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '8:13 Deployment `web` field `spec.replicas`: expected an integer, got the string `"2"`; remove the quotes',
      '17:15 Deployment `web` has unknown field `spec.template.spec.containers[0].ports[0].containerport`; did you mean `containerPort`?',
      '20:22 Deployment `web` field `spec.template.spec.containers[0].env[0].value`: expected a string, got the boolean `true` (unquoted `yes`, `on`, `y` and `true` are booleans in YAML 1.1); quote the value',
      '21:11 Deployment `web` is missing required field `spec.template.spec.containers[1].name`',
    ]);
  });

  it('does not modify the (frozen) value, nulls included', async () => {
    const code = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, creationTimestamp: null}\nspec:\n  selector: null\n  ports: [{port: 80, targetPort: null}]\n';
    expect(await lintText(code, rule)).toEqual([]);
  });
});
