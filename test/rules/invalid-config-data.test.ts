import rule from '../../rules/invalid-config-data.js';
import { testRule } from '../helpers/test-rule.js';

const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n${body}`;
const configMap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n${body}`;

testRule(rule, {
  valid: [
    { name: 'base64 wrapped over lines', code: secret('data:\n  key: |\n    aGVsbG8g\n    d29ybGQ=\n') },
    { name: 'templated values and keys are not judged', code: secret('data:\n  token: "{{ .Values.token }}"\n  "{{ .Values.key }}": YQ==\n') },
    { name: 'Opaque and custom types need no keys', code: secret('type: example.com/custom\nstringData: {a: b}\n') },
  ],
  invalid: [
    {
      name: 'a key in both data and binaryData',
      code: configMap('data: {logo: x}\nbinaryData: {logo: eA==}\n'),
      errors: [{ message: 'ConfigMap `c` has key `logo` in both `data` and `binaryData`, which the API server rejects; keep it in one', line: 5, column: 14 }],
    },
    {
      name: 'keys `..x` and a space',
      code: configMap('data: {..x: a, "my key": b}\n'),
      errors: [
        { message: 'ConfigMap `c` key `..x` is not valid: it must not start with `..`', line: 4, column: 8 },
        { message: 'ConfigMap `c` key `my key` is not valid: it may contain only letters, digits, `-`, `_` and `.`', line: 4, column: 16 },
      ],
    },
    {
      name: 'dockerconfigjson without its key, basic-auth without username or password',
      code: secret('type: kubernetes.io/dockerconfigjson\ndata: {config.json: e30=}\n') + '---\n' + secret('type: kubernetes.io/basic-auth\nstringData: {user: a}\n'),
      errors: [
        { message: 'Secret `s` of type `kubernetes.io/dockerconfigjson` has no key `.dockerconfigjson`, which the API server requires; add it under `data` or `stringData`', line: 4, column: 7 },
        { message: 'Secret `s` of type `kubernetes.io/basic-auth` has no key `password` or `username`, which the API server requires; add it under `data` or `stringData`', line: 10, column: 7 },
      ],
    },
  ],
});
