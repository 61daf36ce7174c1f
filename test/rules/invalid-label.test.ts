import rule from '../../rules/invalid-label.js';
import { testRule } from '../helpers/test-rule.js';

const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const deployment = (labels: string, selector = '{matchLabels: {app: web}}', templateLabels = '{app: web}') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: web, labels: ${labels}}`,
    'spec:',
    `  selector: ${selector}`,
    '  template:',
    `    metadata: {labels: ${templateLabels}}`,
    '    spec: {containers: [{name: web, image: nginx}]}',
  ].join('\n');

testRule(rule, {
  valid: [
    { name: 'well-formed labels', code: deployment('{app: web, app.kubernetes.io/managed-by: Helm}') },
    { name: 'empty value', code: deployment('{app: web, canary: ""}') },
    { name: 'null value', code: deployment('{app: web, canary: null}') },
    {
      name: 'Exists expressions have no values to check',
      code: deployment('{app: web}', '{matchExpressions: [{key: app, operator: Exists}]}'),
    },
    { name: 'a Kustomization is not an object', code: ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata: {labels: {"bad key": x}}'].join('\n') },
  ],
  invalid: [
    {
      name: 'value with a space, with a suggestion',
      code: deployment('{app: web, owner: "team a"}'),
      errors: [{ message: `Deployment \`web\` label \`owner\` has value \`team a\`, which is invalid: ${VALUE}; did you mean \`team-a\`?`, line: 3, column: 49, endColumn: 57 }],
    },
    {
      name: 'value over 63 characters',
      code: deployment(`{app: web, commit: ${'a'.repeat(64)}}`),
      errors: [{ message: `Deployment \`web\` label \`commit\` has value \`${'a'.repeat(64)}\`, which is invalid: must be no more than 63 characters`, line: 3, column: 50 }],
    },
    {
      name: 'key ending with a dash',
      code: deployment('{app: web, tier-: front}'),
      errors: [{ message: `Deployment \`web\` label key \`tier-\` is invalid: ${NAME_PART}`, line: 3, column: 42, endColumn: 47 }],
    },
    {
      name: 'key with two slashes',
      code: deployment('{app: web, acme.io/team/name: x}'),
      errors: [
        {
          message:
            "Deployment `web` label key `acme.io/team/name` is invalid: a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
          line: 3,
          column: 42,
        },
      ],
    },
    {
      name: 'pod template label',
      code: deployment('{app: web}', '{matchLabels: {app: web}}', '{app: web, ref: "refs/heads/main"}'),
      errors: [
        {
          message: `Deployment \`web\` pod template label \`ref\` has value \`refs/heads/main\`, which is invalid: ${VALUE}; did you mean \`refs-heads-main\`?`,
          line: 7,
          column: 40,
        },
      ],
    },
    {
      name: 'matchLabels value',
      code: deployment('{app: web}', '{matchLabels: {app: web/v2}}', '{app: web}'),
      errors: [{ message: `Deployment \`web\` selector \`app\` has value \`web/v2\`, which is invalid: ${VALUE}; did you mean \`web-v2\`?`, line: 5, column: 33 }],
    },
    {
      name: 'matchExpressions key',
      code: deployment('{app: web}', '{matchExpressions: [{key: "-tier", operator: Exists}]}'),
      errors: [{ message: `Deployment \`web\` selector key \`-tier\` is invalid: ${NAME_PART}`, line: 5, column: 39 }],
    },
    {
      name: 'matchExpressions value is only a warning before 1.26',
      code: deployment('{app: web}', '{matchExpressions: [{key: app, operator: NotIn, values: ["web "]}]}'),
      options: { kubernetesVersion: '1.25' },
      errors: [{ message: `Deployment \`web\` selector \`app\` has value \`web \`, which is invalid: ${VALUE}; did you mean \`web\`?`, line: 5, column: 70, severity: 1 }],
    },
    {
      name: 'matchExpressions value is an error from 1.26',
      code: deployment('{app: web}', '{matchExpressions: [{key: app, operator: NotIn, values: ["web "]}]}'),
      options: { kubernetesVersion: '1.26' },
      errors: [{ message: /selector `app` has value `web `/, line: 5, column: 70, severity: 2 }],
    },
    {
      name: 'ReplicationController selector',
      code: ['apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: legacy}', 'spec:', '  selector: {"app:name": legacy}'].join('\n'),
      errors: [{ message: `ReplicationController \`legacy\` selector key \`app:name\` is invalid: ${NAME_PART}`, line: 5, column: 14 }],
    },
    {
      name: 'NetworkPolicy pod selector',
      code: [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: deny}',
        'spec:',
        '  podSelector: {matchLabels: {role: "db*"}}',
      ].join('\n'),
      errors: [{ message: `NetworkPolicy \`deny\` selector \`role\` has value \`db*\`, which is invalid: ${VALUE}; did you mean \`db\`?`, line: 5, column: 37 }],
    },
    {
      name: 'custom resource labels',
      code: ['apiVersion: example.com/v1', 'kind: Widget', 'metadata:', '  name: blue', '  labels: {color: "#0000ff"}'].join('\n'),
      errors: [{ message: `Widget \`blue\` label \`color\` has value \`#0000ff\`, which is invalid: ${VALUE}; did you mean \`0000ff\`?`, line: 5, column: 19 }],
    },
  ],
});
