/**
 * The policy of a namespace, as upstream `api.PolicyToEvaluate` reads it from the Namespace labels
 * (`pod-security.kubernetes.io/<mode>[-version]`) over the cluster defaults of the
 * AdmissionConfiguration: an invalid enforce level fails closed (restricted), an invalid warn or
 * audit level fails open (privileged), an invalid version is `latest`.
 */
import type { Level } from './pod.js';

export const MODES = ['enforce', 'warn', 'audit'] as const;
export type Mode = (typeof MODES)[number];
export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

export interface LevelVersion {
  readonly level: Level;
  /** Policy minor version (1.x), or `latest`. */
  readonly version: number | 'latest';
}

export type Policy = Readonly<Record<Mode, LevelVersion>>;

/** `enforce`, `enforce-version`, `warn`, ... (label names without the prefix) to values. */
export type PolicyLabels = Readonly<Record<string, string>>;

/** Configuration `podSecurity`: what the cluster's PodSecurity admission plugin is configured with. */
export interface PodSecuritySettings {
  /** The AdmissionConfiguration `defaults`: the policy of namespaces without labels. */
  readonly defaults?: PolicyLabels;
  /** Labels of namespaces whose Namespace object is not among the linted files. */
  readonly namespaces?: Readonly<Record<string, PolicyLabels>>;
  /** The AdmissionConfiguration `exemptions`. */
  readonly exemptions?: {
    readonly namespaces?: readonly string[];
    readonly runtimeClasses?: readonly string[];
    readonly usernames?: readonly string[];
  };
}

export interface LabelProblem {
  /** The label name without the prefix (`enforce-version`). */
  readonly name: string;
  readonly value: string;
  readonly message: string;
}

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

export const PRIVILEGED: LevelVersion = { level: 'privileged', version: 'latest' };

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

export function parseVersion(value: string): number | 'latest' | undefined {
  if (value === 'latest') return 'latest';
  const match = VERSION.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** `restricted:latest`, `baseline:v1.24`: how PodSecurity names a policy in its messages. */
export function formatLevelVersion({ level, version }: LevelVersion): string {
  return `${level}:${version === 'latest' ? 'latest' : `v1.${version}`}`;
}

/** The policy and the invalid labels (which make the API server reject the Namespace itself). */
export function policyToEvaluate(labels: PolicyLabels, defaults: Policy): { policy: Policy; problems: LabelProblem[] } {
  const problems: LabelProblem[] = [];
  const policy: Record<Mode, LevelVersion> = { ...defaults };
  for (const mode of MODES) {
    let { level, version } = policy[mode];
    const levelLabel = labels[mode];
    if (levelLabel !== undefined) {
      if (isLevel(levelLabel)) level = levelLabel;
      else {
        level = mode === 'enforce' ? 'restricted' : 'privileged';
        problems.push({ name: mode, value: levelLabel, message: `must be one of ${LEVELS.join(', ')}` });
      }
    }
    const versionLabel = labels[`${mode}-version`];
    if (versionLabel !== undefined) {
      const parsed = parseVersion(versionLabel);
      if (parsed === undefined) problems.push({ name: `${mode}-version`, value: versionLabel, message: 'must be "latest" or "v1.x"' });
      version = parsed ?? 'latest';
    }
    policy[mode] = { level, version };
  }
  return { policy, problems };
}

/** The PodSecurity labels of a Namespace's labels, keyed without the prefix. */
export function policyLabels(labels: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(LABEL_PREFIX) && value !== null && value !== undefined) out[key.slice(LABEL_PREFIX.length)] = String(value);
  }
  return out;
}

/** The cluster defaults: privileged:latest unless configured. */
export function defaultPolicy(settings: PodSecuritySettings | undefined): Policy {
  const base: Policy = { enforce: PRIVILEGED, warn: PRIVILEGED, audit: PRIVILEGED };
  return settings?.defaults ? policyToEvaluate(settings.defaults, base).policy : base;
}
