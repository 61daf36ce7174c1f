import rule from '../../rules/invalid-annotation.js';
import { testRule } from '../helpers/test-rule.js';

const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const PREFIX =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const configMap = (annotations: string, data = '{a: b}') =>
  ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: big', `  annotations: ${annotations}`, `data: ${data}`].join('\n');

testRule(rule, {
  valid: [
    { name: 'uppercase keys are checked lowercased', code: configMap('{Owner: x, ACME.io/Team: y}') },
    { name: 'empty annotations', code: configMap('{}') },
    { name: 'templated key', code: configMap('{"${PREFIX}/owner": x}') },
    {
      name: 'an exported object already carries last-applied-configuration',
      code: configMap('{kubectl.kubernetes.io/last-applied-configuration: "{}"}', `{blob: ${'x'.repeat(300 * 1024)}}`),
    },
  ],
  invalid: [
    {
      name: 'key ending with a dot',
      code: configMap('{owner.: x}'),
      errors: [{ message: `ConfigMap \`big\` annotation key \`owner.\` is invalid: ${NAME_PART}`, line: 5, column: 17, endColumn: 23 }],
    },
    {
      name: 'prefix with an underscore',
      code: configMap('{my_org/owner: x}'),
      errors: [{ message: `ConfigMap \`big\` annotation key \`my_org/owner\` is invalid: ${PREFIX}`, line: 5, column: 17 }],
    },
    {
      name: 'pod template annotation',
      code: [
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  selector: {matchLabels: {app: agent}}',
        '  template:',
        '    metadata: {labels: {app: agent}, annotations: {"container.apparmor.security.beta.kubernetes.io/": x}}',
        '    spec: {containers: [{name: agent, image: acme/agent:1}]}',
      ].join('\n'),
      errors: [
        {
          message: 'DaemonSet `agent` pod template annotation key `container.apparmor.security.beta.kubernetes.io/` is invalid: name part must be non-empty; ' + NAME_PART,
          line: 7,
          column: 52,
        },
      ],
    },
    {
      name: 'annotations over 256 KiB',
      code: configMap(`{a: ${'x'.repeat(256 * 1024)}}`),
      errors: [{ message: 'ConfigMap `big` annotations total 262145 bytes, over the limit of 262144 bytes (256 KiB)', line: 5, column: 3, endColumn: 14 }],
    },
    {
      name: 'annotations just under the limit: only client-side apply fails',
      code: configMap(`{a: ${'x'.repeat(256 * 1024 - 1)}}`),
      errors: [{ message: /^ConfigMap `big` is 262247 bytes as JSON, too large/, line: 3, column: 1, severity: 1 }],
    },
    {
      name: 'multi-byte characters count as bytes',
      code: configMap(`{a: ${'é'.repeat(128 * 1024)}}`),
      errors: [{ message: 'ConfigMap `big` annotations total 262145 bytes, over the limit of 262144 bytes (256 KiB)', line: 5, column: 3 }],
    },
    {
      name: 'object too large for client-side apply (a warning)',
      code: configMap('{owner: ops}', `{blob: ${'x'.repeat(256 * 1024)}}`),
      errors: [
        {
          message:
            'ConfigMap `big` is 262257 bytes as JSON, too large for the `kubectl.kubernetes.io/last-applied-configuration` annotation that client-side `kubectl apply` adds (limit 262144 bytes); use `kubectl apply --server-side`',
          line: 3,
          column: 1,
          severity: 1,
        },
      ],
    },
  ],
});
