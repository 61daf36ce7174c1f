import rule from '../../rules/rollout-service-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const service = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: ${selector}, ports: [{port: 80}]}\n---\n`;
const rollout = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Rollout',
  'metadata: {name: web}',
  'spec:',
  '  template: {metadata: {labels: {app: web, track: stable}}, spec: {containers: [{name: a, image: nginx}]}}',
  '  strategy:',
  '    blueGreen: {activeService: web}',
].join('\n');

testRule(rule, {
  valid: [
    { name: 'a subset of the pod labels', code: service('{app: web}') + rollout },
    { name: 'a Service without selector', code: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n---\n' + rollout },
  ],
  invalid: [
    {
      name: 'an extra label the pods lack',
      code: service('{app: web, version: v2}') + rollout,
      errors: [{
        message: 'Rollout `web` uses Service `web` as `activeService`, but the Service selects `app=web, version=v2` and the pods of Rollout `web` are labelled `app=web, track=stable`: the Service gets no endpoints of this Rollout; missing: `version=v2`',
        line: 12,
        column: 32,
      }],
    },
  ],
});
