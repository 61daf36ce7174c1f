import { defineRule, didYouMean, isRecord } from '../src/rule-api.js';

const RBAC = 'rbac.authorization.k8s.io';

export default defineRule({
  id: 'missing-role',
  severity: 'warn',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  description: 'RoleBinding or ClusterRoleBinding whose roleRef names a Role or ClusterRole that does not exist',
  crossResource: true,
  docs: {
    why:
      'A binding grants the rules of the Role (in the binding\'s own namespace) or ClusterRole named by `roleRef`. ' +
      'When no such role exists the RBAC authorizer resolves nothing for it (pkg/registry/rbac/validation/rule.go ' +
      '`GetRoleReferenceRules` returns NotFound), so the subjects get none of the intended permissions and their ' +
      'requests fail with 403 Forbidden. Whether the binding itself is accepted depends on who applies it: ' +
      'someone allowed to `escalate` or `bind` (cluster-admin) can create it, anyone else is refused because the ' +
      'API server cannot check that the binding grants no more than they hold (rolebinding/policybased/storage.go). ' +
      'It is a warning because the role may come from outside these manifests (another chart, an operator, an ' +
      'aggregated ClusterRole); declare such objects in the configuration (`external`). The default ClusterRoles ' +
      '(`cluster-admin`, `admin`, `edit`, `view`, `system:*`) always exist.',
    fix: 'Create the Role in the binding\'s namespace (or the ClusterRole), fix `roleRef.name`, or set `roleRef.kind` to the kind that exists; `roleRef` cannot be changed later: delete and re-create the binding.',
  },
  messages: {
    missing: '{{binding}} refers to {{kind}} `{{name}}`, which does not exist{{where}}: its subjects get none of its permissions{{hint}}',
  },
  check({ resource, index, report }) {
    if (resource.group !== RBAC) return;
    const roleRef = resource.value.roleRef;
    if (!isRecord(roleRef) || typeof roleRef.name !== 'string' || roleRef.name === '') return;
    const kind = roleRef.kind === 'Role' && resource.kind === 'RoleBinding' ? 'Role' : roleRef.kind === 'ClusterRole' ? 'ClusterRole' : undefined;
    if (!kind) return; // schema/API validation owns other kinds
    const name = roleRef.name;
    const namespace = kind === 'Role' ? resource.namespace : undefined;
    if (index.exists(kind, namespace, name)) return;
    let hint: string;
    if (kind === 'Role' && index.exists('ClusterRole', undefined, name)) {
      hint = `; a ClusterRole \`${name}\` exists: set \`roleRef.kind: ClusterRole\``;
    } else if (kind === 'ClusterRole' && resource.namespace !== undefined && index.get('Role', resource.namespace, name)) {
      hint = `; a Role \`${name}\` exists in namespace \`${resource.namespace}\`: set \`roleRef.kind: Role\``;
    } else {
      const other = kind === 'Role' ? index.named('Role', name)[0] : undefined;
      hint = other
        ? `; a Role \`${name}\` exists in namespace \`${other.namespace}\`, but a RoleBinding can only use a Role of its own namespace`
        : didYouMean(name, index.names(kind, namespace));
    }
    report(resource.node('roleRef', 'name'), 'missing', {
      binding: resource.label,
      kind,
      name,
      where: namespace !== undefined ? ` in namespace \`${namespace}\`` : '',
      hint,
    });
  },
});
