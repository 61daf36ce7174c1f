/**
 * What the API server (and the controllers) fill in before an object is stored or its pods exist, where
 * it changes what a reference or a check means. Gone through line by line: `SetDefaults_*` of
 * pkg/apis/core/v1, apps/v1, batch/v1 and networking/v1 defaults.go, and the OpenAPI `default` values.
 * Rules read these views rather than the raw fields, so every rule judges the object the cluster stores.
 *
 * Honoured (applied here, or where named):
 * - core `SetDefaults_Service`: port `protocol` TCP; `targetPort` absent, `0` or `""` is `port` (servicePorts);
 *   `type` ClusterIP (controllers.ts `isHeadless`: only an explicit ExternalName is not ClusterIP).
 * - core `SetDefaults_ContainerPort`: `protocol` TCP (pod-template.ts `containerPorts`); `SetDefaults_PodSpec`:
 *   `hostPort` = `containerPort` under `hostNetwork` (workload.ts).
 * - core `SetDefaults_Container`: `imagePullPolicy` Always for `:latest` or no tag, else IfNotPresent
 *   (image-tag-latest says so; image-pull-policy-never reports only an explicit Never, never a default);
 *   `terminationMessagePolicy` File (invalid-field-value reads `""` as unset).
 * - core `SetDefaults_PodSpec` / `SetDefaults_Pod`: `restartPolicy` Always (invalid-field-value rejects it in
 *   Jobs and CronJobs; workload.ts `isLongRunning`), `dnsPolicy` ClusterFirst (`""` is unset; invalid-pod-spec
 *   checks only an explicit None); requests from limits (resources.ts).
 * - core `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`: periodSeconds 10, timeoutSeconds 1, failureThreshold 3,
 *   successThreshold 1, path `/`, scheme HTTP (probes.ts; invalid-pod-spec accepts 0 where it is defaulted).
 * - core `SetDefaults_Volume`: a volume without a source is an emptyDir (invalid-pod-spec, pod-security restricted).
 * - core `SetDefaults_LimitRangeItem`: `default` from `max`, `defaultRequest` from `default` or `min` (resources.ts).
 * - core `SetDefaults_ReplicationController`: selector and labels from the template labels (selector-template-mismatch).
 * - core `SetDefaults_Namespace`: label `kubernetes.io/metadata.name: <name>` (namespaceLabels and
 *   unlistedNamespaceLabels below: Gateway listener selectors, admission namespaceSelectors, NetworkPolicy peers).
 * - core `SetDefaults_PersistentVolumeClaim` `volumeMode` Filesystem, apps `SetDefaults_Deployment` strategy type,
 *   `SetDefaults_StatefulSet` podManagementPolicy / updateStrategy / PVC retention, `SetDefaults_DaemonSet`
 *   updateStrategy, batch `SetDefaults_CronJob` concurrencyPolicy, `SetDefaults_Job` completionMode: `""` counts
 *   as unset where it is defaulted and as a value where the field is a pointer (invalid-field-value).
 * - apps `SetDefaults_Deployment`, `SetDefaults_StatefulSet`, `SetDefaults_ReplicaSet`, core
 *   `SetDefaults_ReplicationController`: replicas 1 (pod-template.ts `replicasOf`); StatefulSet `ordinals.start` 0
 *   (statefulset-service-mismatch).
 * - batch `SetDefaults_Job`: parallelism and completions 1, at most `completions` pods at once (jobActivePods);
 *   generated selector and `job-name` / `controller-uid` labels unless `manualSelector` (selector-template-mismatch,
 *   controllerPodLabels); `suspend` false (resources.ts `desiredPods`).
 * - networking `SetDefaults_NetworkPolicy`: `policyTypes` [Ingress], plus Egress with egress rules
 *   (networkPolicyTypes); `SetDefaults_NetworkPolicyPort` protocol TCP (invalid-field-value: `""` is refused).
 * - networking/extensions v1beta1 `SetDefaults_HTTPIngressPath`: pathType ImplementationSpecific (invalid-ingress-path).
 * - Controllers: labels added to pods (`pod-template-hash`, `controller-revision-hash`,
 *   `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`, `pod-template-generation`, `job-name`,
 *   `controller-uid` and the `batch.kubernetes.io/` forms; controllerPodLabels, used by every selector match).
 *
 * Not relevant to any rule (no verdict depends on them): Service `sessionAffinity` None and its ClientIP timeout,
 * `internalTrafficPolicy` / `externalTrafficPolicy` Cluster, `ipFamilyPolicy` SingleStack, `allocateLoadBalancerNodePorts`;
 * container `terminationMessagePath`; pod `schedulerName`, `securityContext`, `terminationGracePeriodSeconds` 30,
 * `enableServiceLinks`; Secret, ConfigMap, downwardAPI and projected `defaultMode` 0644; `ObjectFieldSelector`
 * apiVersion v1; `hostPath.type` ""; Deployment `maxSurge` / `maxUnavailable` 25%, `revisionHistoryLimit` 10,
 * `progressDeadlineSeconds` 600 (resource-quota-exceeded leaves rolling-update surge pods out, as documented);
 * StatefulSet `revisionHistoryLimit`, `partition` 0; DaemonSet `maxUnavailable` 1 / `maxSurge` 0; Job
 * `backoffLimit` 6, `podReplacementPolicy`; CronJob `concurrencyPolicy` Allow (overlapping runs are not counted),
 * `successfulJobsHistoryLimit` 3, `failedJobsHistoryLimit` 1, `suspend` false; PVC `volumeMode` Filesystem (no
 * rule tells Block claims apart); Endpoints port protocol (no rule reads Endpoints); IngressClass parameters scope.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isRecord } from '../resource.js';
import type { Labels } from './selectors.js';

export interface ServicePort {
  /** Position in `spec.ports`. */
  readonly index: number;
  readonly name?: string;
  readonly port: number;
  /** As stored: `targetPort` absent, `0` or `""` is `port`. */
  readonly targetPort: number | string;
  /** Whether `targetPort` was written (and not defaulted from `port`). */
  readonly targetPortWritten: boolean;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** The ports of a Service spec with the API server's defaults applied; entries without a numeric `port` are left out. */
export function servicePorts(spec: unknown): ServicePort[] {
  const ports = isRecord(spec) && Array.isArray(spec.ports) ? spec.ports : [];
  const out: ServicePort[] = [];
  // A loop and assignments, not forEach and spreads: every Service of a run comes here, mostly cold.
  for (let index = 0; index < ports.length; index++) {
    const entry: unknown = ports[index];
    if (!isRecord(entry) || typeof entry.port !== 'number') continue;
    const written = entry.targetPort;
    const targetPortWritten = (typeof written === 'number' && written !== 0) || (typeof written === 'string' && written !== '');
    const port: { -readonly [K in keyof ServicePort]: ServicePort[K] } = { index } as ServicePort;
    if (typeof entry.name === 'string' && entry.name !== '') port.name = entry.name;
    port.port = entry.port;
    port.targetPort = targetPortWritten ? (written as number | string) : entry.port;
    port.targetPortWritten = targetPortWritten;
    port.protocol = typeof entry.protocol === 'string' && entry.protocol !== '' ? entry.protocol : 'TCP';
    if (typeof entry.nodePort === 'number') port.nodePort = entry.nodePort;
    out.push(port);
  }
  return out;
}

/** The label the API server sets on every Namespace (1.21+), whatever its manifest says. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A Namespace's labels as stored: its own (values as strings) plus `kubernetes.io/metadata.name: <name>`. */
export function namespaceLabels(name: string, labels: unknown): Labels {
  const out: Record<string, string> = Object.create(null);
  if (isRecord(labels)) for (const [k, v] of Object.entries(labels)) if (v !== null && v !== undefined) out[k] = String(v);
  out[NAMESPACE_NAME_LABEL] = name;
  return out;
}

/**
 * The labels to test `selector` against for a namespace whose Namespace object is not in the run: known
 * when the selector reads `kubernetes.io/metadata.name` alone (the only label every namespace has);
 * undefined when the answer depends on labels outside the manifests.
 */
export function unlistedNamespaceLabels(selector: LabelSelector, name: string): Labels | undefined {
  const keys = [...Object.keys(isRecord(selector.matchLabels) ? selector.matchLabels : {}), ...(Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).map((e: unknown) => (isRecord(e) ? e.key : undefined))];
  return keys.length > 0 && keys.every((k) => k === NAMESPACE_NAME_LABEL) ? namespaceLabels(name, undefined) : undefined;
}

/** The one namespace a namespaceSelector names through `kubernetes.io/metadata.name` alone (`{matchLabels: {...: shop}}`, or `In [shop]`). */
export function selectedNamespaceName(selector: LabelSelector): string | undefined {
  const labels = isRecord(selector.matchLabels) ? Object.entries(selector.matchLabels) : [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  const names = new Set<string>();
  for (const [key, value] of labels) {
    if (key !== NAMESPACE_NAME_LABEL) return undefined;
    names.add(String(value));
  }
  for (const e of expressions as unknown[]) {
    if (!isRecord(e) || e.key !== NAMESPACE_NAME_LABEL || e.operator !== 'In' || !Array.isArray(e.values) || e.values.length !== 1) return undefined;
    names.add(String(e.values[0]));
  }
  return names.size === 1 ? [...names][0] : undefined;
}

/**
 * The directions a NetworkPolicy spec restricts (`SetDefaults_NetworkPolicy`): its `policyTypes`, or when
 * none are written `Ingress`, plus `Egress` when it has egress rules. Rules of a direction the policy does
 * not restrict are ignored by every implementation.
 */
export function networkPolicyTypes(spec: unknown): ReadonlySet<string> {
  const written = isRecord(spec) && Array.isArray(spec.policyTypes) ? spec.policyTypes.filter((t): t is string => typeof t === 'string') : [];
  if (written.length > 0) return new Set(written);
  const egress = isRecord(spec) && Array.isArray(spec.egress) && spec.egress.length > 0;
  return new Set(egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/**
 * Pods a Job spec runs at once: `SetDefaults_Job` sets `parallelism` and `completions` to 1 when both are
 * unset and `parallelism` to 1 when only `completions` is set, and the Job controller never runs more pods
 * than completions remain (`completions: 1, parallelism: 5` runs one pod).
 */
export function jobActivePods(spec: unknown): number {
  const parallelism = isRecord(spec) && typeof spec.parallelism === 'number' ? spec.parallelism : 1;
  const completions = isRecord(spec) && typeof spec.completions === 'number' ? spec.completions : undefined;
  return completions === undefined ? parallelism : Math.min(parallelism, completions);
}

// ------------------------------------------------------------------------ controller pod labels

/** A label a workload's controller puts on every pod it creates, beyond those of the template. */
export interface ControllerLabel {
  /** The value on every pod when it is known from the manifest (a Job's name); undefined when it varies. */
  readonly value?: string;
  /** Whether some pod of the workload may carry `value`. */
  accepts(value: string): boolean;
}

/** Label key -> how the controller fills it in; empty for kinds whose controller adds nothing. */
export type ControllerLabels = ReadonlyMap<string, ControllerLabel>;

const NONE: ControllerLabels = new Map();
const ANY: ControllerLabel = { accepts: () => true };
const ORDINAL = /^(0|[1-9]\d*)$/;
const INDEX: ControllerLabel = { accepts: (value) => ORDINAL.test(value) };
const fixed = (value: string): ControllerLabel => ({ value, accepts: (v) => v === value });
/** `<prefix>-<digits>`: a StatefulSet pod's name, or a CronJob's Job name (`<cronjob>-<scheduled minute>`). */
const numbered = (prefix: string): ControllerLabel => ({
  accepts: (v) => v.length > prefix.length + 1 && v.startsWith(`${prefix}-`) && ORDINAL.test(v.slice(prefix.length + 1)),
});

const DEPLOYMENT: ControllerLabels = new Map([['pod-template-hash', ANY]]);
const DAEMON_SET: ControllerLabels = new Map([['controller-revision-hash', ANY], ['pod-template-generation', INDEX]]);

function record(value: unknown, key: string): Record<string, unknown> | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : undefined;
}

/** The Job labels of pkg/registry/batch/job/strategy.go `generateSelector` (skipped under `manualSelector: true`). */
function jobLabels(spec: Record<string, unknown> | undefined, name: ControllerLabel): ControllerLabels {
  if (spec?.manualSelector === true) return NONE;
  const labels = new Map<string, ControllerLabel>([
    ['controller-uid', ANY], ['batch.kubernetes.io/controller-uid', ANY],
    ['job-name', name], ['batch.kubernetes.io/job-name', name],
  ]);
  if (spec?.completionMode === 'Indexed') labels.set('batch.kubernetes.io/job-completion-index', INDEX);
  return labels;
}

/**
 * Labels the controllers (and the Job registry strategy) add to the pods of a built-in workload: a
 * selector naming them does select those pods. Deployment: `pod-template-hash` (the ReplicaSet's
 * hash). StatefulSet: `controller-revision-hash`, `statefulset.kubernetes.io/pod-name` (`<name>-<ordinal>`)
 * and `apps.kubernetes.io/pod-index` (1.28+). DaemonSet: `controller-revision-hash` and
 * `pod-template-generation`. Job: `job-name` and `controller-uid`, with the `batch.kubernetes.io/`
 * forms (1.27+) and `batch.kubernetes.io/job-completion-index` for Indexed Jobs (1.28+); a CronJob's
 * pods get those of its Jobs, named `<cronjob>-<scheduled minute>`. Ordinals are accepted up to any
 * replica count (an autoscaler may scale), and the labels are not gated by version.
 */
export function controllerPodLabels(owner: { readonly kind: string; readonly group: string; readonly name: string; readonly value: unknown }): ControllerLabels {
  const group = owner.group === 'extensions' ? 'apps' : owner.group;
  const spec = record(owner.value, 'spec');
  switch (`${group}/${owner.kind}`) {
    case 'apps/Deployment':
      return DEPLOYMENT;
    case 'apps/DaemonSet':
      return DAEMON_SET;
    case 'apps/StatefulSet':
      return new Map([
        ['controller-revision-hash', ANY],
        ['statefulset.kubernetes.io/pod-name', numbered(owner.name)],
        ['apps.kubernetes.io/pod-index', INDEX],
      ]);
    case 'batch/Job':
      return jobLabels(spec, fixed(owner.name));
    case 'batch/CronJob':
      return jobLabels(record(record(spec, 'jobTemplate'), 'spec'), numbered(owner.name));
    default:
      return NONE;
  }
}
