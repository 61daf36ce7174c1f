/**
 * `matchLabelKeys` and `mismatchLabelKeys` of pod topology spread constraints and pod (anti-)affinity
 * terms, as the API server validates them.
 *
 * Evidence (kubernetes/kubernetes pkg/apis/core/validation/validation.go):
 * - `validateMatchLabelKeysInTopologySpread` (1.27 to 1.33, feature MatchLabelKeysInPodTopologySpread
 *   beta in 1.27): the keys need a `labelSelector` ("must not be specified when labelSelector is not
 *   set"), each is a valid label key (`ValidateLabelName`), and none may also appear in the selector's
 *   `matchLabels` or `matchExpressions` ("exists in both matchLabelKeys and labelSelector").
 * - `validateMatchLabelKeysAndMismatchLabelKeys` (pod affinity from 1.31, feature MatchLabelKeysInPodAffinity
 *   beta; topology spread from 1.34, MatchLabelKeysInPodTopologySpreadSelectorMerge): the same
 *   `labelSelector` and label-key checks, no key in both lists, and a key of `matchLabelKeys` that the
 *   selector already names is an error once the pod registry (`applyMatchLabelKeysAndMismatchLabelKeys`)
 *   has merged `key In (<the pod's value>)` into the selector, which it does only when the pod carries
 *   the label. Workload templates are not merged, so their pods are the ones rejected.
 * Before those versions the alpha fields are dropped on write, so nothing is checked.
 */
import type { Path } from '../model.js';
import { isRecord } from '../resource.js';
import { compareVersions } from './api-deprecations.js';
import { isQualifiedName } from './names.js';

export type LabelKeysField = 'matchLabelKeys' | 'mismatchLabelKeys';

export type LabelKeysProblem = { readonly subject: string; readonly path: Path } & (
  | { readonly problem: 'noSelector'; readonly field: LabelKeysField }
  | { readonly problem: 'invalidKey'; readonly field: LabelKeysField; readonly key: string; readonly reason: string }
  | { readonly problem: 'inBothLists'; readonly key: string }
  | { readonly problem: 'inSelector'; readonly key: string; readonly pods: boolean }
);

interface Term {
  readonly subject: string;
  readonly path: Path;
  readonly value: Record<string, unknown>;
  /** Topology spread before 1.34: the key may not be in the selector even when the pod lacks the label. */
  readonly legacy: boolean;
}

const AFFINITY_KINDS = ['podAffinity', 'podAntiAffinity'] as const;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The terms of a pod spec that may carry label keys in `kubernetesVersion`. */
function termsOf(spec: Record<string, unknown>, specPath: Path, kubernetesVersion: string): Term[] {
  const terms: Term[] = [];
  if (compareVersions(kubernetesVersion, '1.27') >= 0) {
    const legacy = compareVersions(kubernetesVersion, '1.34') < 0;
    list(spec.topologySpreadConstraints).forEach((value, i) => {
      if (isRecord(value)) terms.push({ subject: `topologySpreadConstraints[${i}]`, path: [...specPath, 'topologySpreadConstraints', i], value, legacy });
    });
  }
  if (compareVersions(kubernetesVersion, '1.31') < 0 || !isRecord(spec.affinity)) return terms;
  for (const kind of AFFINITY_KINDS) {
    const affinity = spec.affinity[kind];
    if (!isRecord(affinity)) continue;
    const at = [...specPath, 'affinity', kind];
    list(affinity.requiredDuringSchedulingIgnoredDuringExecution).forEach((value, i) => {
      const field = 'requiredDuringSchedulingIgnoredDuringExecution';
      if (isRecord(value)) terms.push({ subject: `${kind} ${field}[${i}]`, path: [...at, field, i], value, legacy: false });
    });
    list(affinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((weighted, i) => {
      const field = 'preferredDuringSchedulingIgnoredDuringExecution';
      const value = isRecord(weighted) ? weighted.podAffinityTerm : undefined;
      if (isRecord(value)) terms.push({ subject: `${kind} ${field}[${i}]`, path: [...at, field, i, 'podAffinityTerm'], value, legacy: false });
    });
  }
  return terms;
}

function strings(value: unknown): Array<[number, string]> {
  return list(value).flatMap((v, i): Array<[number, string]> => (typeof v === 'string' ? [[i, v]] : []));
}

/** Keys the selector names in `matchLabels` or `matchExpressions`. */
function selectorKeys(selector: Record<string, unknown>): Set<string> {
  const keys = new Set(isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels) : []);
  for (const e of list(selector.matchExpressions)) if (isRecord(e) && typeof e.key === 'string') keys.add(e.key);
  return keys;
}

function termProblems(term: Term, carries: (key: string) => boolean): LabelKeysProblem[] {
  const out: LabelKeysProblem[] = [];
  const { subject, value } = term;
  const selector = isRecord(value.labelSelector) ? value.labelSelector : undefined;
  const match = strings(value.matchLabelKeys);
  const mismatch = strings(value.mismatchLabelKeys);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (!selector) {
      out.push({ subject, path: [...term.path, field], problem: 'noSelector', field });
      continue;
    }
    for (const [i, key] of keys) {
      const reasons = isQualifiedName(key);
      if (reasons.length > 0) out.push({ subject, path: [...term.path, field, i], problem: 'invalidKey', field, key, reason: reasons.join('; ') });
    }
  }
  const mismatched = new Set(mismatch.map(([, key]) => key));
  const named = selector ? selectorKeys(selector) : new Set<string>();
  for (const [i, key] of match) {
    if (mismatched.has(key)) out.push({ subject, path: [...term.path, 'matchLabelKeys', i], problem: 'inBothLists', key });
    if (named.has(key) && (term.legacy || carries(key))) out.push({ subject, path: [...term.path, 'matchLabelKeys', i], problem: 'inSelector', key, pods: !term.legacy });
  }
  return out;
}

/** Every label-key problem of a pod spec at `specPath`; `carries(key)`: whether its pods carry that label (template or controller). */
export function labelKeysProblems(spec: unknown, specPath: Path, carries: (key: string) => boolean, kubernetesVersion: string): LabelKeysProblem[] {
  if (!isRecord(spec)) return [];
  return termsOf(spec, specPath, kubernetesVersion).flatMap((term) => termProblems(term, carries));
}
