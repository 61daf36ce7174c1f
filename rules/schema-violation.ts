import { defineRule, edit, isRecord, objectSchema, validateObject, type Edit, type Path, type Resource, type SchemaIssue } from '../src/rule-api.js';

/** Controllers whose `spec.selector` apps/v1 requires; older API versions defaulted it to the template labels. */
const SELECTOR_REQUIRED = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/DaemonSet', 'apps/StatefulSet']);

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, segment) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined), value);
}

/**
 * The safe fix of an issue, if it has one: quote a YAML 1.1 boolean or number where only a string
 * is allowed (its text is what was meant), or add a missing controller selector that selects the
 * pod template's labels (what the API defaulted it to before apps/v1).
 */
function fixOf(issue: SchemaIssue, resource: Resource): Edit[] | undefined {
  if (issue.code === 'wrongType' && issue.data.detail.startsWith('expected a string, ')) {
    const value = valueAt(resource.value, issue.path);
    return typeof value === 'boolean' || typeof value === 'number' ? [edit.quote(resource.node(...issue.path))] : undefined;
  }
  if (issue.code !== 'missingField' || issue.data.field !== 'spec.selector' || !SELECTOR_REQUIRED.has(`${resource.group}/${resource.kind}`)) return undefined;
  const labels = valueAt(resource.value, ['spec', 'template', 'metadata', 'labels']);
  if (!isRecord(labels) || Object.keys(labels).length === 0 || !Object.values(labels).every((v) => typeof v === 'string')) return undefined;
  return [edit.insertKey(resource.node('spec'), 'selector', { matchLabels: { ...(labels as Record<string, string>) } }, { before: 'template' })];
}

export default defineRule({
  id: 'schema-violation',
  severity: 'error',
  fixable: true,
  hasSuggestions: true,
  description: 'Object does not match the schema of its kind in the target Kubernetes version',
  docs: {
    why:
      'kubectl sends objects with `fieldValidation=Strict` (its default `--validate=strict`; ' +
      'server-side field validation, KEP-2885, GA in 1.27) and the API server answers 400 ' +
      '`strict decoding error: unknown field` for a field the kind does not have in that version, ' +
      'built-in or custom (a field the CRD structural schema would prune). Tools that do not ask ' +
      'for strict validation drop the field silently, so the setting is lost either way. A value of ' +
      'the wrong JSON type fails decoding (`cannot unmarshal string into Go struct field ... of type ' +
      'int32`); manifests are decoded as YAML 1.1, so an unquoted `yes` or `8080` is a boolean or a ' +
      'number where the API wants a string. A missing required field fails validation ' +
      '(`Required value`). Duplicate keys in `x-kubernetes-list-type: map` lists are rejected for ' +
      'custom resources and for containers, volumes, volumeMounts and Service ports ' +
      '(`Duplicate value`, `must be unique`); for other built-in lists (env, container ports) the API ' +
      'server only warns ("hides previous definition ..., which may be dropped when using apply", ' +
      'pkg/api/pod/warnings.go) and server-side apply rejects them, so those are warnings. Objects ' +
      'whose apiVersion the target version does not serve are left to removed-api-version. Custom ' +
      'resources are checked against their CustomResourceDefinition: one among the linted files or ' +
      '`--context`, one of `crds:`/`--crds`, or the bundled catalog of widely used operators (Gateway ' +
      'API, cert-manager, prometheus-operator, Argo CD and Rollouts, External Secrets, KEDA, Traefik, ' +
      'Sealed Secrets, Istio, Flux), including the CEL rules of its `x-kubernetes-validations`, which ' +
      'the API server evaluates on every create (transition rules, which compare with `oldSelf`, only ' +
      'apply to updates and are skipped).',
    fix:
      'Fix the spelling or indentation of the field, quote strings that YAML 1.1 reads as booleans or ' +
      'numbers, write lists as `- ` items, and remove duplicate entries; pass `--kubernetes-version` ' +
      'to match your cluster. For a failed validation rule, change the value as its message says. `--fix` quotes such values as written (`yes` -> `\"yes\"`, `1.10` -> `\"1.10\"`) and adds ' +
      'a missing `spec.selector` of a Deployment, ReplicaSet, DaemonSet or StatefulSet that selects the pod ' +
      "template's labels (what older API versions defaulted it to; selectors are immutable once created).",
  },
  messages: {
    unknownField: '{{object}} has unknown field `{{field}}`{{detail}}',
    wrongType: '{{object}} field `{{field}}`: {{detail}}',
    missingField: '{{object}} is missing required field `{{field}}`',
    duplicateEntry: '{{object}} has a duplicate entry in `{{field}}`: {{detail}}',
    invalidValue: '{{object}} field `{{field}}`: {{detail}}',
    ruleFailed: '{{object}} field `{{field}}` fails a validation rule of its CustomResourceDefinition: {{detail}}',
    rename: 'Rename `{{from}}` to `{{to}}`',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const schema = objectSchema(resource, index, kubernetesVersion);
    if (schema === undefined) return;
    for (const issue of validateObject(resource.value, schema)) {
      const node = issue.key ? resource.key(...issue.path) : resource.node(...issue.path);
      const data = { object: resource.label, ...issue.data };
      const fix = fixOf(issue, resource);
      // A misspelt field: renaming it is likely right, but the user should see it (editor only).
      const meant = issue.code === 'unknownField' ? /did you mean `([^`]+)`\?$/.exec(issue.data.detail)?.[1] : undefined;
      const from = String(issue.path[issue.path.length - 1]);
      const suggestions = meant ? [{ messageId: 'rename' as const, data: { from, to: meant }, fix: [edit.renameKey(resource.node(...issue.path), meant)] }] : undefined;
      report(node, issue.code, data, { ...(issue.severity === undefined ? {} : { severity: issue.severity }), ...(fix ? { fix } : {}), ...(suggestions ? { suggestions } : {}) });
    }
  },
});
