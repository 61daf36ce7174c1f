/**
 * Enumerated fields the API server's validation code restricts to fixed values while the OpenAPI
 * schemas describe them as plain strings (the bundled schemas carry no `enum`). `*` stands for every
 * item of a list. `rejectEmpty`: `""` is refused too (pointer fields, which defaulting leaves alone);
 * otherwise `""` is unset and defaulted.
 *
 * Evidence (kubernetes/kubernetes pkg/apis/*\/validation/validation.go): `ValidateTolerations` (operator,
 * effect), `validatePreemptionPolicy`, `validateContainers` (`terminationMessagePolicy`),
 * `validateSeccompProfileField`, `validateNodeSelectorRequirement`, `validateHostPathType`;
 * `ValidateDeploymentStrategy`, `ValidateStatefulSetSpec` (`podManagementPolicy`, `updateStrategy`,
 * `persistentVolumeClaimRetentionPolicy`), `ValidateDaemonSetUpdateStrategy`; batch `validateJobSpec`
 * (`completionMode`, `podReplacementPolicy`), `validateCronJobSpec` (`concurrencyPolicy`);
 * `ValidatePersistentVolumeClaimSpec` (`accessModes`, `volumeMode`); networking `ValidateNetworkPolicySpec`
 * (`policyTypes`, port `protocol`); `ValidateService` (`ipFamilyPolicy`, `ipFamilies`).
 */
import type { Path, PathSegment } from '../model.js';
import { isRecord } from '../resource.js';
import { formatPath } from './pod-validation.js';

export interface EnumField {
  readonly path: readonly string[];
  readonly allowed: readonly string[];
  readonly rejectEmpty?: boolean;
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const UPDATE_STRATEGIES = ['RollingUpdate', 'OnDelete'];
const SECCOMP = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const HOST_PATH_TYPES = ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const RETENTION = ['Retain', 'Delete'];

const claimSpec = (prefix: readonly string[]): EnumField[] => [
  { path: [...prefix, 'accessModes', '*'], allowed: ACCESS_MODES, rejectEmpty: true },
  { path: [...prefix, 'volumeMode'], allowed: ['Filesystem', 'Block'], rejectEmpty: true },
];
const job = (prefix: readonly string[]): EnumField[] => [
  { path: [...prefix, 'completionMode'], allowed: ['NonIndexed', 'Indexed'], rejectEmpty: true },
  { path: [...prefix, 'podReplacementPolicy'], allowed: ['TerminatingOrFailed', 'Failed'], rejectEmpty: true },
];

/** Fields of the object itself, by `group/Kind`. */
const OBJECT_FIELDS: ReadonlyMap<string, readonly EnumField[]> = new Map<string, readonly EnumField[]>([
  ['apps/Deployment', [{ path: ['spec', 'strategy', 'type'], allowed: ['Recreate', 'RollingUpdate'] }]],
  ['apps/StatefulSet', [
    { path: ['spec', 'podManagementPolicy'], allowed: ['OrderedReady', 'Parallel'] },
    { path: ['spec', 'updateStrategy', 'type'], allowed: UPDATE_STRATEGIES },
    { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted'], allowed: RETENTION },
    { path: ['spec', 'persistentVolumeClaimRetentionPolicy', 'whenScaled'], allowed: RETENTION },
    ...claimSpec(['spec', 'volumeClaimTemplates', '*', 'spec']),
  ]],
  ['apps/DaemonSet', [{ path: ['spec', 'updateStrategy', 'type'], allowed: UPDATE_STRATEGIES }]],
  ['batch/Job', job(['spec'])],
  ['batch/CronJob', [{ path: ['spec', 'concurrencyPolicy'], allowed: ['Allow', 'Forbid', 'Replace'] }, ...job(['spec', 'jobTemplate', 'spec'])]],
  ['/PersistentVolumeClaim', claimSpec(['spec'])],
  ['networking.k8s.io/NetworkPolicy', [
    { path: ['spec', 'policyTypes', '*'], allowed: ['Ingress', 'Egress'], rejectEmpty: true },
    { path: ['spec', 'ingress', '*', 'ports', '*', 'protocol'], allowed: PROTOCOLS, rejectEmpty: true },
    { path: ['spec', 'egress', '*', 'ports', '*', 'protocol'], allowed: PROTOCOLS, rejectEmpty: true },
  ]],
  ['/Service', [
    { path: ['spec', 'ipFamilyPolicy'], allowed: ['SingleStack', 'PreferDualStack', 'RequireDualStack'], rejectEmpty: true },
    { path: ['spec', 'ipFamilies', '*'], allowed: ['IPv4', 'IPv6'], rejectEmpty: true },
  ]],
]);

/** Fields below a pod spec. */
const POD_SPEC_FIELDS: readonly EnumField[] = [
  { path: ['tolerations', '*', 'operator'], allowed: ['Equal', 'Exists'] },
  { path: ['tolerations', '*', 'effect'], allowed: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  { path: ['preemptionPolicy'], allowed: ['PreemptLowerPriority', 'Never'], rejectEmpty: true },
  { path: ['securityContext', 'seccompProfile', 'type'], allowed: SECCOMP, rejectEmpty: true },
  { path: ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', '*', 'matchExpressions', '*', 'operator'], allowed: NODE_OPERATORS, rejectEmpty: true },
  { path: ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', '*', 'preference', 'matchExpressions', '*', 'operator'], allowed: NODE_OPERATORS, rejectEmpty: true },
  { path: ['volumes', '*', 'hostPath', 'type'], allowed: HOST_PATH_TYPES },
];

/** Fields below a container. */
const CONTAINER_FIELDS: readonly EnumField[] = [
  { path: ['terminationMessagePolicy'], allowed: ['File', 'FallbackToLogsOnError'] },
  { path: ['securityContext', 'seccompProfile', 'type'], allowed: SECCOMP, rejectEmpty: true },
];

export interface EnumSite {
  readonly path: Path;
  /** The field for messages, from the object, pod spec or container: `updateStrategy.type`, `tolerations[0].effect`. */
  readonly field: string;
  readonly allowed: readonly string[];
  readonly rejectEmpty: boolean;
}

/** Whether a value the API server would reject: a string, not `""` unless `rejectEmpty`, that `allowed` lacks. */
function isUnsupported(value: unknown, allowed: readonly string[], rejectEmpty: boolean): value is string {
  return typeof value === 'string' && (value === '' ? rejectEmpty : !allowed.includes(value));
}

/**
 * The sites of `fields` present in `value` below `base`, one per list item for `*`; with
 * `unsupportedOnly`, those whose value the API server rejects. Walks the value with one stack of
 * path segments and builds a site (its path and field text) only for what it returns.
 */
function sites(value: unknown, base: Path, fields: readonly EnumField[], unsupportedOnly: boolean): EnumSite[] {
  const walk: Walk = { base, unsupportedOnly, out: [], trail: [] };
  for (let i = 0; i < fields.length; i++) visit(walk, fields[i], value, 0); // indexed: cold for every object
  return walk.out;
}

interface Walk {
  readonly base: Path;
  readonly unsupportedOnly: boolean;
  readonly out: EnumSite[];
  /** Segments from `base` to the current value. */
  readonly trail: PathSegment[];
}

function visit(walk: Walk, field: EnumField, current: unknown, depth: number): void {
  const { trail } = walk;
  if (depth === field.path.length) {
    const rejectEmpty = field.rejectEmpty ?? false;
    if (walk.unsupportedOnly && !isUnsupported(current, field.allowed, rejectEmpty)) return;
    const { base } = walk;
    const path = [...base, ...trail];
    const text = formatPath(path.slice(base.length + (base.length === 0 && path[0] === 'spec' ? 1 : 0)));
    walk.out.push({ path, field: text, allowed: field.allowed, rejectEmpty });
    return;
  }
  const segment = field.path[depth];
  if (segment === '*') {
    if (!Array.isArray(current)) return;
    for (let i = 0; i < current.length; i++) {
      trail.push(i);
      visit(walk, field, current[i], depth + 1);
      trail.pop();
    }
  } else if (isRecord(current) && Object.hasOwn(current, segment)) {
    trail.push(segment);
    visit(walk, field, current[segment], depth + 1);
    trail.pop();
  }
}

/**
 * Enumerated fields of an object (`group/Kind`, `extensions` read as `apps`) present in `value`;
 * with `unsupportedOnly`, only those holding a value the API server rejects.
 */
export function objectEnumSites(kind: string, value: unknown, unsupportedOnly = false): EnumSite[] {
  const fields = objectFields(kind);
  return fields ? sites(value, [], fields, unsupportedOnly) : [];
}

function objectFields(kind: string): readonly EnumField[] | undefined {
  const fields = OBJECT_FIELDS.get(kind);
  if (fields || !kind.startsWith('extensions/')) return fields;
  const name = kind.slice(kind.lastIndexOf('/') + 1);
  return OBJECT_FIELDS.get(`apps/${name}`) ?? OBJECT_FIELDS.get(`networking.k8s.io/${name}`);
}

/** Enumerated fields of the pod spec `spec` at `specPath` (only unsupported values with `unsupportedOnly`). */
export function podSpecEnumSites(spec: unknown, specPath: Path, unsupportedOnly = false): EnumSite[] {
  return sites(spec, specPath, POD_SPEC_FIELDS, unsupportedOnly);
}

/** Enumerated fields of the container `container` at `path` (only unsupported values with `unsupportedOnly`). */
export function containerEnumSites(container: unknown, path: Path, unsupportedOnly = false): EnumSite[] {
  return sites(container, path, CONTAINER_FIELDS, unsupportedOnly);
}
