import rule from '../../rules/virtual-service-missing-host.js';
import { testRule } from '../helpers/test-rule.js';

const service = (name: string, namespace: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {ports: [{port: 80}]}\n---\n`;

const vs = (host: string, namespace = 'web') => [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  `metadata: {name: front, namespace: ${namespace}}`,
  'spec:',
  '  hosts: [front]',
  '  http:',
  '    - route:',
  '        - destination:',
  `            host: ${host}`,
].join('\n');

testRule(rule, {
  valid: [
    { name: 'two labels naming no namespace of the run read as an external domain', code: service('api', 'web') + vs('example.com') },
    { name: 'an IP address', code: vs('10.0.0.1') },
    { name: 'a Service declared in the configuration (external)', code: vs('billing.finance.svc.cluster.local'), options: { external: ['Service/finance/billing'] } },
  ],
  invalid: [
    {
      name: 'names the Service meant, with a did-you-mean',
      code: service('front-end', 'web') + vs('frontend'),
      errors: [{
        message: 'VirtualService `front` routes to host `frontend`, but Service `frontend` does not exist in namespace `web` and no ServiceEntry declares it: Envoy drops the traffic with 503; did you mean `front-end`?',
        line: 14,
        column: 19,
        severity: 2,
      }],
    },
    {
      name: 'name.ns of a namespace the run knows',
      code: service('api', 'web') + vs('cart.web'),
      errors: [{ message: /Service `cart` does not exist in namespace `web` and no ServiceEntry declares it: Envoy drops the traffic with 503; namespace `web` defines Service `api`$/, line: 14, column: 19, severity: 2 }],
    },
    {
      name: 'a mirrors destination',
      code: service('front', 'web') + vs('front').replace('    - route:', '    - mirrors: [{destination: {host: shadow}, percentage: {value: 5}}]\n      route:'),
      errors: [{ message: /routes to host `shadow`, but Service `shadow` does not exist in namespace `web`/, line: 12, column: 38 }],
    },
    {
      name: 'a warning when the run defines no Service in the namespace',
      code: vs('payments.billing.svc'),
      errors: [{ message: /Service `payments` does not exist in namespace `billing`.*; namespace `billing` defines no Service$/, line: 9, column: 19, severity: 1 }],
    },
  ],
});
