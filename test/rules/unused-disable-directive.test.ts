import rule from '../../rules/unused-disable-directive.js';
import { testRule } from '../helpers/test-rule.js';

const options = { reportUnusedDisableDirectives: true };

testRule(rule, {
  valid: [
    { name: 'not reported without the flag', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # k8s-lint-disable-line yaml-syntax\n' },
  ],
  invalid: [
    {
      name: 'a misspelt rule id',
      options,
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # k8s-lint-disable-line missing-secrets\n',
      errors: [{ message: /missing-secrets/, line: 4, column: 11, severity: 1 }],
    },
  ],
});
