import rule from '../../rules/invalid-object-name.js';
import { testRule } from '../helpers/test-rule.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

const object = (apiVersion: string, kind: string, metadata: string, rest: string[] = []) =>
  [`apiVersion: ${apiVersion}`, `kind: ${kind}`, `metadata: ${metadata}`, ...rest].join('\n');

testRule(rule, {
  valid: [
    { name: 'a misspelt metadata key is left to schema-violation', code: 'apiVersion: v1\nkind: ConfigMap\nmetadta:\n  name: a\n' },
    { name: 'ConfigMap with dots', code: object('v1', 'ConfigMap', '{name: app.settings.v1}') },
    { name: 'Role with a colon', code: object('rbac.authorization.k8s.io/v1', 'Role', '{name: "system:leader-locking"}', ['rules: []']) },
    { name: 'custom resource', code: object('example.com/v1', 'Widget', '{name: blue.widget}') },
    { name: 'generateName only', code: object('v1', 'Pod', '{generateName: debug-}', ['spec: {containers: [{name: a, image: busybox}]}']) },
    { name: 'Event names are not checked', code: object('v1', 'Event', '{name: Web.1}') },
    { name: 'OpenShift objects follow their own rules', code: object('route.openshift.io/v1', 'Route', '{name: Web_Route}') },
    { name: 'kubeconfig', code: ['apiVersion: v1', 'kind: Config', 'clusters: []'].join('\n') },
    { name: 'cluster-scoped kinds ignore the namespace', code: object('v1', 'PersistentVolume', '{name: pv-1, namespace: Bad_Ns}') },
    { name: 'Job name of 63 characters', code: object('batch/v1', 'Job', `{name: ${'j'.repeat(63)}}`) },
    { name: 'long Job name with a manual selector', code: object('batch/v1', 'Job', `{name: ${'j'.repeat(70)}}`, ['spec: {manualSelector: true}']) },
    { name: 'review objects need no name', code: ['apiVersion: authorization.k8s.io/v1', 'kind: SelfSubjectAccessReview', 'spec: {resourceAttributes: {verb: get, resource: pods}}'].join('\n') },
    { name: 'non-string name is the schema rule business', code: object('v1', 'ConfigMap', '{name: 123}') },
  ],
  invalid: [
    {
      name: 'uppercase and underscore',
      code: object('v1', 'ConfigMap', '{name: App_Settings}'),
      errors: [{ message: `ConfigMap name \`App_Settings\` is invalid: ${SUBDOMAIN}; did you mean \`app-settings\`?`, line: 3, column: 18, endColumn: 30 }],
    },
    {
      name: 'Service name with a dot',
      code: object('v1', 'Service', '{name: web.v2}'),
      errors: [{ message: `Service name \`web.v2\` is invalid: ${DNS1035}; did you mean \`web-v2\`?`, line: 3, column: 18 }],
    },
    {
      name: 'Service name too long',
      code: object('v1', 'Service', `{name: ${'s'.repeat(64)}}`),
      errors: [{ message: `Service name \`${'s'.repeat(64)}\` is invalid: must be no more than 63 characters`, line: 3, column: 18 }],
    },
    {
      name: 'Namespace with a dot',
      code: object('v1', 'Namespace', '{name: team.a}'),
      errors: [{ message: 'Namespace name `team.a` is invalid: must not contain dots; did you mean `team-a`?', line: 3, column: 18 }],
    },
    {
      name: 'RBAC name with a slash',
      code: object('rbac.authorization.k8s.io/v1', 'RoleBinding', '{name: team/admins}'),
      errors: [{ message: "RoleBinding name `team/admins` is invalid: may not contain '/'; did you mean `team-admins`?", line: 3, column: 18 }],
    },
    {
      name: 'missing name',
      code: object('v1', 'Secret', '{namespace: shop}', ['stringData: {token: abc}']),
      errors: [{ message: 'Secret has neither `metadata.name` nor `metadata.generateName`; the API server requires a name', line: 3, column: 1, endColumn: 9 }],
    },
    {
      name: 'empty name',
      code: ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: ""'].join('\n'),
      errors: [{ message: 'ConfigMap has neither `metadata.name` nor `metadata.generateName`; the API server requires a name', line: 3, column: 1 }],
    },
    {
      name: 'missing metadata points at the kind',
      code: ['apiVersion: v1', 'kind: ConfigMap', 'data: {a: b}'].join('\n'),
      errors: [{ message: 'ConfigMap has neither `metadata.name` nor `metadata.generateName`; the API server requires a name', line: 2, column: 7 }],
    },
    {
      name: 'invalid generateName',
      code: object('batch/v1', 'Job', '{generateName: DB_Migrate-}'),
      errors: [{ message: `Job \`metadata.generateName\` \`DB_Migrate-\` is invalid: ${SUBDOMAIN}; did you mean \`db-migrate-\`?`, line: 3, column: 26 }],
    },
    {
      name: 'invalid namespace',
      code: object('v1', 'ConfigMap', '{name: settings, namespace: Shop}'),
      errors: [{ message: `ConfigMap \`settings\` has namespace \`Shop\`, which is invalid: ${LABEL}; did you mean \`shop\`?`, line: 3, column: 39 }],
    },
    {
      name: 'CronJob name over 52 characters',
      code: object('batch/v1', 'CronJob', `{name: ${'c'.repeat(53)}}`),
      errors: [
        {
          message: `CronJob name \`${'c'.repeat(53)}\` has 53 characters, over the limit of 52: the Jobs it creates append an 11-character suffix to it`,
          line: 3,
          column: 18,
        },
      ],
    },
    {
      name: 'Job name over 63 characters',
      code: object('batch/v1', 'Job', `{name: ${'j'.repeat(64)}}`),
      errors: [
        {
          message: `Job name \`${'j'.repeat(64)}\` has 64 characters, over the limit of 63: the Job controller copies it into the \`job-name\` label of its pods`,
          line: 3,
          column: 18,
        },
      ],
    },
    {
      name: 'CRD name is not plural.group',
      code: object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', '{name: widgets.example.org}', [
        'spec: {group: example.com, names: {plural: widgets, kind: Widget}}',
      ]),
      errors: [
        { message: 'CustomResourceDefinition name `widgets.example.org` must be `<spec.names.plural>.<spec.group>`, i.e. `widgets.example.com`', line: 3, column: 18 },
      ],
    },
  ],
});
