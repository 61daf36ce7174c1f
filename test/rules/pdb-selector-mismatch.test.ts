import rule from '../../rules/pdb-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const workloads = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec: {template: {metadata: {labels: {app: web, tier: front}}, spec: {containers: [{name: a, image: nginx}]}}}',
  '---',
  'apiVersion: batch/v1',
  'kind: CronJob',
  'metadata: {name: report}',
  'spec: {schedule: "0 * * * *", jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {containers: [{name: a, image: busybox}]}}}}}',
  '---',
].join('\n');

const pdb = (spec: string, apiVersion = 'policy/v1') => [
  `apiVersion: ${apiVersion}`,
  'kind: PodDisruptionBudget',
  'metadata: {name: web}',
  'spec:',
  '  maxUnavailable: 1',
  ...spec.split('\n').map((line) => `  ${line}`),
].join('\n');

testRule(rule, {
  valid: [
    { name: 'matches a CronJob pod template', code: workloads + '\n' + pdb('selector: {matchLabels: {app: report}}') },
    { name: 'NotIn is satisfied by pods without the label', code: workloads + '\n' + pdb('selector: {matchExpressions: [{key: track, operator: NotIn, values: [canary]}]}') },
    { name: 'malformed selectors are left to validation', code: workloads + '\n' + pdb('selector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}') },
  ],
  invalid: [
    {
      name: 'names the closest pod template',
      code: workloads + '\n' + pdb('selector:\n  matchLabels: {app: web, tier: back}'),
      errors: [{
        message: 'PodDisruptionBudget `web` selects `app=web, tier=back`, but no pod in namespace `default` has those labels, so it protects nothing; pods of Deployment `web` are labelled `app=web, tier=front`',
        line: 17,
        column: 35,
      }],
    },
    {
      name: 'a selector with an expression no pod satisfies',
      code: workloads + '\n' + pdb('selector:\n  matchExpressions:\n    - {key: app, operator: In, values: [api, worker]}'),
      errors: [{
        message: 'PodDisruptionBudget `web` selects `app in (api, worker)`, but no pod in namespace `default` has those labels, so it protects nothing; pods of Deployment `web` are labelled `app=web, tier=front`',
        line: 18,
        column: 9,
      }],
    },
    {
      name: 'no selector at all',
      code: workloads + '\n' + pdb(''),
      errors: [{
        message: 'PodDisruptionBudget `web` has no `spec.selector`, so it selects no pods and protects nothing; pods of Deployment `web` are labelled `app=web, tier=front`',
        line: 14,
        column: 1,
      }],
    },
    {
      name: 'a namespace without pod templates',
      code: pdb('selector: {matchLabels: {app: web}}'),
      errors: [{
        message: 'PodDisruptionBudget `web` selects `app=web`, but no pod in namespace `default` has those labels, so it protects nothing; namespace `default` has no pod templates',
        line: 6,
        column: 13,
      }],
    },
  ],
});
