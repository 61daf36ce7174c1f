/**
 * The configuration file `.k8s-lint.yaml`: lookup (current folder up to the repository root),
 * parsing, validation against the shipped JSON Schema (k8s-lint.schema.json) with errors that
 * name the key and its line, and the checks the schema cannot make (rule ids, versions, objects).
 * `yaml` and `ajv` load only when a configuration file exists.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { parseKubernetesVersion } from './k8s/api-deprecations.js';
import { editDistance } from './k8s/suggest.js';
import type { SeverityName } from './model.js';
import { packageRoot } from './package-info.js';
import { parseExternal } from './resource-index.js';
import type { PodSecuritySettings } from './k8s/pod-security/index.js';
import type { Rule } from './rule-api.js';
import type { CustomRuleConfig } from './custom-rules.js';

export const CONFIG_FILES = ['.k8s-lint.yaml', '.k8s-lint.yml', '.k8s-lint.json'] as const;
export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'warn', 'error'];

export interface Override {
  readonly files?: readonly string[];
  readonly kinds?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly names?: readonly string[];
  readonly rules: Readonly<Record<string, SeverityName>>;
}

export interface Config {
  readonly kubernetesVersion?: string;
  readonly defaultNamespace?: string;
  readonly ignore?: readonly string[];
  readonly skipKinds?: readonly string[];
  readonly rules?: Readonly<Record<string, SeverityName>>;
  readonly external?: readonly string[];
  readonly overrides?: readonly Override[];
  /** CRD files and folders, JSON-schema catalog folders, relative to the configuration's folder. */
  readonly crds?: readonly string[];
  readonly render?: 'auto' | 'require' | 'off';
  readonly kustomizeCommand?: 'kustomize' | 'kubectl';
  readonly kustomizeEnableHelm?: boolean;
  readonly units?: ReadonlyArray<UnitConfig>;
  readonly podSecurity?: PodSecuritySettings;
  /** ESM modules exporting rules: paths relative to the configuration file, or package names. */
  readonly plugins?: readonly string[];
  /** Rules declared with a CEL expression. */
  readonly customRules?: readonly CustomRuleConfig[];
}

/** A `units` entry: a chart's values set (or its release settings), or plain files grouped by name. */
export type UnitConfig =
  | { readonly chart: string; readonly values?: readonly string[]; readonly release?: string; readonly namespace?: string }
  | { readonly name: string; readonly files: readonly string[] };

export interface LoadedConfig {
  /** Absolute path of the file. */
  readonly path: string;
  /** Its folder: `ignore` and `overrides[].files` globs are relative to it. */
  readonly dir: string;
  readonly config: Config;
  /** Rules the configuration adds (plugins, custom rules), beside the built-in ones. */
  readonly rules?: readonly Rule[];
}

export type ConfigResult = { readonly ok: true; readonly loaded: LoadedConfig } | { readonly ok: false; readonly message: string };

/** The nearest configuration file from `cwd` up to the first folder holding `.git` (inclusive). */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

/** Ids near `word`: edit distance within a third of its length, or containing it; closest first. */
export function closeIds(word: string, ids: readonly string[], limit = 3): string[] {
  const max = Math.max(2, Math.floor(word.length / 3));
  return ids
    .map((id) => ({ id, distance: id.includes(word) || word.includes(id) ? 0.5 : editDistance(word, id) }))
    .filter(({ distance }) => distance <= max)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map(({ id }) => id);
}

/** "unknown rule `x`; did you mean `y` or `z`?" / "unknown rule `x` (run --list-rules)". */
export function unknownRuleMessage(id: string, ids: readonly string[]): string {
  const near = closeIds(id, ids).map((c) => `\`${c}\``);
  if (near.length === 0) return `unknown rule \`${id}\` (\`k8s-lint --list-rules\` lists them)`;
  const list = near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`;
  return `unknown rule \`${id}\`; did you mean ${list}?`;
}

let schema: object | undefined;

async function configSchema(): Promise<object> {
  schema ??= JSON.parse(await fs.readFile(path.join(packageRoot(), 'k8s-lint.schema.json'), 'utf8')) as object;
  return schema;
}

type Segment = string | number;
type AjvClass = typeof import('ajv').Ajv;

interface Problem {
  readonly path: readonly Segment[];
  /** Point at the key rather than the value. */
  readonly key?: boolean;
  readonly message: string;
}

/** Reads and validates `file`; `ruleIds` are the known rule ids. `display` names the file in messages. */
export async function loadConfig(file: string, ruleIds: readonly string[], display = file): Promise<ConfigResult> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot read configuration ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const { parseDocument, LineCounter, isScalar } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const at = lines.linePos(error.pos[0]);
    return { ok: false, message: `${display}:${at.line}:${at.col}: invalid YAML in configuration: ${error.message.split('\n')[0]}` };
  }
  // YAML reads `kubernetesVersion: 1.30` as the number 1.3: take the text as written.
  const version = doc.get('kubernetesVersion', true);
  if (isScalar(version) && typeof version.value === 'number' && version.source) version.value = version.source;
  const value: unknown = doc.contents === null ? {} : doc.toJS();
  const structural = await schemaProblems(value);
  const added = structural.length > 0 ? { rules: [], problems: [] } : await addedRules(value as Config, file);
  const ids = [...ruleIds, ...added.rules.map((rule) => rule.id)];
  const problems = structural.length > 0 ? structural : [...added.problems, ...semanticProblems(value, ids)];
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => `${display}:${position(doc, lines, p)}: ${describeKey(p.path)}${p.message}`);
    return { ok: false, message: shown.join('\n') };
  }
  return { ok: true, loaded: { path: file, dir: path.dirname(file), config: value as Config, rules: added.rules } };
}

/** Rules from `plugins` and `customRules` (their modules, and CEL, load only when the configuration has some). */
async function addedRules(config: Config, file: string): Promise<{ rules: Rule[]; problems: Problem[] }> {
  const rules: Rule[] = [];
  const problems: Problem[] = [];
  if (config.plugins?.length) {
    const { loadPlugins } = await import('./plugins.js');
    const plugins = await loadPlugins(config.plugins, path.dirname(file));
    rules.push(...plugins.rules);
    problems.push(...plugins.problems.map((p) => ({ path: ['plugins', p.index], message: p.message })));
  }
  if (config.customRules?.length) {
    const { compileCustomRules } = await import('./custom-rules.js');
    const custom = compileCustomRules(config.customRules, file);
    rules.push(...custom.rules);
    problems.push(...custom.problems.map((p) => ({ path: ['customRules', ...p.path], message: p.message })));
  }
  return { rules, problems };
}

async function schemaProblems(value: unknown): Promise<Problem[]> {
  const imported = (await import('ajv')) as unknown as { default: AjvClass | { default: AjvClass } };
  const Ajv = 'default' in imported.default ? imported.default.default : imported.default;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const validate = ajv.compile(await configSchema());
  if (validate(value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const at = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const params = error.params as Record<string, unknown>;
    const got = error.data === undefined ? '' : ` (got \`${typeof error.data === 'object' ? JSON.stringify(error.data) : String(error.data)}\`)`;
    let problem: Problem;
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String(params.additionalProperty);
        const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
        const near = closeIds(key, known, 1)[0];
        problem = { path: [...at, key], key: true, message: `unknown key${near ? `; did you mean \`${near}\`?` : ` (expected ${known.map((k) => `\`${k}\``).join(', ')})`}` };
        break;
      }
      case 'propertyNames':
        continue; // reported through `pattern` with the offending name
      case 'if':
        continue; // reported through the branch that applies (`units` entries)
      case 'enum':
        problem = { path: at, message: `must be one of ${(params.allowedValues as string[]).map((v) => `\`${v}\``).join(', ')}${got}` };
        break;
      case 'type':
        problem = { path: at, message: `must be ${params.type === 'array' ? 'a list' : params.type === 'object' ? 'a mapping' : `a ${String(params.type)}`}${got}` };
        break;
      case 'required':
        problem = { path: at, key: true, message: `needs \`${String(params.missingProperty)}\`` };
        break;
      case 'pattern': {
        const propertyName = (error as { propertyName?: string }).propertyName;
        const description = (error.parentSchema as { description?: string }).description;
        problem = propertyName !== undefined
          ? { path: [...at, propertyName], key: true, message: `\`${propertyName}\` is not a valid name${description ? `: ${description}` : ''}` }
          : { path: at, message: `\`${String(error.data)}\` is not valid${description ? `: ${description}` : ''}` };
        break;
      }
      default:
        problem = { path: at, message: `${error.message ?? 'is invalid'}${got}` };
    }
    const id = `${problem.path.join('/')}|${problem.message}`;
    if (!seen.has(id)) problems.push(problem);
    seen.add(id);
  }
  return problems;
}

/** Checks the schema cannot make: known rule ids, supported versions, objects that make sense. */
function semanticProblems(value: unknown, ruleIds: readonly string[]): Problem[] {
  if (!isObject(value)) return [];
  const problems: Problem[] = [];
  const checkRules = (rules: unknown, at: Segment[]) => {
    if (!isObject(rules)) return;
    for (const id of Object.keys(rules)) {
      if (!ruleIds.includes(id)) problems.push({ path: [...at, id], key: true, message: unknownRuleMessage(id, ruleIds) });
    }
  };
  checkRules(value.rules, ['rules']);
  if (Array.isArray(value.overrides)) value.overrides.forEach((o, i) => isObject(o) && checkRules(o.rules, ['overrides', i, 'rules']));
  if (typeof value.kubernetesVersion === 'string') {
    const parsed = parseKubernetesVersion(value.kubernetesVersion);
    if (!parsed.ok) problems.push({ path: ['kubernetesVersion'], message: parsed.message });
  }
  if (Array.isArray(value.external)) {
    value.external.forEach((text, i) => {
      if (typeof text !== 'string') return;
      const parsed = parseExternal(text);
      if (typeof parsed === 'string' && /cluster-scoped/.test(parsed)) problems.push({ path: ['external', i], message: parsed });
    });
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `rules.missing-secret: `, `overrides[0].files: `, or '' for the root. */
function describeKey(at: readonly Segment[]): string {
  if (at.length === 0) return '';
  const key = at.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return `\`${key}\`: `;
}

function position(doc: Document, lines: LineCounter, problem: Problem): string {
  const node = locate(doc, problem.path, problem.key === true);
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}

/** The node at `at` (its key when `key`), or the nearest existing parent's key. */
function locate(doc: Document, at: readonly Segment[], key: boolean): Node | undefined {
  let node = doc.contents as Node | null;
  let keyNode: Node | undefined;
  for (const segment of at) {
    const items = node && 'items' in node ? (node.items as unknown[]) : undefined;
    if (!items) break;
    if (typeof segment === 'number') {
      const item = items[segment] as Node | undefined;
      if (!item) break;
      node = item;
      keyNode = undefined;
      continue;
    }
    const pair = items.find((p) => {
      const k = (p as { key?: { value?: unknown } }).key;
      return k !== undefined && String(k?.value) === segment;
    }) as { key: Node; value: Node | null } | undefined;
    if (!pair) return keyNode ?? node ?? undefined;
    keyNode = pair.key;
    node = pair.value ?? pair.key;
  }
  return (key ? keyNode : undefined) ?? node ?? undefined;
}
