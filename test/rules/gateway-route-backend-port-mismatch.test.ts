import rule from '../../rules/gateway-route-backend-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}, {port: 443}]}\n---\n';
const route = (backend: string, kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: web}\nspec:\n  rules:\n    - backendRefs: [${backend}]\n`;

testRule(rule, {
  valid: [
    { name: 'a missing Service is left to gateway-route-missing-backend', code: route('{name: nothing, port: 1}') },
    { name: 'mirror backend with a declared port', code: service + route('{name: web, port: 443, filters: [{type: RequestMirror, requestMirror: {backendRef: {name: web, port: 80}}}]}') },
  ],
  invalid: [
    {
      name: 'names the Service ports',
      code: service + route('{name: web, port: 8443}', 'TLSRoute'),
      errors: [{ message: 'TLSRoute `web` sends traffic to port `8443` of Service `web`, which does not declare it; Service ports: `80` (`http`), `443`', line: 11, column: 39 }],
    },
    {
      name: 'a missing port is reported even when the Service is not in the run',
      code: route('{name: elsewhere}'),
      errors: [{ message: 'HTTPRoute `web` sends traffic to Service `elsewhere` without a `port`, which a Service backendRef requires', line: 6, column: 21 }],
    },
    {
      name: 'a mirror backend without a port',
      code: service + route('{name: web, port: 80, filters: [{type: RequestMirror, requestMirror: {backendRef: {name: web}}}]}'),
      errors: [{ message: /without a `port`, which a Service backendRef requires; Service ports: `80` \(`http`\), `443`$/, line: 11, column: 103 }],
    },
  ],
});
