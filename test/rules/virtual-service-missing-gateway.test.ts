import rule from '../../rules/virtual-service-missing-gateway.js';
import { testRule } from '../helpers/test-rule.js';

const vs = (gateway: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web, namespace: apps}\nspec:\n  hosts: [web.example.com]\n  gateways: [${gateway}]\n`;
const gateway = (name: string, namespace: string) => `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'mesh only', code: vs('mesh') },
    { name: 'a Gateway API Gateway does not count, but a declared external one does', code: vs('istio-system/ingress'), options: { external: ['networking.istio.io/Gateway/istio-system/ingress'] } },
  ],
  invalid: [
    {
      name: 'the Gateway of another namespace',
      code: gateway('public', 'istio-system') + vs('public'),
      errors: [{
        message: 'VirtualService `web` binds to gateway `public`, but Gateway `public` does not exist in namespace `apps`: its routes are never served there; Gateway `public` exists in namespace `istio-system`',
        line: 11,
        column: 14,
        severity: 2,
      }],
    },
    {
      name: 'a warning when the run defines no Gateway there',
      code: vs('istio-system/ingressgateway'),
      errors: [{ message: /Gateway `ingressgateway` does not exist in namespace `istio-system`: its routes are never served there; namespace `istio-system` defines no Gateway$/, line: 6, column: 14, severity: 1 }],
    },
  ],
});
