import rule from '../../rules/missing-ingress-class.js';
import { testRule } from '../helpers/test-rule.js';

const ingressClass = (name: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ${name}}\nspec: {controller: k8s.io/ingress-nginx}\n---\n`;
const ingress = (className: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: ${className}\n`;

testRule(rule, {
  valid: [
    { name: 'an IngressClass declared in the configuration', code: ingressClass('nginx') + ingress('haproxy'), options: { external: ['networking.k8s.io/IngressClass/haproxy'] } },
  ],
  invalid: [
    {
      name: 'lists the classes and suggests the closest',
      code: ingressClass('nginx') + ingressClass('traefik') + ingress('ngnix'),
      errors: [{
        message: 'Ingress `web` has `ingressClassName: ngnix`, but no IngressClass `ngnix` is defined (IngressClasses: `nginx`, `traefik`), so no ingress controller serves it; did you mean `nginx`?',
        line: 15,
        column: 21,
      }],
    },
    {
      name: 'no close candidate',
      code: ingressClass('nginx') + ingress('alb'),
      errors: [{
        message: 'Ingress `web` has `ingressClassName: alb`, but no IngressClass `alb` is defined (IngressClasses: `nginx`), so no ingress controller serves it',
        line: 10,
        column: 21,
      }],
    },
  ],
});
