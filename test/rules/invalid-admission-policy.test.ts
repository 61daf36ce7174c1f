import rule from '../../rules/invalid-admission-policy.js';
import { testRule } from '../helpers/test-rule.js';

const policy = (spec: string) =>
  `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  matchConstraints:\n    resourceRules: [{apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}]\n${spec}`;

testRule(rule, {
  valid: [
    { name: 'variables are declared when the policy has some', code: policy('  variables: [{name: n, expression: object.metadata.name}]\n  validations: [{expression: "variables.n != \'\'"}]\n') },
    { name: 'namespaceObject and request are always declared', code: policy('  validations: [{expression: "namespaceObject == null || request.operation == \'CREATE\'"}]\n') },
  ],
  invalid: [
    {
      name: 'variables without a variables list',
      code: policy('  validations: [{expression: "variables.n != \'\'"}]\n'),
      errors: [{ message: /^ValidatingAdmissionPolicy `p` is rejected: validation `variables.n != ''` does not compile: /, line: 7, column: 30 }],
    },
    {
      name: 'a match condition and a variable',
      code: policy('  matchConditions: [{name: c, expression: "object.x ==="}]\n  variables: [{name: v, expression: "nope(object)"}]\n  validations: [{expression: "true"}]\n'),
      errors: [
        { message: /^ValidatingAdmissionPolicy `p` is rejected: match condition `c` `object.x ===` does not compile/, line: 7, column: 43 },
        { message: /^ValidatingAdmissionPolicy `p` is rejected: variable `v` `nope\(object\)` does not compile/, line: 8, column: 37 },
      ],
    },
    {
      name: 'match conditions cannot read variables; messageExpression cannot use authorizer',
      code: policy('  variables: [{name: v, expression: "1"}]\n  matchConditions: [{name: c, expression: "variables.v == 1"}]\n  validations: [{expression: "true", messageExpression: "string(authorizer.group(\'\'))"}]\n'),
      errors: [
        { message: /^ValidatingAdmissionPolicy `p` is rejected: match condition `c` `variables.v == 1` does not compile/, line: 8, column: 43 },
        { message: /^ValidatingAdmissionPolicy `p` is rejected: messageExpression .* does not compile/, line: 9, column: 57 },
      ],
    },
    {
      name: 'no match constraints, no validations, a variable name that is not an identifier',
      code: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n  variables: [{name: my-var, expression: "1"}]\n',
      errors: [
        { message: 'ValidatingAdmissionPolicy `p` is rejected: `spec.matchConstraints` is required', line: 4, column: 1 },
        { message: 'ValidatingAdmissionPolicy `p` is rejected: `spec.validations` or `spec.auditAnnotations` must contain at least one item', line: 5, column: 3 },
        { message: 'ValidatingAdmissionPolicy `p` is rejected: variable name `my-var` is not a valid CEL identifier', line: 5, column: 22 },
      ],
    },
  ],
});
