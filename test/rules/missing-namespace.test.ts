import rule from '../../rules/missing-namespace.js';
import { testRule } from '../helpers/test-rule.js';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'built-in namespaces', code: namespace('shop') + 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: kube-public}\n' },
    { name: 'defaulted to default', code: namespace('shop') + 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' },
  ],
  invalid: [
    {
      name: 'suggests the defined namespace, as a warning',
      code: namespace('shop') + 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shp\n',
      errors: [
        {
          message:
            'ConfigMap `c` is in namespace `shp`, but none of the Namespaces defined here (`shop`) is `shp`: applying it fails (namespaces "shp" not found); did you mean `shop`?',
          line: 9,
          column: 14,
          severity: 1,
        },
      ],
    },
    {
      name: 'says when the namespace was defaulted',
      code: namespace('shop') + 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
      options: { defaultNamespace: 'staging' },
      errors: [{ message: /^ConfigMap `c` is in namespace `staging` \(the default namespace: `metadata\.namespace` is not set\), but/, line: 8, column: 9 }],
    },
  ],
});
