import { describe, expect, it } from 'vitest';
import rule from '../../rules/admission-policy-violation.js';
import { lint } from '../../src/engine.js';
import { testRule } from '../helpers/test-rule.js';

const DEPLOYMENTS = '{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}';

/** A policy named `p` and a binding named `b`; `spec` and `binding` add to them. */
function policy(spec: string, binding = '  validationActions: [Deny]\n'): string {
  return `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n${spec}---\n` +
    `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: b}\nspec:\n  policyName: p\n${binding}---\n`;
}
const deployment = (name: string, extra = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop${extra}}\nspec: {replicas: 3}\n`;
const rules = (validations: string, more = '') => `  matchConstraints:\n    resourceRules: [${DEPLOYMENTS}]\n${more}  validations:\n${validations}`;

testRule(rule, {
  valid: [
    {
      name: 'a namespaceSelector on another kubernetes.io/metadata.name, without the Namespace object',
      code: policy(rules('    - expression: "false"\n', '    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}\n')) + deployment('web'),
    },
    { name: 'failurePolicy Ignore ignores an evaluation error', code: policy(`  failurePolicy: Ignore\n${rules('    - expression: object.spec.missing.x > 1\n')}`) + deployment('web') },
    { name: 'a false match condition skips the policy', code: policy(rules('    - expression: "false"\n', '  matchConditions: [{name: only-big, expression: object.spec.replicas > 5}]\n')) + deployment('web') },
    { name: 'a match condition using authorizer skips the policy', code: policy(rules('    - expression: "false"\n', "  matchConditions: [{name: rbac, expression: \"authorizer.group('').resource('pods').check('create').allowed()\"}]\n")) + deployment('web') },
    { name: 'objectSelector', code: policy(rules('    - expression: "false"\n', '    objectSelector: {matchLabels: {policy: strict}}\n').replace('  validations', '  validations')) + deployment('web') },
    { name: 'parameterNotFoundAction Allow', code: policy(rules('    - expression: "false"\n').replace('  matchConstraints', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n  matchConstraints'), '  validationActions: [Deny]\n  paramRef: {name: limits, parameterNotFoundAction: Allow}\n') + deployment('web') },
    { name: 'a parameter declared under external is not judged', code: policy(rules('    - expression: "false"\n').replace('  matchConstraints', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n  matchConstraints'), '  validationActions: [Deny]\n  paramRef: {name: limits, parameterNotFoundAction: Deny}\n') + deployment('web'), options: { external: ['ConfigMap/shop/limits'] } },
    {
      name: 'metadata.namespace comes from the request and spec.replicas is defaulted, as the API server does before admission',
      code: policy(rules("    - expression: object.metadata.namespace == 'shop' && object.spec.replicas == 1\n")) + 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n',
      options: { defaultNamespace: 'shop' },
    },
    {
      name: 'matchPolicy Exact: a rule for another version does not match',
      code: policy("  matchConstraints:\n    matchPolicy: Exact\n    resourceRules: [{apiGroups: [apps], apiVersions: [v1beta1], operations: [CREATE], resources: [deployments]}]\n  validations:\n    - expression: \"false\"\n") + deployment('web'),
    },
    {
      name: 'scope Cluster skips namespaced objects; an UPDATE-only rule skips creates',
      code: policy("  matchConstraints:\n    resourceRules:\n      - {apiGroups: [apps], apiVersions: ['*'], operations: ['*'], resources: ['*'], scope: Cluster}\n      - {apiGroups: [apps], apiVersions: ['*'], operations: [UPDATE], resources: ['*']}\n  validations:\n    - expression: \"false\"\n") + deployment('web'),
    },
    { name: 'a policy reading namespaceObject is not judged when the Namespace is not in the run', code: policy(rules("    - expression: \"namespaceObject.metadata.labels.env == 'prod'\"\n")) + deployment('web') },
    { name: 'a binding of a policy that does not compile selects nothing', code: policy(rules('    - expression: "object.spec.replicas >"\n')) + deployment('web') },
  ],
  invalid: [
    {
      name: 'a namespaceSelector on kubernetes.io/metadata.name matches without the Namespace object (every namespace carries it)',
      code: policy(rules('    - expression: "false"\n', '    namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop, payments]}]}\n')) + deployment('web'),
      errors: [{ message: /^Deployment `web`/, line: 20, column: 18 }],
    },
    {
      name: 'failurePolicy Fail turns an evaluation error into a rejection',
      code: policy(rules('    - expression: object.spec.missing.x > 1\n')) + deployment('web'),
      errors: [{ message: /^Deployment `web` is rejected: ValidatingAdmissionPolicy `p` with binding `b` denied request: expression 'object\.spec\.missing\.x > 1' resulted in error: .+; an evaluation error, which `failurePolicy: Fail` turns into a rejection$/, line: 19, column: 18, severity: 1 }],
    },
    {
      name: 'the default message, request and variables',
      code: policy(rules("    - expression: variables.ns != 'shop' || request.operation != 'CREATE' || request.userInfo.username == 'admin'\n", '  variables: [{name: ns, expression: object.metadata.namespace}]\n')) + deployment('web'),
      errors: [{ message: "Deployment `web` is rejected: ValidatingAdmissionPolicy `p` with binding `b` denied request: failed expression: variables.ns != 'shop' || request.operation != 'CREATE' || request.userInfo.username == 'admin'", line: 20, column: 18, severity: 2 }],
    },
    {
      name: 'params chosen by selector, one finding per failing parameter object; Warn is a warning',
      code: policy(rules('    - expression: object.spec.replicas <= int(params.data.max)\n      messageExpression: "\'at most \' + params.data.max"\n').replace('  matchConstraints', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n  matchConstraints'), '  validationActions: [Warn]\n  paramRef: {selector: {matchLabels: {limits: "true"}}, parameterNotFoundAction: Deny}\n') +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop, labels: {limits: "true"}}\ndata: {max: "2"}\n---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop, labels: {limits: "true"}}\ndata: {max: "1"}\n---\n' +
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata: {max: "0"}\n---\n' + deployment('web'),
      errors: [
        { message: 'Deployment `web` gets a warning: Validation failed for ValidatingAdmissionPolicy `p` with binding `b`: at most 2', line: 37, column: 18, severity: 1 },
        { message: 'Deployment `web` gets a warning: Validation failed for ValidatingAdmissionPolicy `p` with binding `b`: at most 1', line: 37, column: 18, severity: 1 },
      ],
    },
    {
      name: 'matchPolicy Equivalent (the default): a rule for another version of the resource matches',
      code: policy("  matchConstraints:\n    resourceRules: [{apiGroups: [apps], apiVersions: [v1beta1], operations: [CREATE], resources: [deployments]}]\n  validations:\n    - expression: \"false\"\n") + deployment('web'),
      errors: [{ message: /^Deployment `web` is rejected: .* denied request: failed expression: false$/, line: 19, column: 18 }],
    },
    {
      name: 'a custom resource is matched by the plural of its CRD',
      code: policy("  matchConstraints:\n    resourceRules: [{apiGroups: [example.com], apiVersions: ['*'], operations: [CREATE], resources: [cacti]}]\n  validations:\n    - expression: \"false\"\n") +
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: cacti.example.com}\nspec:\n  group: example.com\n  scope: Cluster\n  names: {kind: Cactus, plural: cacti, singular: cactus}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]\n---\n' +
        'apiVersion: example.com/v1\nkind: Cactus\nmetadata: {name: saguaro}\n',
      errors: [{ message: /^Cactus `saguaro` is rejected: ValidatingAdmissionPolicy `p` with binding `b` denied request: failed expression: false$/, line: 28, column: 18 }],
    },
    {
      name: 'namespaceObject is the Namespace of the run, with its kubernetes.io/metadata.name label',
      code: policy(rules("    - expression: \"namespaceObject.metadata.labels.env == 'prod' && namespaceObject.metadata.labels['kubernetes.io/metadata.name'] == 'shop'\"\n      message: only in production\n")) +
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {env: dev}}\n---\n' + deployment('web'),
      errors: [{ message: 'Deployment `web` is rejected: ValidatingAdmissionPolicy `p` with binding `b` denied request: only in production', line: 24, column: 18 }],
    },
    {
      name: 'parameters missing from the run',
      code: policy(rules('    - expression: "true"\n').replace('  matchConstraints', '  paramKind: {apiVersion: v1, kind: ConfigMap}\n  matchConstraints'), '  validationActions: [Deny]\n  paramRef: {name: limits, parameterNotFoundAction: Deny}\n') + deployment('web'),
      errors: [{ message: /^Deployment `web` is rejected if the cluster has no parameters for binding `b`/, line: 21, column: 18, severity: 1 }],
    },
    {
      name: 'a cluster-scoped object ignores the namespace selector; a Namespace matches on its own labels',
      code: policy("  matchConstraints:\n    resourceRules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [namespaces, persistentvolumes]}]\n    namespaceSelector: {matchLabels: {env: prod}}\n  validations:\n    - expression: \"false\"\n") +
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: dev, labels: {env: dev}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: prod, labels: {env: prod}}\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: disk}\nspec: {capacity: {storage: 1Gi}}\n',
      errors: [
        { message: /^Namespace `prod` is rejected/, line: 24, column: 18 },
        { message: /^PersistentVolume `disk` is rejected/, line: 28, column: 18 },
      ],
    },
  ],
});

describe('admission policies and the engine', () => {
  it('notes expressions using authorizer once, and loads nothing without a policy', async () => {
    const code = policy(rules("    - expression: \"authorizer.group('apps').resource('deployments').check('create').allowed()\"\n")) + deployment('web');
    const output = await lint([{ path: 'p.yaml', text: code }], { ruleSet: [rule] });
    expect(output.results[0].messages).toEqual([]);
    expect(output.notices).toEqual([expect.stringMatching(/^1 ValidatingAdmissionPolicy expression\(s\) use `authorizer`/)]);
    expect((await lint([{ path: 'd.yaml', text: deployment('web') }], { ruleSet: [rule] })).notices).toEqual([]);
  });
});

describe('policies from --context files', () => {
  it('apply to the linted objects, and are not reported themselves', async () => {
    const policies = policy(rules("    - expression: \"'app' in object.metadata.?labels.orValue({})\"\n      message: needs an app label\n"));
    const output = await lint(
      [{ path: 'app.yaml', text: deployment('web') }, { path: 'platform.yaml', text: policies, contextOnly: true }],
      { ruleSet: [rule] },
    );
    expect(output.results.map((r) => r.filePath)).toEqual(['app.yaml']);
    expect(output.results[0].messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '3:18 Deployment `web` is rejected: ValidatingAdmissionPolicy `p` with binding `b` denied request: needs an app label',
    ]);
  });
});
