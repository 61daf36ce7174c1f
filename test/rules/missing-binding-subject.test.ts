import rule from '../../rules/missing-binding-subject.js';
import { testRule } from '../helpers/test-rule.js';

const binding = (subjects: string, kind = 'RoleBinding') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: b${kind === 'RoleBinding' ? ', namespace: shop' : ''}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n${subjects}`;

testRule(rule, {
  valid: [
    { name: 'default ServiceAccount', code: binding('  - {kind: ServiceAccount, name: default}\n') },
    { name: 'ClusterRoleBinding subject without namespace (API validation owns it)', code: binding('  - {kind: ServiceAccount, name: api}\n', 'ClusterRoleBinding') },
    { name: 'no subjects', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: ClusterRole, name: view}\n' },
  ],
  invalid: [
    {
      name: 'namespace defaulted from the binding, as a warning',
      code: binding('  - kind: ServiceAccount\n    name: api\n'),
      errors: [
        {
          message:
            "RoleBinding `b` grants ClusterRole `view` to ServiceAccount `api` in namespace `shop` (the binding's namespace), but that ServiceAccount does not exist: no pod can use these permissions",
          line: 7,
          column: 11,
          severity: 1,
        },
      ],
    },
    {
      name: 'explicit namespace, with the account found elsewhere',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, namespace: shop}\n---\n' + binding('  - {kind: ServiceAccount, name: api, namespace: prod}\n', 'ClusterRoleBinding'),
      errors: [{ message: 'ClusterRoleBinding `b` grants ClusterRole `view` to ServiceAccount `api` in namespace `prod`, but that ServiceAccount does not exist: no pod can use these permissions; a ServiceAccount `api` exists in namespace `shop`: set `subjects[0].namespace`', line: 10, column: 34 }],
    },
  ],
});
