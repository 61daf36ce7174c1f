import rule from '../../rules/missing-reference-grant.js';
import { testRule } from '../helpers/test-rule.js';

const grant = (from: string, to: string) =>
  `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: data}\nspec:\n  from: [${from}]\n  to: [${to}]\n---\n`;
const route = (kind: string) =>
  `apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: ${kind}\nmetadata: {name: db, namespace: infra}\nspec:\n  rules:\n    - backendRefs: [{name: postgres, namespace: data, port: 5432}]\n`;

testRule(rule, {
  valid: [
    { name: 'TCPRoute granted by name', code: grant('{group: gateway.networking.k8s.io, kind: TCPRoute, namespace: infra}', '{group: "", kind: Service, name: postgres}') + route('TCPRoute') },
  ],
  invalid: [
    {
      name: 'a grant for another route kind',
      code: grant('{group: gateway.networking.k8s.io, kind: TCPRoute, namespace: infra}', '{group: "", kind: Service}') + route('TLSRoute'),
      errors: [{
        message: 'TLSRoute `db` refers to Service `postgres` in namespace `data`, but no ReferenceGrant there allows TLSRoutes of namespace `infra` to refer to it, so the reference is refused (RefNotPermitted); ReferenceGrant `g` allows TCPRoute of `infra` to Service',
        line: 13,
        column: 49,
        severity: 2,
      }],
    },
    {
      name: 'a namespace without linted objects is a warning',
      code: route('UDPRoute'),
      errors: [{ message: /; namespace `data` has no ReferenceGrant$/, line: 6, column: 49, severity: 1 }],
    },
  ],
});
