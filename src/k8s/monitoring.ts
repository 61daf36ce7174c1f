/**
 * prometheus-operator discovery as the operator configures Prometheus: which Services a
 * ServiceMonitor and which pods a PodMonitor select, in which namespaces, and which ports their
 * endpoints name.
 *
 * Evidence (prometheus-operator/prometheus-operator): pkg/prometheus/promcfg.go
 * `generateServiceMonitorConfig` (role `endpoints`; `keep` relabelings on
 * `__meta_kubernetes_service_label_*` from `spec.selector`, so the Service's own `metadata.labels`
 * count, not its pod selector; `endpoints[].port` keeps `__meta_kubernetes_endpoint_port_name`, a
 * Service port name; `targetPort` keeps `__meta_kubernetes_pod_container_port_name`/`_number`),
 * `generatePodMonitorConfig` (role `pod`; `port` keeps the container port name, `portNumber` the
 * container port number), `getNamespacesFromNamespaceSelector` (`any: true` = every namespace,
 * `matchNames`, otherwise the monitor's own namespace).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { labelSelector } from './controllers.js';
import type { PodTemplate } from './pod-template.js';
import { matchesSelector, plainSelector, selectorCloseness, type Labels } from './selectors.js';
import type { ControllerLabels } from './defaults.js';
import { editDistance } from './suggest.js';

export const MONITORING_GROUP = 'monitoring.coreos.com';

/** The namespaces a ServiceMonitor or PodMonitor discovers in; `any` = every namespace. */
export interface MonitorScope {
  readonly any: boolean;
  /** The namespaces named (or the monitor's own); empty when `any`. */
  readonly namespaces: readonly string[];
}

export function monitorScope(monitor: Resource): MonitorScope {
  const spec = isRecord(monitor.value.spec) ? monitor.value.spec : {};
  const selector = isRecord(spec.namespaceSelector) ? spec.namespaceSelector : {};
  if (selector.any === true) return { any: true, namespaces: [] };
  const names = Array.isArray(selector.matchNames) ? selector.matchNames.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  return { any: false, namespaces: names.length > 0 ? [...new Set(names)] : [monitor.namespace ?? ''] };
}

/** `spec.selector` of a monitor, when the API server would accept it. */
export function monitorSelector(monitor: Resource): LabelSelector | undefined {
  const spec = isRecord(monitor.value.spec) ? monitor.value.spec : {};
  return labelSelector(spec.selector);
}

/** Labels of an object's metadata, values as strings. */
export function objectLabels(resource: Resource): Labels {
  const labels = resource.value.metadata?.labels;
  return plainSelector(isRecord(labels) ? labels : {}) ?? {};
}

/** Services of the run a ServiceMonitor scope could select (every Service of its namespaces). */
export function scopeServices(index: ResourceIndex, scope: MonitorScope): readonly Resource[] {
  return scope.any ? index.list('Service') : scope.namespaces.flatMap((ns) => index.list('Service', ns));
}

/** Pod templates of the run a PodMonitor scope could select. */
export function scopePodTemplates(index: ResourceIndex, scope: MonitorScope): readonly PodTemplate[] {
  return scope.any ? index.podTemplates() : scope.namespaces.flatMap((ns) => index.podTemplates(ns));
}

/**
 * The candidates of a monitor's scope that its selector matches: found through the index by the
 * selector's `matchLabels` when it has some, else every candidate of the scope is tested.
 */
function monitored<T>(
  monitor: Resource, inScope: (scope: MonitorScope) => readonly T[], labelled: (pairs: Labels, namespace: string) => T[],
  labelsOf: (item: T) => Labels, controllerOf?: (item: T) => ControllerLabels,
): T[] {
  const selector = monitorSelector(monitor);
  if (!selector) return [];
  const scope = monitorScope(monitor);
  const pairs = plainSelector(selector.matchLabels) ?? {};
  const candidates = scope.any || Object.keys(pairs).length === 0 ? inScope(scope) : scope.namespaces.flatMap((ns) => labelled(pairs, ns));
  return candidates.filter((item) => matchesSelector(selector, labelsOf(item), controllerOf?.(item)));
}

/** Services of the scope whose own labels match the ServiceMonitor's selector. */
export function monitoredServices(index: ResourceIndex, monitor: Resource): Resource[] {
  return monitored(monitor, (scope) => scopeServices(index, scope), (pairs, ns) => index.servicesLabelled(pairs, ns), objectLabels);
}

/** Pod templates of the scope whose pod labels match the PodMonitor's selector. */
export function monitoredPods(index: ResourceIndex, monitor: Resource): PodTemplate[] {
  return monitored(monitor, (scope) => scopePodTemplates(index, scope), (pairs, ns) => index.podTemplatesMatching(pairs, ns), (t) => t.labels, (t) => t.controllerLabels);
}

/** Pod templates behind a Service (its pod selector in its namespace); [] without a selector. */
export function servicePods(index: ResourceIndex, service: Resource): readonly PodTemplate[] {
  const spec = isRecord(service.value.spec) ? service.value.spec : {};
  const selector = plainSelector(spec.selector);
  if (!selector || Object.keys(selector).length === 0 || service.namespace === undefined) return [];
  return index.podTemplatesMatching(selector, service.namespace);
}

/** A declared container port (app, init and sidecar containers): what Prometheus's pod role discovers. */
export interface DeclaredPort {
  readonly name?: string;
  readonly number: number;
  readonly container: string;
}

export function declaredPorts(template: PodTemplate): DeclaredPort[] {
  return template.containers
    .filter(({ group }) => group !== 'ephemeralContainers')
    .flatMap(({ container }) => (Array.isArray(container.ports) ? container.ports : [])
      .filter((p) => isRecord(p) && typeof p.containerPort === 'number')
      .map((p) => ({ name: typeof p.name === 'string' && p.name !== '' ? p.name : undefined, number: p.containerPort, container: container.name })));
}

/** Named ports of a Service: `name` -> `port`, plus the `targetPort` each points at. */
export interface ServicePortInfo {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: string | number;
}

export function servicePortList(service: Resource): ServicePortInfo[] {
  const spec = isRecord(service.value.spec) ? service.value.spec : {};
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  return ports.flatMap((p) => (isRecord(p) && typeof p.port === 'number'
    ? [{ name: typeof p.name === 'string' && p.name !== '' ? p.name : undefined, port: p.port, targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : undefined }]
    : []));
}

/** The item whose labels come closest to `selector` (ties: name nearest `nameHint`), for messages. */
export function closestLabelled<T>(selector: LabelSelector, items: readonly T[], labelsOf: (item: T) => Labels, nameOf: (item: T) => string, nameHint: string): T | undefined {
  const wanted = plainSelector(selector.matchLabels) ?? {};
  let best: T | undefined;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (const item of items) {
    const score = selectorCloseness(wanted, labelsOf(item));
    const distance = editDistance(nameHint, nameOf(item));
    if (score > bestScore || (score === bestScore && distance < bestDistance)) [best, bestScore, bestDistance] = [item, score, distance];
  }
  return best;
}

/**
 * Services that exist without manifests and that ServiceMonitors commonly select: the API server's
 * `default/kubernetes`, CoreDNS's `kube-system/kube-dns`, and the kubelet Service that
 * prometheus-operator itself maintains (`--kubelet-service`, conventionally in kube-system).
 */
const CLUSTER_SERVICES: ReadonlyArray<{ readonly namespace: string; readonly labels: Labels }> = [
  { namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
  { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
  { namespace: 'kube-system', labels: { 'k8s-app': 'kubelet', 'app.kubernetes.io/name': 'kubelet', 'app.kubernetes.io/managed-by': 'prometheus-operator' } },
];

/** Whether a Service that every cluster has (see CLUSTER_SERVICES) could be what a ServiceMonitor selects. */
export function selectsClusterService(monitor: Resource): boolean {
  const selector = monitorSelector(monitor);
  const scope = monitorScope(monitor);
  return selector !== undefined && CLUSTER_SERVICES.some((s) => (scope.any || scope.namespaces.includes(s.namespace)) && matchesSelector(selector, s.labels));
}
