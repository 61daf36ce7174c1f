/**
 * The baseline: ESLint's bulk suppressions for manifests. `k8s-lint-suppressions.json` counts the
 * errors each object has per rule, per file:
 *
 *   { "deploy/api.yaml": { "apps/Deployment shop/api": { "missing-secret": { "count": 1 } } } }
 *
 * Keys are object identities (group, kind, namespace, name), not lines, so edits elsewhere in the
 * file, reordering and line shifts leave them valid. A run reports an object's findings of a rule
 * only when there are more than the baseline counts (then all of them, as ESLint does: which one is
 * new cannot be told). Only errors are recorded, as in ESLint. Writing the file is the one explicit
 * write the user asks for (`--suppress-all`, `--suppress-rule`, `--prune-suppressions`).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { groupOf } from './k8s/kinds.js';
import type { LintMessage, LintResult, ResourceId, SuppressedMessage } from './model.js';
import { INTERNAL_ERROR } from './runner.js';

export const DEFAULT_SUPPRESSIONS_FILE = 'k8s-lint-suppressions.json';
/** Findings that are never baselined: they are about the run or the suppressions themselves. */
const NEVER = new Set([INTERNAL_ERROR, 'unused-disable-directive']);
/** The key of findings on no object (`yaml-syntax`). */
const FILE_LEVEL = '(file)';

/** file (relative to the suppressions file, `/`-separated) -> object -> rule -> count. */
export type Baseline = Record<string, Record<string, Record<string, { count: number }>>>;

/** `apps/Deployment shop/api`, `Service shop/web`, `ClusterRole reader`. */
export function objectKey(resource: ResourceId | undefined): string {
  if (!resource) return FILE_LEVEL;
  const group = groupOf(resource.apiVersion);
  const name = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
  return `${group ? `${group}/` : ''}${resource.kind} ${name}`;
}

export function baselineKey(filePath: string, dir: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  return path.relative(dir, filePath).split(path.sep).join('/');
}

/** Reads the suppressions file; a missing file is an empty baseline, a malformed one a message. */
export async function readBaseline(file: string): Promise<{ ok: true; baseline: Baseline } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, baseline: {} };
    return { ok: false, message: `cannot read suppressions file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!isBaseline(parsed)) throw new Error('expected { "file": { "object": { "rule-id": { "count": N } } } }');
    return { ok: true, baseline: parsed };
  } catch (error) {
    return { ok: false, message: `suppressions file ${file} is malformed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isBaseline(value: unknown): value is Baseline {
  return isMap(value) && Object.values(value).every((objects) => isMap(objects) && Object.values(objects).every((rules) =>
    isMap(rules) && Object.values(rules).every((entry) => isMap(entry) && Number.isInteger(entry.count) && (entry.count as number) > 0)));
}

/** Sorted keys at every level and a final newline: a stable file that diffs well. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  const sorted = (record: Record<string, unknown>, depth: number): unknown =>
    depth === 0 ? record : Object.fromEntries(Object.keys(record).sort().map((k) => [k, sorted(record[k] as Record<string, unknown>, depth - 1)]));
  await fs.writeFile(file, `${JSON.stringify(sorted(baseline, 3), null, 2)}\n`);
}

const recordable = (m: LintMessage): boolean => m.severity === 2 && !NEVER.has(m.ruleId);

/** Current error counts of the run: file -> object -> rule. */
function countsOf(results: readonly LintResult[], dir: string, rules?: ReadonlySet<string>): Baseline {
  const out: Baseline = {};
  for (const result of results) {
    for (const message of [...result.messages, ...(result.suppressedMessages ?? [])]) {
      if (!recordable(message) || (rules && !rules.has(message.ruleId))) continue;
      const objects = (out[baselineKey(result.filePath, dir)] ??= {});
      const byRule = (objects[objectKey(message.resource)] ??= {});
      byRule[message.ruleId] = { count: (byRule[message.ruleId]?.count ?? 0) + 1 };
    }
  }
  return out;
}

export interface Applied {
  readonly results: LintResult[];
  readonly suppressed: number;
  /** Baseline entries of linted files that count more findings than occur: `file object rule (n unused)`. */
  readonly unused: string[];
}

/** Moves the findings the baseline covers to `suppressedMessages`; `source` names the file in them. */
export function applyBaseline(results: readonly LintResult[], baseline: Baseline, dir: string, source = DEFAULT_SUPPRESSIONS_FILE): Applied {
  const counts = countsOf(results, dir);
  let suppressed = 0;
  const unused: string[] = [];
  const out = results.map((result) => {
    const file = baselineKey(result.filePath, dir);
    const allowed = baseline[file] ?? {};
    for (const [object, rules] of Object.entries(allowed)) {
      for (const [rule, { count }] of Object.entries(rules)) {
        const actual = counts[file]?.[object]?.[rule]?.count ?? 0;
        if (actual < count) unused.push(`${file} ${object} ${rule} (${count - actual} unused)`);
      }
    }
    const covered = (m: LintMessage) => recordable(m) && (counts[file][objectKey(m.resource)][m.ruleId].count <= (allowed[objectKey(m.resource)]?.[m.ruleId]?.count ?? 0));
    const kept = result.messages.filter((m) => !covered(m));
    if (kept.length === result.messages.length) return result;
    const moved: SuppressedMessage[] = result.messages.filter(covered).map((m) => ({ ...m, suppressions: [{ kind: 'external', justification: `baselined in ${source}` }] }));
    suppressed += moved.length;
    return {
      ...result,
      messages: kept,
      errorCount: kept.filter((m) => m.severity === 2).length,
      warningCount: kept.filter((m) => m.severity === 1).length,
      suppressedMessages: [...(result.suppressedMessages ?? []), ...moved],
    };
  });
  return { results: out, suppressed, unused };
}

/**
 * `--suppress-all` (no `rules`) or `--suppress-rule` (these rules): the baseline with the current
 * errors of the linted files recorded. Entries of files not in this run are kept.
 */
export function recordBaseline(results: readonly LintResult[], baseline: Baseline, dir: string, rules?: readonly string[]): Baseline {
  const only = rules ? new Set(rules) : undefined;
  const current = countsOf(results, dir, only);
  const out: Baseline = structuredClone(baseline);
  for (const result of results) {
    const file = baselineKey(result.filePath, dir);
    const objects: Record<string, Record<string, { count: number }>> = {};
    // Keep what this run does not re-record: other rules' entries under --suppress-rule.
    for (const [object, byRule] of Object.entries(out[file] ?? {})) {
      const kept = Object.entries(byRule).filter(([rule]) => only && !only.has(rule));
      if (kept.length > 0) objects[object] = Object.fromEntries(kept);
    }
    for (const [object, byRule] of Object.entries(current[file] ?? {})) objects[object] = { ...objects[object], ...byRule };
    if (Object.keys(objects).length > 0) out[file] = objects;
    else delete out[file];
  }
  return out;
}

/** `--prune-suppressions`: counts of linted files lowered to what still occurs; empty entries dropped. */
export function pruneBaseline(results: readonly LintResult[], baseline: Baseline, dir: string): Baseline {
  const current = countsOf(results, dir);
  const out: Baseline = structuredClone(baseline);
  for (const result of results) {
    const file = baselineKey(result.filePath, dir);
    if (!out[file]) continue;
    for (const [object, byRule] of Object.entries(out[file])) {
      for (const [rule, entry] of Object.entries(byRule)) {
        const actual = Math.min(entry.count, current[file]?.[object]?.[rule]?.count ?? 0);
        if (actual > 0) entry.count = actual;
        else delete byRule[rule];
      }
      if (Object.keys(byRule).length === 0) delete out[file][object];
    }
    if (Object.keys(out[file]).length === 0) delete out[file];
  }
  return out;
}
