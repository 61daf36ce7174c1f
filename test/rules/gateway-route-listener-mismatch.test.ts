import rule from '../../rules/gateway-route-listener-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const gateway = (listeners: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: infra}\nspec:\n  gatewayClassName: x\n  listeners: [${listeners}]\n---\n`;
const route = (kind: string, extra = '') => `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata: {name: web, namespace: shop}\nspec:\n  parentRefs: [{name: edge, namespace: infra}]\n${extra}`;

testRule(rule, {
  valid: [
    { name: 'a Selector is not evaluated without the Namespace object', code: gateway('{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {x: y}}}}}') + route('HTTPRoute') },
    { name: 'kubernetes.io/metadata.name is on every Namespace', code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n' + gateway('{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {kubernetes.io/metadata.name: shop}}}}}') + route('HTTPRoute') },
    { name: 'GRPCRoute on an HTTPS listener, wildcard route hostname', code: gateway('{name: a, hostname: api.example.com, port: 443, protocol: HTTPS, allowedRoutes: {namespaces: {from: All}}}') + route('GRPCRoute', '  hostnames: ["*.example.com"]\n') },
    { name: 'implementation-specific protocol', code: gateway('{name: a, port: 80, protocol: example.com/quic, allowedRoutes: {namespaces: {from: All}}}') + route('UDPRoute') },
    { name: 'one admitting listener is enough', code: gateway('{name: a, port: 80, protocol: TCP}, {name: b, port: 81, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}') + route('HTTPRoute') },
  ],
  invalid: [
    {
      name: 'a selector on kubernetes.io/metadata.name alone needs no Namespace object',
      code: gateway('{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [web, api]}]}}}}') + route('HTTPRoute'),
      errors: [{ message: 'HTTPRoute `web` cannot attach to Gateway `edge`: listener `a` accepts only routes of namespaces labelled `kubernetes.io/metadata.name in (web, api)`, which namespace `shop` is not', line: 12, column: 16 }],
    },
    {
      name: 'explicit kinds',
      code: gateway('{name: a, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}}') + route('HTTPRoute'),
      errors: [{ message: 'HTTPRoute `web` cannot attach to Gateway `edge`: listener `a` accepts only GRPCRoute', line: 12, column: 16 }],
    },
    {
      name: 'every listener refuses, each for its reason',
      code: gateway('{name: a, port: 53, protocol: UDP, allowedRoutes: {namespaces: {from: All}}}, {name: b, port: 80, protocol: HTTP}') + route('HTTPRoute'),
      errors: [{
        message: 'HTTPRoute `web` cannot attach to Gateway `edge`: listener `a` accepts only UDPRoute; listener `b` accepts only routes of namespace `infra` (`allowedRoutes.namespaces.from: Same`, the default)',
        line: 12,
        column: 16,
      }],
    },
  ],
});
