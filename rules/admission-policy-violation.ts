import { defineRule, type AdmissionDenial } from '../src/rule-api.js';

function cause(denial: AdmissionDenial): string {
  const reason = denial.reason ? ` (reason \`${denial.reason}\`)` : '';
  return denial.fromError ? `${reason}; an evaluation error, which \`failurePolicy: Fail\` turns into a rejection` : reason;
}

export default defineRule({
  id: 'admission-policy-violation',
  severity: 'error',
  description: 'Object fails a ValidatingAdmissionPolicy of the run that a binding applies to it (Deny rejects it, Warn warns)',
  crossResource: true,
  docs: {
    why:
      'The ValidatingAdmissionPolicy admission plugin evaluates, for every request, each ValidatingAdmissionPolicyBinding ' +
      'whose policy matches it: the policy `matchConstraints` (resourceRules by API group, version, resource and ' +
      'operation, `excludeResourceRules`, `resourceNames`, `namespaceSelector` on the Namespace labels, ' +
      '`objectSelector`, `matchPolicy`), then the binding `matchResources`, the parameters of `paramRef` (by name or ' +
      'selector, `parameterNotFoundAction`), the `matchConditions`, the `variables`, and the `validations` (CEL over ' +
      '`object`, `oldObject`, `request`, `params`, `namespaceObject`, `variables`). A validation that is false fails ' +
      'with its `messageExpression`, `message` or "failed expression: ...". The binding `validationActions` decide: ' +
      '`Deny` rejects the request ("ValidatingAdmissionPolicy \'p\' with binding \'b\' denied request: ..."), `Warn` ' +
      'returns a warning to the client, `Audit` only writes the audit log (no finding). An evaluation error counts as ' +
      'a failure when the policy `failurePolicy` is `Fail` (the default) and is ignored with `Ignore`; k8s-lint reports ' +
      'such a rejection as a warning, since the error may come from a field the API server defaults before admission ' +
      '(only `metadata.namespace` and `spec.replicas` are filled in). k8s-lint evaluates each object as a CREATE by an ' +
      'ordinary authenticated user, with the policies and bindings of the ' +
      'linted files and `--context` files and the parameters among them. It stays quiet when the answer depends on ' +
      'something outside the run: the labels of a Namespace that is not linted (for a non-empty namespaceSelector, unless it ' +
      'reads only `kubernetes.io/metadata.name`, which the API server sets to the name on every Namespace, or ' +
      'a policy reading `namespaceObject`), a parameter object declared under `external`, or an expression using ' +
      '`authorizer` (skipped, with one note).',
    fix: 'Change the object so the validation holds, or the policy, its binding or the parameters if the rule is wrong.',
  },
  messages: {
    deny: '{{object}} is rejected: ValidatingAdmissionPolicy `{{policy}}` with binding `{{binding}}` denied request: {{message}}{{cause}}',
    warn: '{{object}} gets a warning: Validation failed for ValidatingAdmissionPolicy `{{policy}}` with binding `{{binding}}`: {{message}}{{cause}}',
    missingParams:
      '{{object}} is rejected if the cluster has no parameters for binding `{{binding}}` of ValidatingAdmissionPolicy `{{policy}}`: none is among the linted files and `parameterNotFoundAction` is `Deny` (declare them under `external` if they exist)',
  },
  check({ resource, admission, report }) {
    if (!admission) return;
    // A validation names no field: the finding is on the object's name.
    const node = resource.node('metadata', 'name');
    for (const denial of admission.evaluate(resource)) {
      const data = { object: resource.label, policy: denial.policy, binding: denial.binding, message: denial.message, cause: cause(denial) };
      if (denial.paramsMissing) report(node, 'missingParams', data, { severity: 'warn' });
      // An evaluation error may come from a default the API server sets and k8s-lint does not model: a warning.
      else if (denial.action === 'Deny') report(node, 'deny', data, denial.fromError ? { severity: 'warn' } : undefined);
      else report(node, 'warn', data, { severity: 'warn' });
    }
  },
});
