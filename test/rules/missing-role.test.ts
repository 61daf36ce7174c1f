import rule from '../../rules/missing-role.js';
import { testRule } from '../helpers/test-rule.js';

const binding = (kind: string, name: string, namespace = 'shop') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: ${namespace}}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${kind}\n  name: ${name}\nsubjects: [{kind: ServiceAccount, name: api}]\n`;
const role = (name: string, namespace: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ${name}, namespace: ${namespace}}\nrules: []\n---\n`;

testRule(rule, {
  valid: [
    { name: 'built-in ClusterRole', code: binding('ClusterRole', 'edit') },
    { name: 'ClusterRole of the run', code: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n---\n' + binding('ClusterRole', 'reader') },
    { name: 'not an RBAC binding', code: 'apiVersion: example.com/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: nothing}\n' },
  ],
  invalid: [
    {
      name: 'a missing Role, as a warning',
      code: binding('Role', 'deployer'),
      errors: [
        {
          message: 'RoleBinding `b` refers to Role `deployer`, which does not exist in namespace `shop`: its subjects get none of its permissions',
          line: 7,
          column: 9,
          severity: 1,
        },
      ],
    },
    {
      name: 'a Role of another namespace',
      code: role('deployer', 'ci') + binding('Role', 'deployer'),
      errors: [{ message: /; a Role `deployer` exists in namespace `ci`, but a RoleBinding can only use a Role of its own namespace$/, line: 12, column: 9 }],
    },
    {
      name: 'kind ClusterRole for a namespaced Role',
      code: role('deployer', 'shop') + binding('ClusterRole', 'deployer'),
      errors: [{ message: 'RoleBinding `b` refers to ClusterRole `deployer`, which does not exist: its subjects get none of its permissions; a Role `deployer` exists in namespace `shop`: set `roleRef.kind: Role`', line: 12, column: 9 }],
    },
  ],
});
