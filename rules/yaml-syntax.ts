import { defineRule } from '../src/rule-api.js';

/** Emitted by the loader (src/load.ts, src/files.ts); this module holds its metadata. */
export default defineRule({
  id: 'yaml-syntax',
  severity: 'error',
  builtIn: true,
  description: 'A file or document that kubectl could not parse, or a chart or kustomization that does not render',
  docs: {
    why:
      'kubectl decodes manifests with a YAML 1.1 parser (go-yaml v2). A document it cannot parse ' +
      'fails the whole `kubectl apply` with "error converting YAML to JSON", before anything reaches ' +
      'the cluster. k8s-lint parses with the same leniency (for example, under-indented ' +
      'continuation lines of a quoted scalar are accepted) and the same typing (`yes`/`on` are ' +
      'booleans), and still checks the other documents of the file. A Helm chart or kustomization that fails to ' +
      'render (a `required` or `fail` in a template, a dependency missing from `charts/`, a kustomize error) is ' +
      'reported at the template line helm names, or at `Chart.yaml` or the kustomization.',
    fix:
      'Fix the YAML at the reported position: indent with spaces, close quotes, define each key once. ' +
      'Render Helm charts before linting them: `helm template RELEASE CHART | k8s-lint -`.',
  },
  messages: {
    syntax: 'Invalid YAML: {{reason}}',
    helm: 'Unrendered Helm template: render the chart first (`helm template RELEASE CHART | k8s-lint -`)',
    binary: 'Not a text file: binary content cannot be a Kubernetes manifest',
    tooLarge: 'File is {{size}} bytes, over the {{limit}}-byte limit: not parsed (raise it with `--max-file-size`)',
    aliasBomb: 'YAML aliases expand this document beyond {{limit}} nodes (an alias bomb): not parsed',
    tooDeep: 'Nesting deeper than {{limit}} levels: not parsed (no manifest nests so deep; kubectl itself stops at 10000)',
    unreadable: 'File could not be read: {{reason}}',
    render: '{{reason}} (unit `{{unit}}`)',
  },
  check() {},
});
