/**
 * Mechanical migrations of objects from an apiVersion Kubernetes stopped serving to its
 * replacement, as fixes for `removed-api-version`. A migration is safe (applied by `--fix`) only
 * when the replacement means the same: the same fields, or fields the API server itself converts
 * one to one (Ingress backends), and no default that changed between the versions left implicit.
 * Otherwise it is an editor suggestion that says which defaults change, or nothing.
 */
import { edit, type Edit, type FixValue } from '../fix/edits.js';
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ReportOptions } from '../rule-api.js';
import { apiVersionStatus } from './api-deprecations.js';

export interface Migration {
  readonly to: string;
  readonly edits: readonly Edit[];
  /** Defaults that differ in `to` and that the object leaves implicit: then only a suggestion. */
  readonly changedDefaults: readonly string[];
}

/** Same kind, same fields, same defaults: only `apiVersion` changes (from, to, kinds). */
const SAME_SHAPE: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['storage.k8s.io/v1beta1', 'storage.k8s.io/v1', ['CSIStorageCapacity', 'CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment']],
  ['autoscaling/v2beta2', 'autoscaling/v2', ['HorizontalPodAutoscaler']],
  ['batch/v1beta1', 'batch/v1', ['CronJob']],
  ['node.k8s.io/v1beta1', 'node.k8s.io/v1', ['RuntimeClass']],
  ['apiregistration.k8s.io/v1beta1', 'apiregistration.k8s.io/v1', ['APIService']],
  ['coordination.k8s.io/v1beta1', 'coordination.k8s.io/v1', ['Lease']],
  ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']],
  ['scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1', ['PriorityClass']],
  ['networking.k8s.io/v1beta1', 'networking.k8s.io/v1', ['IngressClass']],
  ['extensions/v1beta1', 'networking.k8s.io/v1', ['NetworkPolicy']],
];

/**
 * Workload defaults that changed on the way to apps/v1, by `apiVersion kind`: each needs the field
 * set explicitly for the move to keep the behaviour. (apps/v1beta2 already had apps/v1's defaults.)
 */
const WORKLOAD_DEFAULTS: Readonly<Record<string, ReadonlyArray<readonly [string, Path]>>> = {
  'extensions/v1beta1 Deployment': [
    ['`spec.revisionHistoryLimit` (all -> 10)', ['spec', 'revisionHistoryLimit']],
    ['`spec.progressDeadlineSeconds` (none -> 600)', ['spec', 'progressDeadlineSeconds']],
    ['`spec.strategy.rollingUpdate.maxUnavailable` (1 -> 25%)', ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable']],
    ['`spec.strategy.rollingUpdate.maxSurge` (1 -> 25%)', ['spec', 'strategy', 'rollingUpdate', 'maxSurge']],
  ],
  'apps/v1beta1 Deployment': [['`spec.revisionHistoryLimit` (2 -> 10)', ['spec', 'revisionHistoryLimit']]],
  'extensions/v1beta1 DaemonSet': [['`spec.updateStrategy.type` (OnDelete -> RollingUpdate)', ['spec', 'updateStrategy', 'type']]],
  'apps/v1beta1 StatefulSet': [['`spec.updateStrategy.type` (OnDelete -> RollingUpdate)', ['spec', 'updateStrategy', 'type']]],
};
const APPS_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];
const APPS_FROM = ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'];
/** Fields apps/v1 dropped: an object that sets one has no mechanical migration. */
const GONE = [['spec', 'rollbackTo'], ['spec', 'templateGeneration']];

function at(value: unknown, path: Path): unknown {
  let node = value;
  for (const segment of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

function workload(resource: Resource): Migration | undefined {
  const spec = at(resource.value, ['spec']);
  if (!isRecord(spec) || GONE.some((path) => at(resource.value, path) != null)) return undefined;
  const edits = [edit.replace(resource.node('apiVersion'), 'apps/v1')];
  if (spec.selector == null) {
    // Older versions defaulted the selector to the template labels; apps/v1 requires it.
    const labels = at(spec, ['template', 'metadata', 'labels']);
    if (!isRecord(labels) || Object.keys(labels).length === 0 || !Object.values(labels).every((v) => typeof v === 'string')) return undefined;
    edits.push(edit.insertKey(resource.node('spec'), 'selector', { matchLabels: labels as Record<string, string> }, { before: 'template' }));
  }
  const recreate = at(spec, ['strategy', 'type']) === 'Recreate';
  const changedDefaults = (WORKLOAD_DEFAULTS[`${resource.apiVersion} ${resource.kind}`] ?? [])
    .filter(([, path]) => at(resource.value, path) == null && !(recreate && path.includes('rollingUpdate')))
    .map(([name]) => name);
  return { to: 'apps/v1', edits, changedDefaults };
}

/** An extensions/networking v1beta1 Ingress backend in networking.k8s.io/v1 form. */
function ingressBackend(backend: unknown): FixValue | undefined {
  if (!isRecord(backend)) return undefined;
  if (isRecord(backend.resource) && backend.serviceName == null) return backend as FixValue;
  const { serviceName: name, servicePort: port } = backend;
  if (typeof name !== 'string' || (typeof port !== 'number' && typeof port !== 'string') || Object.keys(backend).length !== 2) return undefined;
  return { service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

function ingress(resource: Resource): Migration | undefined {
  const spec = at(resource.value, ['spec']);
  if (!isRecord(spec)) return undefined;
  const edits = [edit.replace(resource.node('apiVersion'), 'networking.k8s.io/v1')];
  if (spec.backend != null) {
    const backend = ingressBackend(spec.backend);
    if (!backend) return undefined;
    edits.push(edit.replaceEntry(resource.node('spec', 'backend'), 'defaultBackend', backend));
  }
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  for (const [i, rule] of rules.entries()) {
    const paths = at(rule, ['http', 'paths']);
    for (const [j, path] of (Array.isArray(paths) ? paths : []).entries()) {
      const backend = ingressBackend(at(path, ['backend']));
      if (!backend) return undefined;
      const base = ['spec', 'rules', i, 'http', 'paths', j];
      edits.push(edit.replace(resource.node(...base, 'backend'), backend));
      // v1beta1 defaulted pathType to ImplementationSpecific; v1 requires it.
      if (at(path, ['pathType']) == null) edits.push(edit.insertKey(resource.node(...base), 'pathType', 'ImplementationSpecific', { before: 'backend' }));
    }
  }
  return { to: 'networking.k8s.io/v1', edits, changedDefaults: [] };
}

function sameShape(resource: Resource, to: string): Migration {
  return { to, edits: [edit.replace(resource.node('apiVersion'), to)], changedDefaults: [] };
}

function migrationOf(resource: Resource): Migration | undefined {
  const { apiVersion, kind } = resource;
  const same = SAME_SHAPE.find(([from, , kinds]) => from === apiVersion && kinds.includes(kind));
  if (same) return sameShape(resource, same[1]);
  if (APPS_FROM.includes(apiVersion) && APPS_KINDS.includes(kind)) return workload(resource);
  if (kind === 'Ingress' && (apiVersion === 'extensions/v1beta1' || apiVersion === 'networking.k8s.io/v1beta1')) return ingress(resource);
  if (kind === 'PodDisruptionBudget' && apiVersion === 'policy/v1beta1') {
    // An empty selector selected no pod in v1beta1 and selects every pod in v1: only a non-empty one keeps its meaning.
    const selector = at(resource.value, ['spec', 'selector']);
    const empty = !isRecord(selector) || Object.values(selector).every((v) => v == null || (typeof v === 'object' && Object.keys(v as object).length === 0));
    return empty ? undefined : sameShape(resource, 'policy/v1');
  }
  return undefined;
}

/** How to move `resource` to an apiVersion `version` serves, if that is mechanical. */
export function apiMigration(resource: Resource, version: string): Migration | undefined {
  const migration = migrationOf(resource);
  const status = migration && apiVersionStatus(migration.to, resource.kind, version).status;
  return status === 'ok' || status === 'deprecated' ? migration : undefined;
}

/**
 * The report options for moving `resource` off its apiVersion: a safe `fix`, a suggestion (with
 * `messageId`, filled with `to` and `defaults`) when defaults change, or none.
 */
export function migrationFixes<M extends string>(resource: Resource, version: string, messageId: M): Pick<ReportOptions<M>, 'fix' | 'suggestions'> {
  const migration = apiMigration(resource, version);
  if (!migration) return {};
  if (migration.changedDefaults.length === 0) return { fix: migration.edits };
  return { suggestions: [{ messageId, data: { to: migration.to, defaults: migration.changedDefaults.join(', ') }, fix: migration.edits }] };
}
