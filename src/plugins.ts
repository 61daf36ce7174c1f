/**
 * `plugins:` of the configuration file: ESM modules, named by a path relative to the configuration
 * file or by a package name (resolved from the configuration's folder), whose default export is a
 * plugin `{ name, rules }` written against `k8s-lint/rule-api`. Each rule's id gets the plugin's
 * name as prefix (`acme/require-team-label`). Anything wrong is a problem naming the plugin, which
 * config.ts reports at the plugin's line; loaded only when a configuration lists plugins.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_API_VERSION, type Rule } from './rule-api.js';

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SEVERITIES = new Set(['warn', 'error']);

export interface PluginProblem {
  /** Index in `plugins`. */
  readonly index: number;
  readonly message: string;
}

export interface LoadedPlugins {
  readonly rules: Rule[];
  readonly problems: PluginProblem[];
}

export async function loadPlugins(specifiers: readonly string[], configDir: string): Promise<LoadedPlugins> {
  const rules: Rule[] = [];
  const problems: PluginProblem[] = [];
  const names = new Map<string, string>();
  for (const [index, specifier] of specifiers.entries()) {
    const loaded = await loadPlugin(specifier, configDir);
    if (typeof loaded === 'string') {
      problems.push({ index, message: `plugin \`${specifier}\`: ${loaded}` });
      continue;
    }
    const other = names.get(loaded.name);
    if (other !== undefined) {
      problems.push({ index, message: `plugin \`${specifier}\` is named \`${loaded.name}\`, like plugin \`${other}\`: rule ids would clash` });
      continue;
    }
    names.set(loaded.name, specifier);
    rules.push(...loaded.rules);
  }
  return { rules, problems };
}

/** The plugin's rules with their prefixed ids, or what is wrong with it. */
async function loadPlugin(specifier: string, configDir: string): Promise<{ name: string; rules: Rule[] } | string> {
  const file = resolve(specifier, configDir);
  if (file === undefined) return `not found: no file \`${path.resolve(configDir, specifier)}\`${isPath(specifier) ? '' : ` and no installed package \`${specifier}\` from ${configDir}`}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    return `cannot be loaded: ${firstLine(error)}`;
  }
  const plugin = (module.default ?? module) as Record<string, unknown>;
  if (typeof plugin !== 'object' || plugin === null || typeof plugin.name !== 'string' || !('rules' in plugin)) {
    return 'does not export a plugin: its default export must be `{ name, rules }` (see definePlugin in k8s-lint/rule-api)';
  }
  const { name } = plugin;
  if (!NAME.test(name)) return `is named \`${name}\`; a plugin name is kebab-case (lowercase letters, digits and dashes), the prefix of its rule ids`;
  if (plugin.ruleApiVersion !== undefined && plugin.ruleApiVersion !== RULE_API_VERSION) {
    return `was written for rule API version ${String(plugin.ruleApiVersion)}, but this k8s-lint provides version ${RULE_API_VERSION}: use a k8s-lint release for it, or update the plugin`;
  }
  const list = Array.isArray(plugin.rules) ? (plugin.rules as unknown[]) : isObject(plugin.rules) ? Object.values(plugin.rules) : undefined;
  if (!list) return '`rules` must be a list of rules (defineRule in k8s-lint/rule-api)';
  const fallbackUrl = typeof plugin.homepage === 'string' ? plugin.homepage : pathToFileURL(file).href;
  const rules: Rule[] = [];
  const ids = new Set<string>();
  for (const [i, candidate] of list.entries()) {
    const problem = ruleProblem(candidate);
    const label = isObject(candidate) && typeof candidate.id === 'string' ? `rule \`${candidate.id}\`` : `rule #${i + 1}`;
    if (problem) return `${label} ${problem}`;
    const rule = candidate as unknown as Rule;
    if (ids.has(rule.id)) return `defines rule \`${rule.id}\` twice`;
    ids.add(rule.id);
    const docs = isObject(rule.docs) ? rule.docs : { why: '', fix: '' };
    rules.push({ ...rule, id: `${name}/${rule.id}`, docs: { ...docs, url: docs.url ?? fallbackUrl }, builtIn: undefined, check: rule.check.bind(rule) });
  }
  return { name, rules };
}

/** What makes `value` unusable as a rule, if anything. */
function ruleProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'is not a rule object';
  if (typeof value.id !== 'string' || !NAME.test(value.id)) return 'needs an `id` in kebab-case, without the plugin prefix';
  if (typeof value.severity !== 'string' || !SEVERITIES.has(value.severity)) return 'needs a `severity` of `warn` or `error`';
  if (typeof value.description !== 'string' || value.description === '') return 'needs a `description`';
  if (!isObject(value.messages) || !Object.values(value.messages).every((m) => typeof m === 'string')) return 'needs `messages`: message ids to message templates';
  if (typeof value.check !== 'function') return 'needs a `check` function';
  if (value.kinds !== undefined && !(Array.isArray(value.kinds) && value.kinds.every((k) => typeof k === 'string'))) return 'has `kinds` that are not a list of kinds';
  return undefined;
}

function isPath(specifier: string): boolean {
  return specifier.startsWith('.') || path.isAbsolute(specifier) || /\.[cm]?js$/.test(specifier);
}

/** A file path, or a package resolved from the configuration's folder, then from k8s-lint's own. */
function resolve(specifier: string, configDir: string): string | undefined {
  const file = path.resolve(configDir, specifier);
  if (isPath(specifier)) return existsSync(file) ? file : undefined;
  for (const from of [path.join(configDir, 'noop.js'), import.meta.url]) {
    try {
      return createRequire(from).resolve(specifier);
    } catch {
      // an ESM-only package without a `require`/`default` export condition, or not installed here
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
