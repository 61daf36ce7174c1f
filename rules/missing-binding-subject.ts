import { defineRule, didYouMean, isRecord } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-binding-subject',
  severity: 'warn',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  description: 'RoleBinding or ClusterRoleBinding subject naming a ServiceAccount that does not exist',
  crossResource: true,
  docs: {
    why:
      'A ServiceAccount subject matches the user `system:serviceaccount:<namespace>:<name>` ' +
      '(pkg/registry/rbac/validation/rule.go `appliesToUser`). The namespace is `subjects[].namespace`; in a ' +
      'RoleBinding it defaults to the binding\'s namespace, in a ClusterRoleBinding it is required (API validation ' +
      'rejects the binding without it). The binding is accepted when no such ServiceAccount exists, but no pod can ' +
      'run as it, so the permissions go to nobody while the pods that were meant to get them (often running as a ' +
      'similarly named account, or in another namespace) get 403 Forbidden. It is a warning because the ' +
      'ServiceAccount may be created outside these manifests (declare it in the configuration, `external`); the ' +
      '`default` ServiceAccount exists in every namespace. User and Group subjects are not checked: they are not ' +
      'Kubernetes objects.',
    fix: 'Create the ServiceAccount, or fix `subjects[].name` / `subjects[].namespace` to the account the pods use (`spec.serviceAccountName`).',
  },
  messages: {
    missing:
      '{{binding}} grants {{role}} to ServiceAccount `{{name}}` in namespace `{{namespace}}`{{defaulted}}, but that ServiceAccount does not exist: no pod can use these permissions{{hint}}',
  },
  check({ resource, index, report }) {
    if (resource.group !== 'rbac.authorization.k8s.io' || !Array.isArray(resource.value.subjects)) return;
    const roleRef = isRecord(resource.value.roleRef) ? resource.value.roleRef : {};
    const role = typeof roleRef.kind === 'string' && typeof roleRef.name === 'string' ? `${roleRef.kind} \`${roleRef.name}\`` : 'its role';
    resource.value.subjects.forEach((subject, i) => {
      if (!isRecord(subject) || subject.kind !== 'ServiceAccount' || typeof subject.name !== 'string' || subject.name === '') return;
      const explicit = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : undefined;
      const namespace = explicit ?? (resource.kind === 'RoleBinding' ? resource.namespace : undefined);
      if (namespace === undefined || index.exists('ServiceAccount', namespace, subject.name)) return;
      const name = subject.name;
      const elsewhere = index.named('ServiceAccount', name).map((sa) => `\`${sa.namespace}\``);
      const hint = elsewhere.length > 0
        ? `; a ServiceAccount \`${name}\` exists in namespace ${elsewhere.join(', ')}: set \`subjects[${i}].namespace\``
        : didYouMean(name, index.names('ServiceAccount', namespace));
      report(resource.node('subjects', i, 'name'), 'missing', {
        binding: resource.label,
        role,
        name,
        namespace,
        defaulted: explicit ? '' : ' (the binding\'s namespace)',
        hint,
      });
    });
  },
});
