import rule from '../../rules/yaml-syntax.js';
import { testRule } from '../helpers/test-rule.js';

testRule(rule, {
  valid: [
    { name: 'an empty file', code: '' },
    { name: 'comments only', code: '# nothing here\n' },
    { name: 'JSON', code: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}' },
  ],
  invalid: [
    {
      name: 'unterminated quote',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "settings\n',
      errors: [{ message: 'Invalid YAML: unexpected end of the stream within a double quoted scalar', line: 5, column: 1 }],
    },
    {
      name: 'tab indentation',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: settings\n',
      errors: [{ message: 'Invalid YAML: tab character used for indentation: YAML indents with spaces only', line: 4, column: 1 }],
    },
    {
      name: 'Helm control structure',
      code: '{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n',
      errors: [{ message: /^Unrendered Helm template: render the chart first \(`helm template RELEASE CHART \| k8s-lint -`\)$/, line: 1, column: 1, endColumn: 26 }],
    },
  ],
});
