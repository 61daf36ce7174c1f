import rule from '../../rules/monitor-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const monitor = (spec: string, kind = 'ServiceMonitor') => `apiVersion: monitoring.coreos.com/v1\nkind: ${kind}\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}\n`;
const service = (namespace: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${namespace}, labels: {app: web}}\nspec: {ports: [{port: 80}]}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'any namespace', code: service('other') + monitor('  namespaceSelector: {any: true}\n  selector: {matchLabels: {app: web}}\n  endpoints: [{port: http}]') },
    { name: 'an empty selector selects every Service', code: service('shop') + monitor('  selector: {}\n  endpoints: [{port: http}]') },
    { name: 'malformed selectors are left to validation', code: monitor('  selector: {matchExpressions: [{key: a, operator: Equals}]}\n  endpoints: [{port: http}]') },
  ],
  invalid: [
    {
      name: 'pods of another namespace match',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: other, labels: {app: web}}\nspec: {containers: [{name: c, image: nginx}]}\n---\n' + monitor('  selector: {matchLabels: {app: web}}\n  podMetricsEndpoints: [{port: http}]', 'PodMonitor'),
      errors: [{ message: 'PodMonitor `web` selects pods labelled `app=web` in namespace `shop`, but none matches, so Prometheus scrapes nothing from it; pods of Pod `web` in namespace `other` match: add `other` to `namespaceSelector.matchNames`', line: 10, column: 3, severity: 1 }],
    },
    {
      name: 'no Service in the namespace at all: a warning',
      code: monitor('  selector: {matchLabels: {app: web}}\n  endpoints: [{port: http}]'),
      errors: [{ message: 'ServiceMonitor `web` selects Services labelled `app=web` in namespace `shop`, but none matches, so Prometheus scrapes nothing from it; namespace `shop` has no Services in the linted files', line: 5, column: 3, severity: 1 }],
    },
    {
      name: 'any namespace without a match: a warning',
      code: service('other') + monitor('  namespaceSelector: {any: true}\n  selector: {matchLabels: {app: api}}\n  podMetricsEndpoints: [{port: http}]', 'PodMonitor'),
      errors: [{ message: 'PodMonitor `web` selects pods labelled `app=api` in any namespace, but none matches, so Prometheus scrapes nothing from it; any namespace has no pods in the linted files', line: 11, column: 3, severity: 1 }],
    },
    {
      name: 'matchNames with a linted namespace: an error naming the closest Service',
      code: service('a') + monitor('  namespaceSelector: {matchNames: [a, b]}\n  selector: {matchLabels: {app: webb}}\n  endpoints: [{port: http}]'),
      errors: [{ message: 'ServiceMonitor `web` selects Services labelled `app=webb` in namespaces `a`, `b`, but none matches, so Prometheus scrapes nothing from it; Service `web` is labelled `app=web`', line: 11, column: 33, severity: 2 }],
    },
  ],
});
