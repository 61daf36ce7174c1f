/**
 * CEL validation rules of custom resources (`x-kubernetes-validations`), as the API server runs them
 * on a create: each rule at every node its schema node describes, with `self` the value there (typed
 * by the schema, src/cel/values.ts). A rule that returns false is a finding at the rule's field (or
 * its `fieldPath`) with the rule's `message`, `messageExpression` or `failed rule: <rule>`.
 *
 * Precision over recall: transition rules (`oldSelf`) do not apply to a create and are skipped; a
 * rule that does not compile here, or whose evaluation errors or returns a non-boolean, says nothing
 * (compile failures are listed once per run by the engine, see `uncompiledRules`); a rule is not
 * evaluated on a subtree that already has a schema finding (a typo there would fail it again).
 */
import type { Path, PathSegment } from '../model.js';
import { isRecord } from '../resource.js';
import type { JsonSchema } from '../schemas.js';
import { loadedCel } from './cel-loader.js';

export interface RuleIssue {
  readonly path: Path;
  readonly key: boolean;
  readonly data: { readonly field: string; readonly detail: string };
}

interface ValidationRule {
  readonly rule?: unknown;
  readonly message?: unknown;
  readonly messageExpression?: unknown;
  readonly fieldPath?: unknown;
}

type Cel = NonNullable<ReturnType<typeof loadedCel>>;

function rulesOf(schema: JsonSchema): ValidationRule[] {
  const rules = schema['x-kubernetes-validations'];
  return Array.isArray(rules) ? rules.filter((r): r is ValidationRule => isRecord(r) && typeof r.rule === 'string') : [];
}

type Compiled = { kind: 'ok'; program: import('../cel/index.js').CelProgram } | { kind: 'transition' } | { kind: 'error'; error: string };
const compiledRules = new WeakMap<ValidationRule, Compiled>();

/** `ok`: evaluate it; `transition`: uses oldSelf, skipped; `error`: does not compile. Once per rule object. */
function compiledRule(cel: Cel, rule: ValidationRule): Compiled {
  let compiled = compiledRules.get(rule);
  if (compiled === undefined) compiledRules.set(rule, (compiled = compileRule(cel, rule.rule as string)));
  return compiled;
}

function compileRule(cel: Cel, rule: string): Compiled {
  const compiled = cel.compileCel(rule);
  if (compiled.ok) return { kind: 'ok', program: compiled.program };
  if (/\boldSelf\b/.test(rule) && cel.compileCel(rule, { variables: ['self', 'oldSelf'] }).ok) return { kind: 'transition' };
  return { kind: 'error', error: compiled.error };
}

/** Fails of the CEL rules under `root` for `value`; `issues` are the schema findings already made. */
export function ruleIssues(value: unknown, root: JsonSchema, issues: readonly { readonly path: Path }[]): RuleIssue[] {
  const cel = loadedCel();
  if (cel === undefined) return [];
  const out: RuleIssue[] = [];
  const walk = (node: unknown, schema: JsonSchema, path: PathSegment[], mapKeys: boolean[]): void => {
    // A schema that is not a map (`storage: null` in a CRD) constrains nothing.
    if (node === null || node === undefined || !isRecord(schema)) return;
    const rules = rulesOf(schema);
    if (rules.length > 0 && !issues.some((issue) => path.every((segment, i) => issue.path[i] === segment))) {
      const self = cel.celValue(node, schema);
      for (const rule of rules) {
        const failure = evaluateRule(cel, rule, self);
        if (failure !== undefined) out.push(locate(path, mapKeys, rule.fieldPath, failure));
      }
    }
    if (Array.isArray(node)) {
      if (isRecord(schema.items)) node.forEach((item, i) => walk(item, schema.items as JsonSchema, [...path, i], [...mapKeys, false]));
    } else if (isRecord(node)) {
      const properties = isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : undefined;
      const additional = isRecord(schema.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined;
      for (const key in node) {
        if (properties !== undefined && Object.hasOwn(properties, key)) walk(node[key], properties[key]!, [...path, key], [...mapKeys, false]);
        else if (additional !== undefined) walk(node[key], additional, [...path, key], [...mapKeys, true]);
      }
    }
  };
  walk(value, root, [], []);
  return out;
}

/** The failure message when `rule` is false for `self`; undefined when it holds or cannot be decided. */
function evaluateRule(cel: Cel, rule: ValidationRule, self: unknown): string | undefined {
  const compiled = compiledRule(cel, rule);
  if (compiled.kind !== 'ok') return undefined;
  const result = cel.evaluateCel(compiled.program, { self });
  if (!result.ok || result.value !== false) return undefined;
  if (typeof rule.messageExpression === 'string') {
    const message = cel.compileCel(rule.messageExpression);
    const text = message.ok ? cel.evaluateCel(message.program, { self }) : undefined;
    if (text?.ok && typeof text.value === 'string' && text.value.trim() !== '') return text.value;
  }
  return typeof rule.message === 'string' && rule.message !== '' ? rule.message : `failed rule: ${String(rule.rule)}`;
}

function locate(path: PathSegment[], mapKeys: boolean[], fieldPath: unknown, message: string): RuleIssue {
  const at = [...path];
  const keys = [...mapKeys];
  if (typeof fieldPath === 'string') {
    for (const m of fieldPath.matchAll(/\.([A-Za-z0-9_$-]+)|\['([^']*)'\]|\[(\d+)\]/g)) {
      at.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? m[2])!);
      keys.push(m[2] !== undefined);
    }
  }
  let field = '';
  at.forEach((segment, i) => {
    field += typeof segment === 'number' || keys[i] ? `[${segment}]` : field === '' ? segment : `.${segment}`;
  });
  return { path: at.length === 0 ? ['kind'] : at, key: true, data: { field: field === '' ? '<root>' : field, detail: message } };
}

/** The rules under `root` that do not compile, with the compiler's error (empty before CEL loads). */
export function uncompiledRules(root: JsonSchema): Array<{ rule: string; error: string }> {
  const cel = loadedCel();
  if (cel === undefined) return [];
  const out: Array<{ rule: string; error: string }> = [];
  const walk = (schema: unknown): void => {
    if (Array.isArray(schema)) return schema.forEach(walk);
    if (!isRecord(schema)) return;
    for (const rule of rulesOf(schema)) {
      const compiled = compiledRule(cel, rule);
      if (compiled.kind === 'error') out.push({ rule: rule.rule as string, error: compiled.error });
    }
    for (const [key, sub] of Object.entries(schema)) {
      if (key === 'properties' && isRecord(sub)) Object.values(sub).forEach(walk);
      else if (key !== 'x-kubernetes-validations' && typeof sub === 'object') walk(sub);
    }
  };
  walk(root);
  return out;
}
