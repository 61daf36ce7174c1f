import rule from '../../rules/gateway-route-missing-backend.js';
import { testRule } from '../helpers/test-rule.js';

const service = (name: string, namespace = 'default') => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n---\n`;
const route = (kind: string, backend: string, apiVersion = 'gateway.networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: web}\nspec:\n  parentRefs: [{name: edge}]\n  rules:\n    - backendRefs: [${backend}]\n`;

testRule(rule, {
  valid: [
    { name: 'v1beta1 HTTPRoute', code: service('web') + route('HTTPRoute', '{name: web, port: 80}', 'gateway.networking.k8s.io/v1beta1') },
    { name: 'UDPRoute with an explicit core group and kind', code: service('dns') + route('UDPRoute', '{group: "", kind: Service, name: dns, port: 80}', 'gateway.networking.k8s.io/v1alpha2') },
    { name: 'declared external', code: route('TLSRoute', '{name: vault, port: 8200}'), options: { external: ['Service/default/vault'] } },
  ],
  invalid: [
    {
      name: 'lists the Services of the namespace when none is close',
      code: service('api') + service('frontend') + route('HTTPRoute', '{name: web, port: 80}'),
      errors: [{
        message: 'HTTPRoute `web` sends traffic to Service `web`, which does not exist in namespace `default`, so those requests get 500; Services in namespace `default`: `api`, `frontend`',
        line: 17,
        column: 28,
        severity: 2,
      }],
    },
    {
      name: 'a namespace without objects in the run is a warning',
      code: route('TCPRoute', '{name: db, namespace: data, port: 5432}', 'gateway.networking.k8s.io/v1alpha2'),
      errors: [{ message: /Service `db`, which does not exist in namespace `data`, so its connections are dropped; namespace `data` defines no Service$/, line: 7, column: 28, severity: 1 }],
    },
    {
      name: 'points at the Service of the same name in another namespace',
      code: service('web', 'shop') + route('HTTPRoute', '{name: web, port: 80}'),
      errors: [{ message: /; a Service `web` exists in namespace `shop`: set `namespace: shop` on the backendRef$/, line: 12, column: 28 }],
    },
  ],
});
