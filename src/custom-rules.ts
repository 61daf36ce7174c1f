/**
 * `customRules:` of the configuration file: rules declared in YAML with a CEL expression, for
 * teams that do not write JavaScript. Like a ValidatingAdmissionPolicy validation, `expression`
 * must be true for the object to pass; it sees `object` (the object) and `objects` (every object of
 * the run, for cross-resource rules). Each is compiled once, here, with the Kubernetes CEL libraries
 * (src/cel); a compile error is a problem at its key in the configuration file. Their ids are
 * `custom/<id>`. Loaded only when a configuration declares custom rules.
 */
import { pathToFileURL } from 'node:url';
import { celValue, compileCel, evaluateCel, type CelProgram } from './cel/index.js';
import { matchesName } from './glob.js';
import type { Path, PathSegment } from './model.js';
import type { Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';
import { defineRule, type Rule } from './rule-api.js';

export const CUSTOM_PREFIX = 'custom/';
const VARIABLES = ['object', 'objects'];

export interface CustomRuleConfig {
  readonly id: string;
  readonly severity: 'warn' | 'error';
  readonly description?: string;
  /** `Kind` or `group/Kind`; omitted = every object. */
  readonly kinds?: readonly string[];
  readonly match?: { readonly namespaces?: readonly string[]; readonly names?: readonly string[] };
  /** CEL: true when the object is fine. */
  readonly expression: string;
  /** The finding's message; `{{kind}}`, `{{name}}` and `{{namespace}}` are filled in. */
  readonly message: string;
  /** CEL returning the message (a string); `message` is used when it fails. */
  readonly messageExpression?: string;
  /** Where to report, e.g. `.spec.replicas` or `.metadata.labels['app.kubernetes.io/name']` (default: the object's name). */
  readonly fieldPath?: string;
}

export interface CustomRuleProblem {
  /** Below `customRules`: [index, key]. */
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** `configFile` is where they are declared: the rules' documentation link. */
export function compileCustomRules(entries: readonly CustomRuleConfig[], configFile: string): { rules: Rule[]; problems: CustomRuleProblem[] } {
  const rules: Rule[] = [];
  const problems: CustomRuleProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const problem = (key: string, message: string) => problems.push({ path: [i, key], message });
    if (seen.has(entry.id)) problem('id', `custom rule \`${entry.id}\` is declared twice`);
    seen.add(entry.id);
    const check = compile(entry.expression, true);
    if (typeof check === 'string') problem('expression', check);
    const message = entry.messageExpression === undefined ? undefined : compile(entry.messageExpression, false);
    if (typeof message === 'string') problem('messageExpression', message);
    const at = entry.fieldPath === undefined ? ['metadata', 'name'] : parseFieldPath(entry.fieldPath);
    if (at === undefined) problem('fieldPath', `\`${entry.fieldPath}\` is not a field path (write \`.spec.replicas\`, \`.spec.containers[0].image\` or \`.metadata.labels['app']\`)`);
    if (typeof check !== 'string' && typeof message !== 'string' && at !== undefined) rules.push(customRule(entry, check, message, at, pathToFileURL(configFile).href));
  });
  return { rules, problems };
}

/** The program, or why it cannot be used. */
function compile(expression: string, predicate: boolean): CelProgram | string {
  const compiled = compileCel(expression, { variables: VARIABLES });
  if (!compiled.ok) return `does not compile: ${compiled.error}`;
  const wanted = predicate ? 'bool' : 'string';
  if (compiled.program.type !== wanted && compiled.program.type !== 'dyn') return `must evaluate to a ${wanted}, but evaluates to ${compiled.program.type}`;
  return compiled.program;
}

/** `.spec.containers[0].image`, `spec.replicas`, `.metadata.labels['app.kubernetes.io/name']` -> segments. */
export function parseFieldPath(text: string): Path | undefined {
  const segments: PathSegment[] = [];
  const token = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) return undefined;
    segments.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4])!);
    at = token.lastIndex;
  }
  return segments.length > 0 ? segments : undefined;
}

/** Objects as CEL values, converted once per run (keyed by the run's index) and per object. */
const asCel = new WeakMap<object, unknown>();

function celOf(resource: Resource): unknown {
  let value = asCel.get(resource);
  if (value === undefined) asCel.set(resource, (value = celValue(resource.value)));
  return value;
}

function objectsOf(index: ResourceIndex): unknown {
  let value = asCel.get(index);
  if (value === undefined) asCel.set(index, (value = index.resources.map(celOf)));
  return value;
}

function customRule(entry: CustomRuleConfig, check: CelProgram, messageProgram: CelProgram | undefined, at: Path, url: string): Rule {
  const usesObjects = /\bobjects\b/.test(entry.expression) || /\bobjects\b/.test(entry.messageExpression ?? '');
  const { namespaces, names } = entry.match ?? {};
  return defineRule({
    id: `${CUSTOM_PREFIX}${entry.id}`,
    severity: entry.severity,
    ...(entry.kinds ? { kinds: entry.kinds } : {}),
    description: entry.description ?? entry.message,
    docs: { why: `Declared in the configuration file: \`${entry.expression.trim()}\` must be true.`, fix: entry.message, url },
    messages: { failed: '{{message}}', error: 'custom rule `{{id}}` could not be evaluated on {{object}}: {{error}}' },
    check({ resource, index, report }) {
      if (namespaces && !namespaces.some((ns) => resource.namespace !== undefined && matchesName(resource.namespace, ns))) return;
      if (names && !names.some((name) => matchesName(resource.name, name))) return;
      const activation = { object: celOf(resource), objects: usesObjects ? objectsOf(index) : [] };
      const result = evaluateCel(check, activation);
      const node = resource.node(...at);
      if (!result.ok || typeof result.value !== 'boolean') {
        const error = result.ok ? `the expression returned \`${String(result.value)}\`, not a bool` : result.error;
        report(node, 'error', { id: entry.id, object: resource.label, error });
        return;
      }
      if (result.value) return;
      const computed = messageProgram ? evaluateCel(messageProgram, activation) : undefined;
      const template = computed?.ok && typeof computed.value === 'string' && computed.value !== '' ? computed.value : entry.message;
      const data = { kind: resource.kind, name: resource.name, namespace: resource.namespace ?? '' };
      report(node, 'failed', { message: template.replace(/\{\{\s*(kind|name|namespace)\s*\}\}/g, (_, key: keyof typeof data) => data[key]) });
    },
  }) as Rule;
}
