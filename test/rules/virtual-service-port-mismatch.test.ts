import rule from '../../rules/virtual-service-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  ports: [{name: http, port: 80, targetPort: 8080}, {port: 9090}]\n---\n';
const vs = (host: string, port: number) => [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: api}',
  'spec:',
  '  hosts: [api]',
  '  http:',
  '    - mirror:',
  `        host: ${host}`,
  `        port: {number: ${port}}`,
].join('\n');

testRule(rule, {
  valid: [
    { name: 'a declared port', code: service + vs('api', 9090) },
    { name: 'a missing Service (virtual-service-missing-host owns it)', code: vs('other', 1) },
    { name: 'an ExternalName Service', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {type: ExternalName, externalName: api.example.com}\n---\n' + vs('api', 443) },
  ],
  invalid: [
    {
      name: 'the targetPort of a Service port',
      code: service + vs('api.default.svc.cluster.local', 8080),
      errors: [{
        message: 'VirtualService `api` routes to port `8080` of Service `api`, which does not declare it: Envoy has no cluster for it and answers 503; ports: `80` (`http`), `9090`; `8080` is the targetPort of Service port `80`',
        line: 15,
        column: 24,
      }],
    },
  ],
});
