import {
  defineRule,
  isApiServerObject,
  isLabelValue,
  isQualifiedName,
  isRecord,
  isTemplated,
  suggestLabelValue,
  type Path,
  type PodTemplate,
  type Resource,
} from '../src/rule-api.js';

/** Kinds whose `spec.selector` is a metav1.LabelSelector, or a plain map (Service, RC). */
const LABEL_SELECTORS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'policy/PodDisruptionBudget']);
const PLAIN_SELECTORS = new Set(['/Service', '/ReplicationController']);

function get(value: unknown, path: Path): unknown {
  let current = value;
  for (let i = 0; i < path.length; i++) current = isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[path[i]] : undefined;
  return current;
}

/** A key `check` reports: invalid and not a template placeholder (the regex first: it settles the usual key at once). */
function badKey(key: string): boolean {
  return isQualifiedName(key).length > 0 && !isTemplated(key);
}

function badValue(value: unknown): boolean {
  return typeof value === 'string' && isLabelValue(value).length > 0 && !isTemplated(value);
}

function badMap(labels: unknown): boolean {
  if (!isRecord(labels)) return false;
  for (const key in labels) {
    if (Object.hasOwn(labels, key) && (badKey(key) || badValue(labels[key]))) return true;
  }
  return false;
}

const METADATA_LABELS: Path = ['metadata', 'labels'];
const SPEC: Path = ['spec'];

/**
 * Whether `check` may report anything on this object: the same keys and values, read in place, so
 * that a clean object (nearly all) costs no path, subject text or closure.
 */
function mayReport(resource: Resource, template: PodTemplate | undefined, kindKey: string): boolean {
  if (badMap(get(resource.value, METADATA_LABELS))) return true;
  if (template && template.path.length > 0 && badMap(get(get(resource.value, template.path), METADATA_LABELS))) return true;
  const spec = get(resource.value, SPEC);
  const fields = isRecord(spec) ? spec : undefined;
  if (PLAIN_SELECTORS.has(kindKey)) return badMap(fields?.selector);
  const selector = LABEL_SELECTORS.has(kindKey) ? fields?.selector : kindKey === 'networking.k8s.io/NetworkPolicy' ? fields?.podSelector : undefined;
  if (!isRecord(selector)) return false;
  if (badMap(selector.matchLabels)) return true;
  const expressions = selector.matchExpressions;
  if (!Array.isArray(expressions)) return false;
  return expressions.some((expression) => isRecord(expression) && typeof expression.key === 'string' && (badKey(expression.key) ||
    (Array.isArray(expression.values) && ['In', 'NotIn'].includes(String(expression.operator)) && expression.values.some(badValue))));
}

export default defineRule({
  id: 'invalid-label',
  severity: 'error',
  description: 'Label key or value, or selector, that the API server rejects',
  docs: {
    why:
      'The API server validates every label of an object and of its pod template (`ValidateLabels` in ' +
      'apimachinery/pkg/apis/meta/v1/validation): a key is a qualified name, an optional DNS-1123 ' +
      'subdomain prefix (at most 253 characters) and `/`, then a name of at most 63 characters that ' +
      'starts and ends with an alphanumeric and otherwise holds only alphanumerics, `-`, `_` and `.`; ' +
      'a value is empty or follows the same rule, also at most 63 characters. A Service or ' +
      'ReplicationController selector is checked the same way, and so are the `matchLabels` and ' +
      '`matchExpressions` of workload, PodDisruptionBudget and NetworkPolicy selectors (expression ' +
      'values since Kubernetes 1.26, kubernetes/kubernetes#113699; earlier versions accept them, but ' +
      'such a selector matches nothing). The whole object is refused with `422 Invalid`. Values ' +
      'that YAML reads as booleans or numbers are left to the schema check.',
    fix: 'Replace spaces, `/`, `:`, `+` and other characters with `-`, `_` or `.`, and keep values to 63 characters (put longer text in an annotation).',
  },
  messages: {
    key: '{{where}} key `{{key}}` is invalid: {{reason}}',
    value: '{{where}} `{{key}}` has value `{{value}}`, which is invalid: {{reason}}{{suggestion}}',
  },
  check({ resource, index, kubernetesVersion, report }) {
    if (!isApiServerObject(resource.apiVersion, resource.kind)) return;
    const template = index.podTemplate(resource);
    const kindKey = `${resource.group}/${resource.kind}`;
    if (!mayReport(resource, template, kindKey)) return;
    const owner = `${resource.kind} \`${resource.name}\``;
    const [major, minor] = kubernetesVersion.split('.').map(Number);
    const expressionValuesChecked = major > 1 || minor >= 26;

    // Nodes and paths are built only for a finding: most labels are valid.
    const checkKey = (key: string, where: string, at: Path, asKey: boolean) => {
      const errors = isTemplated(key) ? [] : isQualifiedName(key);
      if (errors.length > 0) report(asKey ? resource.key(...at, key) : resource.node(...at, 'key'), 'key', { where, key, reason: errors.join('; ') });
    };
    const checkValue = (key: string, value: unknown, at: Path, last: string | number, where: string, warn = false) => {
      if (typeof value !== 'string' || isTemplated(value)) return;
      const errors = isLabelValue(value);
      if (errors.length === 0) return;
      const fixed = suggestLabelValue(value);
      const suggestion = fixed === undefined ? '' : `; did you mean \`${fixed}\`?`;
      report(resource.node(...at, last), 'value', { where, key, value, reason: errors.join('; '), suggestion }, warn ? { severity: 'warn' } : undefined);
    };
    const checkMap = (path: Path, where: string) => {
      const labels = get(resource.value, path);
      if (!isRecord(labels)) return;
      for (const key in labels) {
        if (!Object.hasOwn(labels, key)) continue;
        checkKey(key, where, path, true);
        checkValue(key, labels[key], path, key, where);
      }
    };

    checkMap(['metadata', 'labels'], `${owner} label`);
    if (template && template.path.length > 0) checkMap([...template.path, 'metadata', 'labels'], `${owner} pod template label`);

    if (PLAIN_SELECTORS.has(kindKey)) checkMap(['spec', 'selector'], `${owner} selector`);
    const selectorPath: Path | undefined = LABEL_SELECTORS.has(kindKey)
      ? ['spec', 'selector']
      : kindKey === 'networking.k8s.io/NetworkPolicy'
        ? ['spec', 'podSelector']
        : undefined;
    if (!selectorPath) return;
    const where = `${owner} selector`;
    checkMap([...selectorPath, 'matchLabels'], where);
    const expressions = get(resource.value, [...selectorPath, 'matchExpressions']);
    if (!Array.isArray(expressions)) return;
    expressions.forEach((expression, i) => {
      if (!isRecord(expression) || typeof expression.key !== 'string') return;
      const path = [...selectorPath, 'matchExpressions', i];
      checkKey(expression.key, where, path, false);
      if (!Array.isArray(expression.values) || !['In', 'NotIn'].includes(String(expression.operator))) return;
      const values: Path = [...path, 'values'];
      expression.values.forEach((value, j) => checkValue(expression.key as string, value, values, j, where, !expressionValuesChecked));
    });
  },
});
