import rule from '../../rules/invalid-ingress-path.js';
import { testRule } from '../helpers/test-rule.js';

const ingress = (path: string, apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - http:\n        paths:\n          - {${path}, backend: {service: {name: s, port: {number: 80}}}}\n`;

testRule(rule, {
  valid: [
    { name: 'ImplementationSpecific without a path', code: ingress('pathType: ImplementationSpecific') },
    { name: 'unknown pathType (invalid-field-value owns it)', code: ingress('path: api, pathType: prefix') },
    { name: 'v1 without pathType (schema rules own it)', code: ingress('path: api') },
    { name: 'non-string path', code: ingress('path: 12, pathType: Prefix') },
  ],
  invalid: [
    {
      name: 'relative Exact path, with a suggestion',
      code: ingress('path: healthz, pathType: Exact'),
      errors: [
        {
          message: 'Ingress `i` path `healthz` with pathType `Exact` is rejected by the API server: it must be an absolute path (start with `/`); did you mean `/healthz`?',
          line: 8,
          column: 20,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'relative ImplementationSpecific path',
      code: ingress('path: "api/.*", pathType: ImplementationSpecific'),
      errors: [{ message: 'Ingress `i` path `api/.*` with pathType `ImplementationSpecific` is rejected by the API server: it must be an absolute path (start with `/`); did you mean `/api/.*`?', line: 8, column: 20 }],
    },
    {
      name: 'encoded slash',
      code: ingress('path: /a%2Fb, pathType: Prefix'),
      errors: [{ message: 'Ingress `i` path `/a%2Fb` with pathType `Prefix` is rejected by the API server: it must not contain `%2F`', line: 8, column: 20 }],
    },
    {
      name: 'dot segment',
      code: ingress('path: /a/./b, pathType: Prefix'),
      errors: [{ message: 'Ingress `i` path `/a/./b` with pathType `Prefix` is rejected by the API server: it must not contain `/./`', line: 8, column: 20 }],
    },
    {
      name: 'legacy networking.k8s.io/v1beta1 defaults pathType to ImplementationSpecific',
      code: ingress('path: v2', 'networking.k8s.io/v1beta1'),
      errors: [{ message: /path `v2` with pathType `ImplementationSpecific` is rejected by the API server: it must be an absolute path/, line: 8, column: 20 }],
    },
    {
      name: 'legacy Prefix path with a trailing dot',
      code: ingress('path: /x/., pathType: Prefix', 'extensions/v1beta1'),
      errors: [{ message: 'Ingress `i` path `/x/.` with pathType `Prefix` is rejected by the API server: it must not end with `/.`', line: 8, column: 20 }],
    },
  ],
});
