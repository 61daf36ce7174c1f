import { defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'invalid-admission-policy',
  severity: 'error',
  kinds: ['admissionregistration.k8s.io/ValidatingAdmissionPolicy'],
  description: 'ValidatingAdmissionPolicy expression that does not compile',
  docs: {
    why:
      'The API server compiles every CEL expression of a ValidatingAdmissionPolicy (validations, messageExpression, ' +
      'matchConditions, variables, auditAnnotations) when the policy is created, with `object`, `oldObject`, ' +
      '`request`, `namespaceObject` and `authorizer` declared, `params` only when the policy has a `paramKind`, and ' +
      '`variables` only when it declares some. A syntax error, an unknown function or an undeclared variable rejects ' +
      'the policy ("compilation failed"), so none of its bindings ever takes effect. Expressions using `authorizer` are ' +
      'not checked.',
    fix: 'Correct the expression (or declare the `paramKind` or variable it reads).',
  },
  messages: {
    compile: 'ValidatingAdmissionPolicy `{{policy}}` is rejected: {{problem}}',
  },
  check({ resource, admission, report }) {
    for (const problem of admission?.problemsOf(resource) ?? []) report(problem.node, 'compile', { policy: resource.name, problem: problem.message });
  },
});
