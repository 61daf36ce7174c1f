/**
 * Configuration `overrides`: rule severities for findings in some files (globs relative to the
 * configuration file's folder) or on some objects (kinds, namespaces, names). Later entries win;
 * every selector an entry gives must match.
 */
import path from 'node:path';
import type { Override } from './config.js';
import { matchesName, matchesPath } from './glob.js';
import type { Severity, SeverityName, SourceFile } from './model.js';
import type { Resource } from './resource.js';
import type { Rule } from './rule-api.js';
import type { Finding } from './runner.js';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, Severity> = { warn: 1, error: 2 };

export interface SeverityPolicy {
  /** Severities set by configuration and flags, by rule id. */
  readonly rules: Readonly<Record<string, SeverityName>>;
  readonly overrides: readonly Override[];
  /** Folder `overrides[].files` globs are relative to. */
  readonly base: string;
  /** Folder relative file paths (stdin names) are relative to. */
  readonly cwd: string;
  readonly ruleById: ReadonlyMap<string, Rule>;
}

function kindMatches(kinds: readonly string[], target: Resource): boolean {
  return kinds.some((kind) => kind === target.kind || kind === `${target.group}/${target.kind}`);
}

/** Whether `override` applies to a finding in `file` on `target` (undefined for file-level findings). */
export function overrideApplies(override: Override, relativePath: string, target: Resource | undefined): boolean {
  if (override.files && !override.files.some((glob) => matchesPath(relativePath, glob))) return false;
  const objectSelectors = override.kinds || override.namespaces || override.names;
  if (!objectSelectors) return true;
  if (!target) return false;
  if (override.kinds && !kindMatches(override.kinds, target)) return false;
  if (override.namespaces && !override.namespaces.some((ns) => target.namespace !== undefined && matchesName(target.namespace, ns))) return false;
  if (override.names && !override.names.some((name) => matchesName(target.name, name))) return false;
  return true;
}

/** Whether some override turns `ruleId` on (so the rule must run even when it is off globally). */
export function enabledByOverride(overrides: readonly Override[] | undefined, ruleId: string): SeverityName | undefined {
  for (const override of [...(overrides ?? [])].reverse()) {
    const setting = override.rules[ruleId];
    if (setting !== undefined && setting !== 'off') return setting;
  }
  return undefined;
}

/** Each finding's severity under the policy; findings whose rule is `off` there are dropped. */
export function settle(findings: readonly Finding[], policy: SeverityPolicy): Finding[] {
  const relative = new Map<SourceFile, string>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const rule = policy.ruleById.get(finding.ruleId);
    if (!rule) {
      out.push(finding);
      continue;
    }
    let where = relative.get(finding.file);
    if (where === undefined) {
      where = path.relative(policy.base, path.resolve(policy.cwd, finding.file.path)).split(path.sep).join('/');
      relative.set(finding.file, where);
    }
    let setting = policy.rules[finding.ruleId];
    for (const override of policy.overrides) {
      const value = override.rules[finding.ruleId];
      if (value !== undefined && overrideApplies(override, where, finding.target)) setting = value;
    }
    if (setting === 'off') continue;
    const severity: Severity = setting !== undefined ? SEVERITY[setting] : finding.downgraded ? 1 : SEVERITY[rule.severity];
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}
