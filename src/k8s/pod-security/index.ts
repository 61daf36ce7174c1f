/**
 * Pod Security Admission, offline: which policy applies to a pod in a namespace (labels,
 * configured defaults, exemptions), and which checks of that level and version it fails, as the
 * upstream `k8s.io/pod-security-admission` evaluator selects them (`policy/registry.go`).
 */
import type { PodTemplate } from '../pod-template.js';
import { BASELINE_CHECKS } from './baseline.js';
import { podView, record, type Check, type CheckFn, type Level, type Obj, type PodView, type Site } from './pod.js';
import {
  defaultPolicy, formatLevelVersion, LABEL_PREFIX, MODES, policyLabels, policyToEvaluate,
  type LabelProblem, type LevelVersion, type Mode, type PodSecuritySettings, type PolicyLabels,
} from './policy.js';
import { RESTRICTED_CHECKS } from './restricted.js';

export { LABEL_PREFIX, policyLabels, policyToEvaluate, defaultPolicy, formatLevelVersion, type LabelProblem, type Mode, type PodSecuritySettings, type Level, type Site };

export const ALL_CHECKS: readonly Check[] = [...BASELINE_CHECKS, ...RESTRICTED_CHECKS];

interface Selected {
  readonly check: Check;
  readonly fn: CheckFn;
}

const selections = new Map<string, readonly Selected[]>();

/**
 * The implementation of each check in force at `level` and policy minor `version` (upstream order:
 * baseline ids, then restricted ids, sorted); computed once per level and version.
 */
export function checksFor(level: Level, version: number): readonly Selected[] {
  const key = `${level}:${version}`;
  let selected = selections.get(key);
  if (!selected) selections.set(key, (selected = select(level, version)));
  return selected;
}

function select(level: Level, version: number): Selected[] {
  if (level === 'privileged') return [];
  const chosen = new Map<string, Selected & { overrides: readonly string[] }>();
  for (const check of ALL_CHECKS) {
    if (check.level === 'restricted' && level === 'baseline') continue;
    const entry = [...check.versions].reverse().find((v) => v.min <= version);
    if (entry) chosen.set(check.id, { check, fn: entry.check, overrides: entry.overrides ?? [] });
  }
  const overridden = new Set([...chosen.values()].flatMap((c) => c.overrides));
  const byId = (a: Selected, b: Selected) => (a.check.id < b.check.id ? -1 : a.check.id > b.check.id ? 1 : 0);
  const kept = [...chosen.values()].filter((c) => !overridden.has(c.check.id));
  return [...kept.filter((c) => c.check.level === 'baseline').sort(byId), ...kept.filter((c) => c.check.level === 'restricted').sort(byId)];
}

export interface CheckFailure {
  readonly check: Check;
  readonly sites: readonly Site[];
}

/** Upstream `EvaluatePod` for one level and version on a pod object (`{metadata, spec}`); a version above the server's is the server's. */
export function evaluatePod(pod: Obj, policy: LevelVersion, serverMinor: number): CheckFailure[] {
  return evaluateView(podView(pod), policy, serverMinor);
}

function evaluateView(view: PodView, { level, version }: LevelVersion, serverMinor: number): CheckFailure[] {
  if (level === 'privileged') return [];
  const effective = version === 'latest' ? serverMinor : Math.min(version, serverMinor);
  const failures: CheckFailure[] = [];
  for (const { check, fn } of checksFor(level, effective)) {
    const sites = fn(view, serverMinor);
    if (sites.length > 0) failures.push({ check, sites });
  }
  return failures;
}

/** Service accounts of the controllers that create pods from a workload (`--use-service-account-credentials`). */
const CONTROLLER_USERS: Readonly<Record<string, string>> = {
  'apps/Deployment': 'replicaset-controller',
  'apps/ReplicaSet': 'replicaset-controller',
  'apps/StatefulSet': 'statefulset-controller',
  'apps/DaemonSet': 'daemon-set-controller',
  'batch/Job': 'job-controller',
  'batch/CronJob': 'job-controller',
  '/ReplicationController': 'replication-controller',
};

export interface PodSecurityTarget {
  readonly template: PodTemplate;
  /** Labels of the Namespace object in the run, undefined when it is not in the run. */
  readonly namespaceLabels: Readonly<Record<string, unknown>> | undefined;
}

/** One violated check at one place, under the strongest mode that catches it. */
export interface PodSecurityViolation {
  readonly checkId: string;
  readonly reason: string;
  readonly site: Site;
  readonly mode: Mode;
  /** Every mode that catches it (`enforce` first). */
  readonly modes: readonly Mode[];
  /** `restricted:latest`. */
  readonly policy: string;
  /** Where the level of `mode` comes from, for messages. */
  readonly source: string;
}

/** The labels that decide the policy of `namespace` and how to name them; undefined: nothing to check. */
function labelsOf(target: PodSecurityTarget, settings: PodSecuritySettings | undefined): { labels: PolicyLabels; where: (mode: Mode) => string } | undefined {
  const { namespace } = target.template;
  const fallback = (mode: Mode) => `the cluster default \`podSecurity.defaults.${mode}\` in the configuration, Namespace \`${namespace}\` sets no \`${LABEL_PREFIX}${mode}\` label`;
  if (target.namespaceLabels !== undefined) {
    const labels = policyLabels(target.namespaceLabels);
    return {
      labels,
      where: (mode) => {
        if (labels[mode] === undefined) return fallback(mode);
        const version = labels[`${mode}-version`];
        const names = [`\`${LABEL_PREFIX}${mode}: ${labels[mode]}\``, ...(version === undefined ? [] : [`\`${LABEL_PREFIX}${mode}-version: ${version}\``])];
        return `${names.length > 1 ? 'labels' : 'label'} ${names.join(' and ')} of Namespace \`${namespace}\``;
      },
    };
  }
  const declared = settings?.namespaces?.[namespace];
  if (declared) return { labels: declared, where: (mode) => (declared[mode] === undefined ? fallback(mode) : `\`podSecurity.namespaces.${namespace}.${mode}\` in the configuration`) };
  return settings?.defaults ? { labels: {}, where: fallback } : undefined;
}

function isExempt({ owner, namespace, spec }: PodTemplate, settings: PodSecuritySettings | undefined): boolean {
  const exemptions = settings?.exemptions;
  if (!exemptions) return false;
  const runtimeClass = spec.runtimeClassName;
  const user = CONTROLLER_USERS[`${owner.group}/${owner.kind}`];
  return (
    (exemptions.namespaces ?? []).includes(namespace) ||
    (typeof runtimeClass === 'string' && (exemptions.runtimeClasses ?? []).includes(runtimeClass)) ||
    (user !== undefined && (exemptions.usernames ?? []).includes(`system:serviceaccount:kube-system:${user}`))
  );
}

/** The same place and problem under several modes (or under a baseline and a restricted check) is one finding. */
function siteKey({ path, detail }: Site): string {
  return `${path.join('/')}|${detail}`;
}

/**
 * What PodSecurity admission does with the pods of a template: each violated check and place (a
 * path from the pod object, i.e. below `template.path`), under its strongest mode.
 */
export function podSecurityViolations(target: PodSecurityTarget, settings: PodSecuritySettings | undefined, serverMinor: number): PodSecurityViolation[] {
  if (isExempt(target.template, settings)) return [];
  const { owner, path } = target.template;
  let pod: unknown = owner.value;
  for (const segment of path) pod = record(pod)[segment];
  const resolved = labelsOf(target, settings);
  if (!resolved) return [];
  const { policy, problems } = policyToEvaluate(resolved.labels, defaultPolicy(settings));
  if (problems.length > 0) return []; // the API server rejects the Namespace itself
  if (MODES.every((mode) => policy[mode].level === 'privileged')) return [];
  const view = podView(record(pod));
  const found = new Map<string, { checkId: string; reason: string; site: Site; modes: Mode[] }>();
  for (const mode of MODES) {
    for (const failure of evaluateView(view, policy[mode], serverMinor)) {
      for (const site of failure.sites) {
        const key = siteKey(site);
        const seen = found.get(key);
        if (seen) {
          if (!seen.modes.includes(mode)) seen.modes.push(mode);
        }
        else found.set(key, { checkId: failure.check.id, reason: failure.check.reason, site, modes: [mode] });
      }
    }
  }
  const out: PodSecurityViolation[] = [];
  for (const { checkId, reason, site, modes } of found.values()) {
    out.push({ checkId, reason, site, modes, mode: modes[0], policy: formatLevelVersion(policy[modes[0]]), source: resolved.where(modes[0]) });
  }
  return out;
}
