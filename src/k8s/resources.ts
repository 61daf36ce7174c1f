/**
 * Container requests and limits as the API server sees them when it admits a pod, and the
 * ResourceQuota/LimitRange facts around them. Evidence (kubernetes/kubernetes):
 * - pkg/apis/core/v1/defaults.go `SetDefaults_Pod`: a limit without a request defaults the request
 *   (containers and initContainers); `SetDefaults_LimitRangeItem`: in a `Container` item, `max`
 *   defaults `default`, `default` then `min` default `defaultRequest`.
 * - plugin/pkg/admission/limitranger/admission.go: `mergeContainerResources` fills each missing
 *   request/limit of containers and initContainers from `defaultRequest`/`default` of every
 *   Container item, LimitRange by LimitRange; this mutation runs before any validating plugin.
 * - component-helpers/resource/helpers.go `PodRequests`/`PodLimits`: sum of containers plus
 *   sidecars (restartable init containers), at least the largest init container; pod-level
 *   `spec.resources` replaces cpu/memory.
 * - pkg/quota/v1/evaluator/core/pods.go: `validationSet` (the quota names every container must set),
 *   `podMatchesScopeFunc` (quota scopes).
 */
import type { NodeRef } from '../model.js';
import type { ContainerRef, PodTemplate } from './pod-template.js';
import { RecentMemo } from './memo.js';
import { parseQuantity } from './quantity.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';

export interface Amount {
  /** Base units (cores, bytes); undefined when the quantity does not parse. */
  readonly value: number | undefined;
  /** As written (`500m`), for messages. */
  readonly text: string;
  /** `set` in the container, `limit`: the request defaulted to the container's limit, `default`: a LimitRange default. */
  readonly source: 'set' | 'limit' | 'default';
  readonly limitRange?: Resource;
}
export type Amounts = ReadonlyMap<string, Amount>;

export interface EffectiveContainer {
  readonly ref: ContainerRef;
  readonly name: string;
  /** An init container with `restartPolicy: Always`: runs for the pod's whole life. */
  readonly sidecar: boolean;
  readonly requests: Amounts;
  readonly limits: Amounts;
}

export interface LimitRangeItem {
  readonly limitRange: Resource;
  readonly index: number;
  readonly type: string;
  readonly max: Amounts;
  readonly min: Amounts;
  readonly maxLimitRequestRatio: Amounts;
  readonly default: Amounts;
  readonly defaultRequest: Amounts;
}

export function amountsOf(value: unknown, source: Amount['source'] = 'set', limitRange?: Resource): Map<string, Amount> {
  const out = new Map<string, Amount>();
  if (!isRecord(value)) return out;
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw !== 'string' && typeof raw !== 'number') continue;
    const parsed = parseQuantity(raw);
    out.set(name, { value: parsed.ok ? parsed.value : undefined, text: String(raw), source, limitRange });
  }
  return out;
}

function fillMissing(target: Map<string, Amount>, from: Amounts): void {
  for (const [name, amount] of from) if (!target.has(name)) target.set(name, amount);
}

/** LimitRanges of `namespace` in name order (the admission plugin reads them from a cache). */
export function limitRangesIn(index: ResourceIndex, namespace: string): Resource[] {
  return index.list('LimitRange', namespace).filter((r) => r.group === '').sort((a, b) => a.name.localeCompare(b.name));
}

/** The items of a LimitRange with `SetDefaults_LimitRangeItem` applied. */
export function limitRangeItems(limitRange: Resource): LimitRangeItem[] {
  const limits = isRecord(limitRange.value.spec) ? limitRange.value.spec.limits : undefined;
  if (!Array.isArray(limits)) return [];
  return limits.flatMap((item, index) => {
    if (!isRecord(item) || typeof item.type !== 'string') return [];
    const read = (key: string) => amountsOf(item[key], 'default', limitRange);
    const [max, min, defaults, defaultRequest] = [read('max'), read('min'), read('default'), read('defaultRequest')];
    if (item.type === 'Container') {
      fillMissing(defaults, max);
      fillMissing(defaultRequest, defaults);
      fillMissing(defaultRequest, min);
    }
    return [{ limitRange, index, type: item.type, max, min, maxLimitRequestRatio: read('maxLimitRequestRatio'), default: defaults, defaultRequest }];
  });
}

/**
 * The last template asked about: three rules of its owner ask in turn (resource-quota-exceeded asks
 * from the quota, about each template of its namespace once).
 */
const recent = new RecentMemo<PodTemplate, { index: ResourceIndex; containers: readonly EffectiveContainer[] }>();

/** Containers and init containers after `SetDefaults_Pod` and the LimitRanger defaults of the namespace (memoised: four rules ask). */
export function effectiveContainers(index: ResourceIndex, template: PodTemplate): EffectiveContainer[] {
  let known = recent.get(template);
  if (known?.index !== index) known = recent.set(template, { index, containers: withDefaults(index, template) });
  return [...known.containers];
}

function withDefaults(index: ResourceIndex, template: PodTemplate): EffectiveContainer[] {
  const defaults = limitRangesIn(index, template.namespace).map((limitRange) => {
    const requests = new Map<string, Amount>();
    const limits = new Map<string, Amount>();
    for (const item of limitRangeItems(limitRange).filter((i) => i.type === 'Container')) {
      for (const [name, amount] of item.defaultRequest) requests.set(name, amount);
      for (const [name, amount] of item.default) limits.set(name, amount);
    }
    return { requests, limits };
  });
  return template.containers.filter((ref) => ref.group !== 'ephemeralContainers').map((ref) => {
    const resources = isRecord(ref.container.resources) ? ref.container.resources : {};
    const limits = amountsOf(resources.limits);
    const requests = amountsOf(resources.requests);
    for (const [name, amount] of limits) if (!requests.has(name)) requests.set(name, { ...amount, source: 'limit' });
    for (const layer of defaults) {
      fillMissing(limits, layer.limits);
      fillMissing(requests, layer.requests);
    }
    const sidecar = ref.group === 'initContainers' && ref.container.restartPolicy === 'Always';
    return { ref, name: String(ref.container.name ?? ''), sidecar, requests, limits };
  });
}

/** `Deployment \`web\` init container \`migrate\``, for messages. */
export function containerSubject(template: PodTemplate, container: EffectiveContainer): string {
  const kind = container.sidecar ? 'sidecar container' : container.ref.group === 'initContainers' ? 'init container' : 'container';
  return `${template.owner.label} ${kind} \`${container.name}\``;
}

/**
 * Where a request or limit of a container is, or would be written: the value when the container
 * sets it, else the `requests`/`limits` key, else `resources`, else the container's name.
 */
export function requirementNode(template: PodTemplate, container: EffectiveContainer, field: 'requests' | 'limits', name?: string): NodeRef {
  const { owner } = template;
  const path = container.ref.path;
  const resources = container.ref.container.resources;
  if (!isRecord(resources)) return owner.node(...path, 'name');
  const list = resources[field];
  if (!isRecord(list)) return owner.key(...path, 'resources');
  return name !== undefined && Object.hasOwn(list, name) ? owner.node(...path, 'resources', field, name) : owner.key(...path, 'resources', field);
}

/** Pod-level `spec.resources` cpu/memory (PodLevelResources), if any. */
export function podLevelResources(template: PodTemplate): { requests: Amounts; limits: Amounts } | undefined {
  const resources = (template.spec as { resources?: unknown }).resources;
  if (!isRecord(resources)) return undefined;
  const pick = (value: unknown) => new Map([...amountsOf(value)].filter(([name]) => name === 'cpu' || name === 'memory'));
  const [requests, limits] = [pick(resources.requests), pick(resources.limits)];
  return requests.size + limits.size > 0 ? { requests, limits } : undefined;
}

/** `PodRequests`/`PodLimits`: what one pod counts for (base units; unparsable values count 0). */
export function podTotals(containers: readonly EffectiveContainer[], field: 'requests' | 'limits', podLevel?: Amounts): Map<string, number> {
  const total = new Map<string, number>();
  const sidecars = new Map<string, number>();
  const initMax = new Map<string, number>();
  const add = (map: Map<string, number>, name: string, value: number) => map.set(name, (map.get(name) ?? 0) + value);
  for (const c of containers.filter((c) => c.ref.group === 'containers')) for (const [n, a] of c[field]) add(total, n, a.value ?? 0);
  for (const c of containers.filter((c) => c.ref.group === 'initContainers')) {
    if (c.sidecar) for (const [n, a] of c[field]) (add(total, n, a.value ?? 0), add(sidecars, n, a.value ?? 0));
    const running = new Map(sidecars);
    if (!c.sidecar) for (const [n, a] of c[field]) add(running, n, a.value ?? 0);
    for (const [n, v] of running) if (v > (initMax.get(n) ?? -Infinity)) initMax.set(n, v);
  }
  for (const [n, v] of initMax) if (v > (total.get(n) ?? -Infinity)) total.set(n, v);
  for (const [n, a] of podLevel ?? []) if (a.value !== undefined) total.set(n, a.value);
  return total;
}

/** Quota names that `Constraints` makes every container set: request or limit of cpu/memory. */
export const CONTAINER_QUOTA_NAMES: ReadonlyMap<string, { field: 'requests' | 'limits'; resource: 'cpu' | 'memory' }> = new Map([
  ['cpu', { field: 'requests', resource: 'cpu' }],
  ['requests.cpu', { field: 'requests', resource: 'cpu' }],
  ['memory', { field: 'requests', resource: 'memory' }],
  ['requests.memory', { field: 'requests', resource: 'memory' }],
  ['limits.cpu', { field: 'limits', resource: 'cpu' }],
  ['limits.memory', { field: 'limits', resource: 'memory' }],
]);

export function quotaHard(quota: Resource): Map<string, Amount> {
  return amountsOf(isRecord(quota.value.spec) ? quota.value.spec.hard : undefined);
}

/** ResourceQuotas of `namespace`, in name order. */
export function quotasIn(index: ResourceIndex, namespace: string): Resource[] {
  return index.list('ResourceQuota', namespace).filter((r) => r.group === '').sort((a, b) => a.name.localeCompare(b.name));
}

/** `qos.GetPodQOS(pod) == BestEffort`: no cpu/memory request or limit above zero anywhere. */
export function isBestEffort(containers: readonly EffectiveContainer[], template: PodTemplate): boolean {
  const positive = (amounts: Amounts) => ['cpu', 'memory'].some((n) => {
    const amount = amounts.get(n);
    return amount !== undefined && (amount.value === undefined || amount.value > 0);
  });
  const podLevel = podLevelResources(template);
  if (podLevel && (positive(podLevel.requests) || positive(podLevel.limits))) return false;
  return !containers.some((c) => positive(c.requests) || positive(c.limits));
}

function crossNamespaceAffinity(template: PodTemplate): boolean {
  const affinity = isRecord(template.spec.affinity) ? template.spec.affinity : {};
  return [affinity.podAffinity, affinity.podAntiAffinity].some((kind) => {
    if (!isRecord(kind)) return false;
    const required = Array.isArray(kind.requiredDuringSchedulingIgnoredDuringExecution) ? kind.requiredDuringSchedulingIgnoredDuringExecution : [];
    const preferred = Array.isArray(kind.preferredDuringSchedulingIgnoredDuringExecution) ? kind.preferredDuringSchedulingIgnoredDuringExecution : [];
    const terms = [...required, ...preferred.map((p: unknown) => (isRecord(p) ? p.podAffinityTerm : undefined))];
    return terms.some((t) => isRecord(t) && ((Array.isArray(t.namespaces) && t.namespaces.length > 0) || (t.namespaceSelector !== undefined && t.namespaceSelector !== null)));
  });
}

/**
 * Whether `quota` applies to the template's pods (`generic.Matches`: every scope and scopeSelector
 * expression must match). Undefined when it cannot be known offline: a PriorityClass scope on a
 * pod without `priorityClassName` (the cluster's `globalDefault` PriorityClass decides).
 */
export function quotaAppliesTo(index: ResourceIndex, quota: Resource, template: PodTemplate, containers: readonly EffectiveContainer[]): boolean | undefined {
  const spec = isRecord(quota.value.spec) ? quota.value.spec : {};
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map((s) => ({ scopeName: s, operator: 'Exists', values: [] as unknown[] })) : [];
  const expressions = isRecord(spec.scopeSelector) && Array.isArray(spec.scopeSelector.matchExpressions) ? spec.scopeSelector.matchExpressions : [];
  let result: boolean | undefined = true;
  for (const scope of [...scopes, ...expressions]) {
    if (!isRecord(scope)) continue;
    const match = scopeMatches(index, scope, template, containers);
    if (match === false) return false;
    if (match === undefined) result = undefined;
  }
  return result;
}

function scopeMatches(index: ResourceIndex, scope: Record<string, unknown>, template: PodTemplate, containers: readonly EffectiveContainer[]): boolean | undefined {
  const deadline = template.spec.activeDeadlineSeconds;
  switch (scope.scopeName) {
    case 'Terminating':
      return typeof deadline === 'number' && deadline >= 0;
    case 'NotTerminating':
      return !(typeof deadline === 'number' && deadline >= 0);
    case 'BestEffort':
      return isBestEffort(containers, template);
    case 'NotBestEffort':
      return !isBestEffort(containers, template);
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(template);
    case 'PriorityClass': {
      let name = template.spec.priorityClassName;
      if (!name) {
        const fallback = index.list('scheduling.k8s.io/PriorityClass').find((p) => p.value.globalDefault === true);
        if (!fallback) return undefined;
        name = fallback.name;
      }
      const values = Array.isArray(scope.values) ? scope.values.map(String) : [];
      if (scope.operator === 'In') return values.includes(name);
      if (scope.operator === 'NotIn') return !values.includes(name);
      if (scope.operator === 'Exists') return true;
      if (scope.operator === 'DoesNotExist') return false;
      return undefined;
    }
    default:
      return false;
  }
}

/** Quota names of `CONTAINER_QUOTA_NAMES` that `quota` sets and `container` lacks. */
export function missingForQuota(quota: Resource, container: EffectiveContainer): string[] {
  return [...quotaHard(quota).keys()].filter((name) => {
    const need = CONTAINER_QUOTA_NAMES.get(name);
    return need !== undefined && !container[need.field].has(need.resource);
  });
}

/** Pods a template keeps running: replicas (the HPA minimum when an HPA scales it), Job parallelism. */
export function desiredPods(index: ResourceIndex, template: PodTemplate): { count: number; via?: Resource } | undefined {
  if (template.replicas === undefined) return undefined;
  const owner = template.owner;
  const spec = isRecord(owner.value.spec) ? owner.value.spec : {};
  const hpa = index.list('HorizontalPodAutoscaler', template.namespace).find((h) => {
    const target = isRecord(h.value.spec) && isRecord(h.value.spec.scaleTargetRef) ? h.value.spec.scaleTargetRef : {};
    return target.kind === owner.kind && target.name === owner.name;
  });
  if (hpa) {
    const min = isRecord(hpa.value.spec) ? hpa.value.spec.minReplicas : undefined;
    return { count: typeof min === 'number' ? min : 1, via: hpa };
  }
  const job = owner.kind === 'CronJob' ? (isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {}) : owner.kind === 'Job' ? spec : undefined;
  if (job) {
    if (spec.suspend === true || job.suspend === true) return { count: 0 };
    if (typeof job.completions === 'number') return { count: Math.min(template.replicas, job.completions) };
  }
  return { count: template.replicas };
}

/** A quota or usage amount for messages: `2500m`/`3` for cpu, `1536Mi`/`2Gi` for bytes. */
export function formatAmount(resourceName: string, value: number): string {
  const base = resourceName.replace(/^(requests|limits)\./, '');
  if (base === 'cpu') return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  if (base === 'memory' || base === 'ephemeral-storage' || base === 'storage') {
    for (const [unit, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
      if (value >= size && Number.isInteger(value / size)) return `${value / size}${unit}`;
    }
  }
  return String(Math.round(value * 1000) / 1000);
}

/** -1, 0 or 1, treating float noise (`1` vs `1000m`) as equal. */
export function compareAmounts(a: number, b: number): number {
  if (Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}
