/**
 * API versions that Kubernetes stopped serving or will stop serving, for `removed-api-version` and
 * `deprecated-api-version`, and the `--kubernetes-version` parser.
 *
 * Whether a version serves an apiVersion/kind is decided by the generated schemas (src/schemas.ts:
 * what the API server of that version serves). The table below adds what the schemas cannot say:
 * removals before 1.23, scheduled removals, the replacement to use and what changed in it. It is
 * the official Deprecated API Migration Guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/, sections v1.16 to v1.32), plus
 * `v1` Endpoints, deprecated in 1.33 without a removal (KEP-4974), which the guide cannot list.
 */
import { PairMemo, StringMemo } from './memo.js';
import { LATEST_VERSION, SUPPORTED_VERSIONS, servedGroupVersions, versionsServing } from '../schemas.js';
import { groupOf } from './kinds.js';

export interface ApiDeprecation {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  /** First Kubernetes minor version that no longer serves it; undefined = deprecated, no removal planned. */
  readonly removedIn?: string;
  /** Set when no removal is planned: the version that deprecated it. */
  readonly deprecatedIn?: string;
  /** Replacement apiVersions, preferred first; [] when there is none. */
  readonly replacements: readonly string[];
  /** The replacement kind when it is not the same kind. */
  readonly replacementKind?: string;
  /** What changed in the replacement, for messages; by kind when only some kinds changed. */
  readonly note?: string | Readonly<Record<string, string>>;
  /** What to do instead when no replacement is served. */
  readonly instead?: string;
}

const SELECTOR = '`spec.selector` is now required';
const PSP_INSTEAD = 'enforce pod security with Pod Security Admission (the `pod-security.kubernetes.io/enforce` '
  + 'namespace label) or a third-party admission webhook';
const PLC_SHARES = { PriorityLevelConfiguration: '`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`' };
const FLOWCONTROL = ['flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta3', 'flowcontrol.apiserver.k8s.io/v1beta2'];
const entry = (
  apiVersion: string, kinds: string[], removedIn: string, replacements: string[], note?: ApiDeprecation['note'], instead?: string,
): ApiDeprecation => Object.freeze({ apiVersion, kinds, removedIn, replacements, note, instead });

/** The migration guide, newest release first, after the deprecations it cannot list (no removal planned). */
export const API_DEPRECATIONS: readonly ApiDeprecation[] = Object.freeze([
  // KEP-4974 and https://kubernetes.io/blog/2025/04/24/endpoints-deprecation/: from 1.33 the API server
  // answers with "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice". A GA
  // API is never removed within v1, so the guide does not list it.
  Object.freeze({
    apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: '1.33', replacements: ['discovery.k8s.io/v1'], replacementKind: 'EndpointSlice',
    note: 'labelled `kubernetes.io/service-name` with the Service name',
  }),
  // v1.32
  entry('flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], '1.32', FLOWCONTROL.slice(0, 1), {
    PriorityLevelConfiguration: 'an explicit `spec.limited.nominalConcurrencyShares: 0` is no longer changed to 30',
  }),
  // v1.29: the guide names v1 (from 1.29) and v1beta3 (from 1.26).
  entry('flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], '1.29', FLOWCONTROL.slice(0, 2), PLC_SHARES),
  // v1.27
  entry('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.27', ['storage.k8s.io/v1']),
  // v1.26: the guide names v1beta3; v1beta2 is what 1.23 to 1.25 serve, v1 what 1.29+ serve.
  entry('flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], '1.26', FLOWCONTROL, PLC_SHARES),
  entry('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.26', ['autoscaling/v2']),
  // v1.25
  entry('batch/v1beta1', ['CronJob'], '1.25', ['batch/v1']),
  entry('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.25', ['discovery.k8s.io/v1'],
    '`topology` became the per-endpoint `nodeName` and `zone`'),
  entry('events.k8s.io/v1beta1', ['Event'], '1.25', ['events.k8s.io/v1'],
    '`involvedObject` became `regarding`, and `action`, `reason`, `reportingComponent` and `reportingInstance` are required'),
  entry('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.25', ['autoscaling/v2'],
    'metric targets changed shape: `targetAverageUtilization` became `target.averageUtilization` with `target.type: Utilization`'),
  entry('policy/v1beta1', ['PodDisruptionBudget'], '1.25', ['policy/v1'],
    'an empty `spec.selector` now selects every pod in the namespace'),
  entry('policy/v1beta1', ['PodSecurityPolicy'], '1.25', [], undefined, PSP_INSTEAD),
  entry('node.k8s.io/v1beta1', ['RuntimeClass'], '1.25', ['node.k8s.io/v1']),
  // v1.22
  entry('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.22',
    ['admissionregistration.k8s.io/v1'],
    '`webhooks[*].sideEffects` and `webhooks[*].admissionReviewVersions` are now required and `failurePolicy` defaults to `Fail`'),
  entry('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.22', ['apiextensions.k8s.io/v1'],
    '`spec.scope` is required, and `validation`, `subresources` and `additionalPrinterColumns` moved into each '
    + '`spec.versions[*]`, whose structural `schema.openAPIV3Schema` is required'),
  entry('apiregistration.k8s.io/v1beta1', ['APIService'], '1.22', ['apiregistration.k8s.io/v1']),
  entry('authentication.k8s.io/v1beta1', ['TokenReview'], '1.22', ['authentication.k8s.io/v1']),
  // The guide lists three kinds; 1.22 removed the whole group version, SelfSubjectRulesReview included.
  entry('authorization.k8s.io/v1beta1',
    ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'], '1.22',
    ['authorization.k8s.io/v1'], { LocalSubjectAccessReview: '`spec.group` became `spec.groups`', SubjectAccessReview: '`spec.group` became `spec.groups`' }),
  entry('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.22', ['certificates.k8s.io/v1'],
    '`spec.signerName` and `spec.usages` are now required'),
  entry('coordination.k8s.io/v1beta1', ['Lease'], '1.22', ['coordination.k8s.io/v1']),
  ...['extensions/v1beta1', 'networking.k8s.io/v1beta1'].map((apiVersion) =>
    entry(apiVersion, ['Ingress'], '1.22', ['networking.k8s.io/v1'],
      'the backend changed shape: `serviceName`/`servicePort` became `service.name`/`service.port.number`')),
  entry('networking.k8s.io/v1beta1', ['IngressClass'], '1.22', ['networking.k8s.io/v1']),
  entry('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.22',
    ['rbac.authorization.k8s.io/v1']),
  entry('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.22', ['scheduling.k8s.io/v1']),
  entry('storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], '1.22', ['storage.k8s.io/v1']),
  // v1.16
  entry('extensions/v1beta1', ['NetworkPolicy'], '1.16', ['networking.k8s.io/v1']),
  entry('extensions/v1beta1', ['PodSecurityPolicy'], '1.16', ['policy/v1beta1'], undefined, PSP_INSTEAD),
  ...['extensions/v1beta1', 'apps/v1beta2'].map((apiVersion) =>
    entry(apiVersion, ['DaemonSet'], '1.16', ['apps/v1'], `${SELECTOR} and \`spec.templateGeneration\` is gone`)),
  ...['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].map((apiVersion) =>
    entry(apiVersion, ['Deployment'], '1.16', ['apps/v1'], `${SELECTOR} and \`spec.rollbackTo\` is gone`)),
  ...['apps/v1beta1', 'apps/v1beta2'].map((apiVersion) => entry(apiVersion, ['StatefulSet'], '1.16', ['apps/v1'], SELECTOR)),
  ...['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].map((apiVersion) =>
    entry(apiVersion, ['ReplicaSet'], '1.16', ['apps/v1'], SELECTOR)),
]);

export function apiDeprecation(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return API_DEPRECATIONS.find((d) => d.apiVersion === apiVersion && d.kinds.includes(kind));
}

/** Orders minor versions: `compareVersions('1.9', '1.16') < 0`. */
export function compareVersions(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  return x[0] - y[0] || x[1] - y[1];
}

/** Rules compare the run's version per object: each spelling is split once. */
const parts = new StringMemo<readonly [number, number]>(1_000);
function versionParts(version: string): readonly [number, number] {
  const known = parts.get(version);
  if (known !== undefined) return known;
  const numbers = version.split('.').map(Number);
  return parts.set(version, [numbers[0], numbers.length > 1 ? numbers[1] : 0]);
}

let builtInGroups: ReadonlySet<string> | undefined;

/** API groups of Kubernetes itself ('' is the core group): served by some supported version or in the guide. */
export function isBuiltInGroup(group: string): boolean {
  builtInGroups ??= new Set([
    ...SUPPORTED_VERSIONS.flatMap((v) => [...servedGroupVersions(v)].map(groupOf)),
    ...API_DEPRECATIONS.map((d) => groupOf(d.apiVersion)),
  ]);
  return builtInGroups.has(group);
}

export type ApiVersionStatus =
  /** Served by the target and not scheduled for removal (or not a built-in kind the schemas know). */
  | { readonly status: 'ok' }
  /** Served by the target; the guide schedules its removal in `removedIn`, or it was deprecated in
   * `deprecatedIn` with no removal planned. */
  | { readonly status: 'deprecated'; readonly removedIn?: string; readonly deprecatedIn?: string; readonly advice: string }
  /** Served by an older version only; `removedIn` is the first version that stopped serving it. */
  | { readonly status: 'removed'; readonly removedIn: string; readonly advice: string }
  /** Served by newer versions only, from `firstServed`. */
  | { readonly status: 'unreleased'; readonly firstServed: string; readonly advice: string };

const OK: ApiVersionStatus = Object.freeze({ status: 'ok' });
const served = (apiVersion: string, kind: string, version: string) => versionsServing(apiVersion, kind).includes(version);

/** 'v1' > 'v1beta2' > 'v1beta1' > 'v1alpha1'; a larger number = more stable. */
function stability(apiVersion: string): number {
  const m = /(?:^|\/)v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
  if (!m) return -1;
  const level = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return level * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

const isAlpha = (apiVersion: string) => /alpha\d+$/.test(apiVersion);

/** The most stable other version of the same group serving `kind` in `version` (alpha only to replace alpha). */
function sameGroupReplacement(apiVersion: string, kind: string, version: string): string | undefined {
  const group = groupOf(apiVersion);
  return [...servedGroupVersions(version)]
    .filter((gv) => gv !== apiVersion && groupOf(gv) === group && (isAlpha(apiVersion) || !isAlpha(gv)) && served(gv, kind, version))
    .sort((a, b) => stability(b) - stability(a))[0];
}

function noteOf(deprecation: ApiDeprecation | undefined, kind: string): string | undefined {
  return typeof deprecation?.note === 'string' ? deprecation.note : deprecation?.note?.[kind];
}

/** "use `X`", "use `X` now and `Y` from 1.29", "it has no replacement: ...", with the guide's note. */
function advice(apiVersion: string, kind: string, version: string, deprecation: ApiDeprecation | undefined): string {
  const candidates = deprecation?.replacements ?? [];
  const newKind = deprecation?.replacementKind;
  if (newKind !== undefined) {
    const target = candidates.find((r) => served(r, newKind, version));
    if (target !== undefined) return [`use a \`${target}\` ${newKind}`, noteOf(deprecation, kind)].filter(Boolean).join(' ');
  }
  const now = candidates.find((r) => served(r, kind, version)) ?? (deprecation ? undefined : sameGroupReplacement(apiVersion, kind, version));
  const best = candidates[0];
  const servedFrom = (r: string) => versionsServing(r, kind).find((v) => compareVersions(v, version) > 0);
  let text: string;
  if (now === undefined) {
    // Nothing replaces it in this version yet (flowcontrol v1beta2 in 1.25): name the upgrade that brings one.
    const next = candidates.filter((r) => servedFrom(r) !== undefined).sort((a, b) => compareVersions(servedFrom(a)!, servedFrom(b)!))[0];
    if (next === undefined) {
      if (deprecation?.instead) return `it has no replacement: ${deprecation.instead}`;
      return `Kubernetes ${version} serves ${kind} in no other version of \`${groupOf(apiVersion) || 'core'}\``;
    }
    text = `switch to \`${next}\` when upgrading to ${servedFrom(next)}`;
    if (best !== next) text += ` and to \`${best}\` from ${servedFrom(best!)}`;
  } else if (best !== undefined && best !== now && servedFrom(best) !== undefined) {
    text = `use \`${now}\` now and \`${best}\` from ${servedFrom(best)}`;
  } else {
    text = `use \`${now}\``;
    const next = apiDeprecation(now, kind);
    if (next?.removedIn !== undefined && compareVersions(next.removedIn, version) > 0) text += `, which Kubernetes ${next.removedIn} stops serving in turn`;
  }
  const note = noteOf(deprecation, kind);
  return note === undefined ? text : `${text} (${note})`;
}

/**
 * How Kubernetes `version` treats apiVersion/kind. Custom resource groups, kinds the schemas and the
 * guide do not know, and unsupported target versions are 'ok': other rules own those.
 */
const statusMemo = new Map<string, PairMemo<ApiVersionStatus>>();

export function apiVersionStatus(apiVersion: string, kind: string, version: string): ApiVersionStatus {
  // The answer depends on the three strings only, and runs have few distinct kinds: memoise.
  let memo = statusMemo.get(version);
  if (memo === undefined) statusMemo.set(version, (memo = new PairMemo()));
  return memo.get(apiVersion, kind) ?? memo.set(apiVersion, kind, computeStatus(apiVersion, kind, version));
}

function computeStatus(apiVersion: string, kind: string, version: string): ApiVersionStatus {
  if (!SUPPORTED_VERSIONS.includes(version) || !isBuiltInGroup(groupOf(apiVersion))) return OK;
  const serving = versionsServing(apiVersion, kind);
  const deprecation = apiDeprecation(apiVersion, kind);
  if (serving.includes(version)) {
    if (deprecation?.deprecatedIn !== undefined && compareVersions(deprecation.deprecatedIn, version) <= 0) {
      return { status: 'deprecated', deprecatedIn: deprecation.deprecatedIn, advice: advice(apiVersion, kind, version, deprecation) };
    }
    if (deprecation?.removedIn === undefined || compareVersions(deprecation.removedIn, version) <= 0) return OK;
    return { status: 'deprecated', removedIn: deprecation.removedIn, advice: advice(apiVersion, kind, version, deprecation) };
  }
  const lastBefore = serving.filter((v) => compareVersions(v, version) < 0).at(-1);
  const removedIn = lastBefore !== undefined
    ? SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.indexOf(lastBefore) + 1]!
    : deprecation?.removedIn !== undefined && compareVersions(deprecation.removedIn, version) <= 0 ? deprecation.removedIn : undefined;
  if (removedIn !== undefined) return { status: 'removed', removedIn, advice: advice(apiVersion, kind, version, deprecation) };
  const firstServed = serving.find((v) => compareVersions(v, version) > 0);
  if (firstServed === undefined) return OK;
  const replacement = sameGroupReplacement(apiVersion, kind, version);
  return {
    status: 'unreleased',
    firstServed,
    advice: replacement ? `use \`${replacement}\` or check \`--kubernetes-version\`` : 'check `--kubernetes-version`',
  };
}

export type ParsedKubernetesVersion = { ok: true; version: string } | { ok: false; message: string };

/** `--kubernetes-version`: '1.29', 'v1.29', '1.29.3' (or 'v1.29.3-gke.1', as servers report it) -> '1.29'. */
export function parseKubernetesVersion(text: string): ParsedKubernetesVersion {
  const known = `k8s-lint knows ${SUPPORTED_VERSIONS[0]} to ${LATEST_VERSION}`;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (m === null) {
    return { ok: false, message: `\`${text}\` is not a Kubernetes version (write it as \`${LATEST_VERSION}\`, \`v${LATEST_VERSION}\` or \`${LATEST_VERSION}.0\`): ${known}` };
  }
  const version = `${Number(m[1])}.${Number(m[2])}`;
  if (!SUPPORTED_VERSIONS.includes(version)) return { ok: false, message: `Kubernetes ${version} is not supported: ${known}` };
  return { ok: true, version };
}
