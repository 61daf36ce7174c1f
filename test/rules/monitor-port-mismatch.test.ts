import rule from '../../rules/monitor-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const service = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, labels: {app: web}}\nspec: {ports: [${ports}]}\n---\n`;
const monitor = (endpoint: string) => `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  endpoints: [${endpoint}]\n`;

testRule(rule, {
  valid: [
    { name: 'a monitor selecting nothing is left to monitor-selector-mismatch', code: monitor('{port: nothing}') },
    { name: 'targetPort of a Service without pod selector is not checked', code: service('{name: http, port: 80}') + monitor('{targetPort: 9999}') },
  ],
  invalid: [
    {
      name: 'the Service port number instead of its name',
      code: service('{name: metrics, port: 9090}') + monitor('{port: "9090"}'),
      errors: [{ message: 'ServiceMonitor `web` scrapes Service port `9090`, but no selected Service (`web`) has a port of that name; `port` takes the Service port\'s name, not its number: use `metrics`', line: 11, column: 22 }],
    },
    {
      name: 'an unnamed Service port',
      code: service('{port: 9090}') + monitor('{port: metrics}'),
      errors: [{ message: /has a port of that name; Service ports: `9090` \(unnamed\)$/, line: 11, column: 22 }],
    },
  ],
});
