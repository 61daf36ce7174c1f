import rule from '../../rules/missing-gateway-class.js';
import { testRule } from '../helpers/test-rule.js';

const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge}\nspec:\n  gatewayClassName: nginx\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n';
const gatewayClass = (name: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: ${name}}\nspec: {controllerName: example.com/c}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'declared external', code: gatewayClass('istio') + gateway, options: { external: ['gateway.networking.k8s.io/GatewayClass/nginx'] } },
  ],
  invalid: [
    {
      name: 'suggests the nearest class',
      code: gatewayClass('ngnix') + gateway,
      errors: [{
        message: 'Gateway `edge` has `gatewayClassName: nginx`, but no GatewayClass `nginx` is defined (GatewayClasses: `ngnix`), so no controller serves it; did you mean `ngnix`?',
        line: 10,
        column: 21,
        severity: 1,
      }],
    },
  ],
});
