import rule from '../../rules/gateway-route-missing-parent.js';
import { testRule } from '../helpers/test-rule.js';

const gateway = (name: string, namespace: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  gatewayClassName: x\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n---\n`;
const route = (parent: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web}\nspec:\n  parentRefs: [${parent}]\n`;

testRule(rule, {
  valid: [
    { name: 'no Gateway in the run at all (the cluster operator applies them)', code: route('{name: edge}') },
    { name: 'declared external', code: gateway('other', 'infra') + route('{name: edge, namespace: platform}'), options: { external: ['gateway.networking.k8s.io/Gateway/platform/edge'] } },
  ],
  invalid: [
    {
      name: 'a Gateway of that name in another namespace',
      code: gateway('edge', 'infra') + route('{name: edge}'),
      errors: [{ message: 'HTTPRoute `web` attaches to Gateway `edge`, which does not exist in namespace `default`, so no Gateway serves it; a Gateway `edge` exists in namespace `infra`: set `namespace: infra` on the parentRef', line: 12, column: 23, severity: 2 }],
    },
    {
      name: 'a namespace without objects in the run is a warning',
      code: gateway('edge', 'infra') + route('{name: edge, namespace: platform}'),
      errors: [{ message: /Gateway `edge`, which does not exist in namespace `platform`/, line: 12, column: 23, severity: 1 }],
    },
    {
      name: 'port only',
      code: gateway('edge', 'default') + route('{name: edge, port: 443}'),
      errors: [{ message: 'HTTPRoute `web` attaches to port `443` of Gateway `edge`, which has no such listener; listeners: `http` (80/HTTP)', line: 12, column: 35 }],
    },
  ],
});
