import rule from '../../rules/invalid-port.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (ports: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx\n      ports: ${ports}\n`;
const service = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: ${ports}\n`;

testRule(rule, {
  valid: [
    { name: 'hostPort 0 is unset', code: pod('[{containerPort: 80, hostPort: 0}]') },
    { name: 'non-integer containerPort (schema rules own it)', code: pod('[{containerPort: "80"}]') },
    { name: 'targetPort 0 and "" are defaulted to port', code: service('[{name: a, port: 80, targetPort: 0}, {name: b, port: 81, targetPort: ""}]') },
    { name: 'same port on two protocols', code: service('[{name: a, port: 53}, {name: b, port: 53, protocol: UDP}]') },
    { name: 'not a core Service', code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  ports: [{port: 0}]\n' },
  ],
  invalid: [
    {
      name: 'uppercase container port name',
      code: pod('[{name: HTTP, containerPort: 80}]'),
      errors: [{ message: 'Pod `p` container `a` port name `HTTP` is not a valid IANA port name: it may contain only lowercase letters, digits and `-`', line: 8, column: 22, endColumn: 26 }],
    },
    {
      name: 'digits-only container port name',
      code: pod('[{name: "8080", containerPort: 8080}]'),
      errors: [{ message: 'Pod `p` container `a` port name `8080` is not a valid IANA port name: it must contain at least one letter', line: 8, column: 22 }],
    },
    {
      name: 'double hyphen and zero containerPort',
      code: pod('[{name: a--b, containerPort: 0}]'),
      errors: [
        { message: 'Pod `p` container `a` port name `a--b` is not a valid IANA port name: it must not contain consecutive hyphens', line: 8, column: 22 },
        { message: 'Pod `p` container `a` containerPort `0` is not a valid port number (1-65535)', line: 8, column: 43 },
      ],
    },
    {
      name: 'negative hostPort in a Deployment init container',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: i, image: x, ports: [{containerPort: 80, hostPort: -1}]}]\n      containers: [{name: a, image: x}]\n',
      errors: [{ message: 'Deployment `d` init container `i` hostPort `-1` is not a valid port number (1-65535)', line: 7, column: 82 }],
    },
    {
      name: 'Service port name with an underscore',
      code: service('[{name: http_alt, port: 8080}]'),
      errors: [{ message: 'Service `s` port name `http_alt` is not a DNS-1123 label: it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit', line: 5, column: 18 }],
    },
    {
      name: 'duplicate Service port name',
      code: service('[{name: web, port: 80}, {name: web, port: 443}]'),
      errors: [{ message: 'Service `s` uses port name `web` more than once; port names must be unique within a Service', line: 5, column: 41 }],
    },
    {
      name: 'Service port and targetPort out of range',
      code: service('[{port: 0, targetPort: 70000}]'),
      errors: [
        { message: 'Service `s` port `0` is not a valid port number (1-65535)', line: 5, column: 18 },
        { message: 'Service `s` targetPort `70000` is not a valid port number (1-65535)', line: 5, column: 33 },
      ],
    },
    {
      name: 'named targetPort too long',
      code: service('[{port: 80, targetPort: prometheus-metrics}]'),
      errors: [{ message: 'Service `s` targetPort `prometheus-metrics` is not a valid IANA port name: it is longer than 15 characters', line: 5, column: 34 }],
    },
    {
      name: 'quoted numeric targetPort',
      code: service('[{port: 80, targetPort: "8080"}]'),
      errors: [{ message: 'Service `s` targetPort `8080` is not a valid IANA port name: it must contain at least one letter; write the number without quotes (`targetPort: 8080`)', line: 5, column: 34 }],
    },
    {
      name: 'nodePort outside the default range is a warning',
      code: service('[{port: 80, nodePort: 80}]').replace('spec:\n', 'spec:\n  type: LoadBalancer\n'),
      errors: [{ message: 'Service `s` nodePort `80` is outside the default NodePort range 30000-32767; the API server rejects it unless its `--service-node-port-range` includes it', line: 6, column: 32, severity: 1 }],
    },
    {
      name: 'hostPort other than containerPort under hostNetwork',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers: [{name: a, image: x, ports: [{containerPort: 9100, hostPort: 9101}, {containerPort: 9200}, {containerPort: 9300, hostPort: 9300}]}]\n',
      errors: [{ message: 'DaemonSet `d` container `a` hostPort `9101` differs from containerPort `9100`, which the API server rejects under `hostNetwork: true` (the container listens on the host directly); remove hostPort or make it equal', line: 8, column: 80 }],
    },
    {
      name: 'nodePort on a Service without type (ClusterIP)',
      code: service('[{name: web, port: 80, nodePort: 30080}]'),
      errors: [{ message: 'Service `s` port `web` sets nodePort `30080`, which the API server forbids on a `ClusterIP` Service (the default type); set `type: NodePort` or `LoadBalancer`, or remove the nodePort', line: 5, column: 43, severity: 2 }],
    },
    {
      name: 'duplicate port with the protocol defaulted',
      code: service('[{name: a, port: 80}, {name: b, port: 80, protocol: TCP}]'),
      errors: [{ message: 'Service `s` declares port `80/TCP` more than once; each port and protocol pair must be unique', line: 5, column: 48 }],
    },
  ],
});
