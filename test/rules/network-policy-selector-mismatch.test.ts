import rule from '../../rules/network-policy-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const web = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: nginx}]}}}',
  '---',
].join('\n');

const policy = (spec: string, namespace = 'default') => [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  `metadata: {name: allow, namespace: ${namespace}}`,
  'spec:',
  ...spec.split('\n').map((line) => `  ${line}`),
].join('\n');

testRule(rule, {
  valid: [
    { name: 'peers are not checked in a namespace without pod templates', code: policy('podSelector: {}\ningress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]') },
    { name: 'a peer matching a CronJob pod', code: web + '\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec: {schedule: "@daily", jobTemplate: {spec: {template: {metadata: {labels: {app: backup}}, spec: {containers: [{name: a, image: busybox}]}}}}}\n---\n' + policy('podSelector: {matchLabels: {app: web}}\negress:\n  - to: [{podSelector: {matchLabels: {app: backup}}}]') },
  ],
  invalid: [
    {
      name: 'the policy podSelector, with the closest pod template',
      code: web + '\n' + policy('podSelector:\n  matchLabels: {app: wbe}'),
      errors: [{
        message: 'NetworkPolicy `allow` applies to pods matching `app=wbe`, but no pod in namespace `default` has those labels, so it isolates nothing; pods of Deployment `web` are labelled `app=web`',
        line: 11,
        column: 24,
      }],
    },
    {
      name: 'the policy podSelector matches pods of another namespace only',
      code: web + '\n' + policy('podSelector: {matchLabels: {app: web}}', 'shop'),
      errors: [{
        message: 'NetworkPolicy `allow` applies to pods matching `app=web`, which only matches pods of Deployment `web` in namespace `default`; a NetworkPolicy applies to pods of its own namespace `shop`',
        line: 10,
        column: 16,
      }],
    },
    {
      name: 'an ingress peer matching pods of another namespace',
      code: web + '\n' + policy('podSelector: {}\ningress:\n  - from:\n      - podSelector: {matchLabels: {app: web}}', 'shop') + '\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: other}}\nspec: {containers: [{name: a, image: nginx}]}',
      errors: [{
        message: 'NetworkPolicy `allow` allows traffic from pods matching `app=web`, which only matches pods of Deployment `web` in namespace `default`; without a `namespaceSelector` a peer selects pods of the policy\'s own namespace `shop`: add `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}`',
        line: 13,
        column: 24,
      }],
    },
    {
      name: 'an egress peer that matches nothing',
      code: web + '\n' + policy('podSelector: {matchLabels: {app: web}}\negress:\n  - to:\n      - podSelector: {matchExpressions: [{key: app, operator: In, values: [db]}]}'),
      errors: [{
        message: 'NetworkPolicy `allow` allows traffic to pods matching `app in (db)`, but no pod in namespace `default` has those labels, so this peer matches nothing; pods of Deployment `web` are labelled `app=web`',
        line: 13,
        column: 44,
      }],
    },
  ],
});
