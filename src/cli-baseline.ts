/**
 * The CLI's baseline step: read `--suppressions-location` (default k8s-lint-suppressions.json in
 * the working folder), record or prune it when asked, and apply it to the results.
 */
import path from 'node:path';
import { applyBaseline, DEFAULT_SUPPRESSIONS_FILE, pruneBaseline, readBaseline, recordBaseline, writeBaseline } from './baseline.js';
import { UsageError, type Flags } from './cli-args.js';
import { unknownRuleMessage } from './config.js';
import type { LintResult } from './model.js';

export interface BaselineOutcome {
  readonly results: LintResult[];
  /** Lines for stderr. */
  readonly notes: string[];
  /** Suppressions that no longer occur and were not pruned: ESLint's exit code 2. */
  readonly unpruned: boolean;
}

export async function baselineStep(flags: Flags, results: LintResult[], cwd: string, ruleIds: readonly string[]): Promise<BaselineOutcome> {
  const location = flags['suppressions-location'] ?? DEFAULT_SUPPRESSIONS_FILE;
  const file = path.resolve(cwd, location);
  const dir = path.dirname(file);
  for (const id of flags['suppress-rule']) if (!ruleIds.includes(id)) throw new UsageError(`--suppress-rule: ${unknownRuleMessage(id, ruleIds)}`);
  const read = await readBaseline(file);
  if (!read.ok) throw new UsageError(read.message);
  let baseline = read.baseline;
  const recording = flags['suppress-all'] || flags['suppress-rule'].length > 0;
  if (recording) baseline = recordBaseline(results, baseline, dir, flags['suppress-all'] ? undefined : flags['suppress-rule']);
  if (flags['prune-suppressions']) baseline = pruneBaseline(results, baseline, dir);
  if (recording || flags['prune-suppressions']) {
    await writeBaseline(file, baseline).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write suppressions file ${location}: ${error.code ?? error.message}`);
    });
  }
  if (Object.keys(baseline).length === 0) return { results, notes: [], unpruned: false };
  const applied = applyBaseline(results, baseline, dir, location);
  const notes = applied.suppressed > 0 ? [`${applied.suppressed} error(s) suppressed by ${location}`] : [];
  const unpruned = applied.unused.length > 0 && !flags['pass-on-unpruned-suppressions'];
  if (unpruned) {
    notes.push(`there are suppressions left that do not occur anymore; re-run with --prune-suppressions to remove them:`,
      ...applied.unused.slice(0, 10).map((entry) => `  ${entry}`), ...(applied.unused.length > 10 ? [`  ... and ${applied.unused.length - 10} more`] : []));
  }
  return { results: applied.results, notes, unpruned };
}
