import rule from '../../rules/destination-rule-subset-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const run = (subset: string) => [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: api}',
  'spec: {selector: {app: api}, ports: [{port: 80}]}',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: api-stable}',
  'spec: {template: {metadata: {labels: {app: api, track: stable}}, spec: {containers: [{name: a, image: nginx}]}}}',
  '---',
  'apiVersion: networking.istio.io/v1',
  'kind: DestinationRule',
  'metadata: {name: api}',
  'spec:',
  '  host: api',
  `  subsets: [${subset}]`,
].join('\n');

testRule(rule, {
  valid: [
    { name: 'a subset of the pods', code: run('{name: stable, labels: {track: stable}}') },
    { name: 'a host outside the run', code: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: x}\nspec: {host: x, subsets: [{name: a, labels: {v: a}}]}\n' },
    { name: 'a Service that selects no pod (service-selector-mismatch owns it)', code: run('{name: stable, labels: {track: stable}}').replace('{app: api}', '{app: other}') },
  ],
  invalid: [
    {
      name: 'a label value no pod has, naming the closest pods',
      code: run('{name: canary, labels: {track: canary}}'),
      errors: [{
        message: 'DestinationRule `api` subset `canary` selects pods of Service `api` labelled `app=api, track=canary`, but no pod template in namespace `default` has them: the subset has no endpoints and Envoy answers 503; pods of Deployment `api-stable` are labelled `app=api, track=stable`',
        line: 16,
        column: 44,
      }],
    },
    {
      name: 'a subset that contradicts the Service selector',
      code: run('{name: other, labels: {app: web}}'),
      errors: [{ message: /subset `other` selects pods of Service `api` labelled `app=web`/, line: 16, column: 41 }],
    },
  ],
});
