import { admissionObjectProblems, defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'invalid-admission-policy',
  severity: 'error',
  kinds: ['admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding'],
  description: 'ValidatingAdmissionPolicy or binding the API server refuses: an expression that does not compile, no match constraints, conflicting actions',
  docs: {
    why:
      'The API server validates a ValidatingAdmissionPolicy on create (pkg/apis/admissionregistration/validation): it ' +
      'compiles every CEL expression (validations, messageExpression, matchConditions, variables, auditAnnotations) ' +
      'with `object`, `oldObject`, `request`, `namespaceObject` and `authorizer` declared, `params` only when the ' +
      'policy has a `paramKind`, `variables` only when it declares some (and not in match conditions), and no ' +
      '`authorizer` in messageExpression; a syntax error, an unknown function or an undeclared variable rejects the ' +
      'policy ("compilation failed"). It also requires `matchConstraints` with at least one resource rule, at least ' +
      'one validation or audit annotation, variable names that are CEL identifiers and unique match condition ' +
      'names. A binding needs a `policyName`, at least one validation action, never both `Deny` and `Warn`, and a ' +
      '`paramRef` with either a name or a selector and a `parameterNotFoundAction`. The OpenAPI schema marks none ' +
      'of these required, so the object looks valid until it is applied, and a refused policy or binding enforces ' +
      'nothing. Expressions using `authorizer` are not compiled.',
    fix: 'Correct the expression or field the message names (or declare the `paramKind` or variable an expression reads).',
  },
  messages: {
    invalid: '{{kind}} `{{name}}` is rejected: {{problem}}',
  },
  check({ resource, admission, report }) {
    const problems = [...admissionObjectProblems(resource), ...(admission?.problemsOf(resource) ?? [])];
    for (const problem of problems) report(problem.node, 'invalid', { kind: resource.kind, name: resource.name, problem: problem.message });
  },
});
