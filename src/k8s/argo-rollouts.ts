/**
 * Argo Rollouts (`argoproj.io/v1alpha1` Rollout): the Services a strategy names, the analysis
 * templates it runs, the workload it takes its pod template from, and the labels its pods carry.
 *
 * Evidence (argoproj/argo-rollouts): rollout/templateref.go (`workloadRef` reads the pod template of
 * an `apps/v1` Deployment or ReplicaSet or a `v1` PodTemplate of the Rollout's namespace; any other
 * kind, or a name that does not exist, sets the `InvalidSpec` condition); rollout/service.go and
 * utils/conditions (a strategy Service that does not exist: "service \"x\" not found",
 * `InvalidSpec`); rollout/analysis.go and utils/analysis `GetAnalysisTemplatesFromRefs`
 * (`clusterScope: true` reads a ClusterAnalysisTemplate, otherwise an AnalysisTemplate of the
 * Rollout's namespace; a missing one fails the reconcile with `InvalidSpec`); the controller adds
 * `rollouts-pod-template-hash` to the selector of the strategy Services and to the pods itself.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import type { Labels } from './selectors.js';

export const ROLLOUT_KINDS = { AnalysisTemplate: 'argoproj.io/AnalysisTemplate', ClusterAnalysisTemplate: 'argoproj.io/ClusterAnalysisTemplate' } as const;

/** The label the controller adds to pods and to the selectors of strategy Services. */
export const POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';

/** Kinds `workloadRef` may name, by `group/Kind`. */
export const WORKLOAD_REF_KINDS: Readonly<Record<string, string>> = { Deployment: 'apps/v1', ReplicaSet: 'apps/v1', PodTemplate: 'v1' };

function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function strategy(resource: Resource): { canary: Record<string, unknown>; blueGreen: Record<string, unknown> } {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const s = isRecord(spec.strategy) ? spec.strategy : {};
  return { canary: isRecord(s.canary) ? s.canary : {}, blueGreen: isRecord(s.blueGreen) ? s.blueGreen : {} };
}

export interface RolloutService {
  readonly field: 'stableService' | 'canaryService' | 'activeService' | 'previewService' | 'pingService' | 'pongService';
  readonly name: string;
  readonly path: Path;
}

export function rolloutServices(resource: Resource): RolloutService[] {
  const { canary, blueGreen } = strategy(resource);
  const out: RolloutService[] = [];
  const add = (owner: Record<string, unknown>, path: Path, field: RolloutService['field']) => {
    const value = owner[field];
    if (typeof value === 'string' && value !== '') out.push({ field, name: value, path: ['spec', 'strategy', ...path, field] });
  };
  add(canary, ['canary'], 'stableService');
  add(canary, ['canary'], 'canaryService');
  const pingPong = isRecord(canary.pingPong) ? canary.pingPong : {};
  add(pingPong, ['canary', 'pingPong'], 'pingService');
  add(pingPong, ['canary', 'pingPong'], 'pongService');
  add(blueGreen, ['blueGreen'], 'activeService');
  add(blueGreen, ['blueGreen'], 'previewService');
  return out;
}

export interface AnalysisTemplateRef {
  readonly name: string;
  readonly clusterScope: boolean;
  /** Path of the `templateName` value. */
  readonly path: Path;
}

/** `templates` of canary background analysis, analysis steps, experiment analyses and blue-green pre/post promotion. */
export function analysisTemplateRefs(resource: Resource): AnalysisTemplateRef[] {
  const { canary, blueGreen } = strategy(resource);
  const out: AnalysisTemplateRef[] = [];
  const add = (list: unknown, path: Path) => items(list).forEach((ref, i) => {
    if (isRecord(ref) && typeof ref.templateName === 'string' && ref.templateName !== '') {
      out.push({ name: ref.templateName, clusterScope: ref.clusterScope === true, path: [...path, i, 'templateName'] });
    }
  });
  const templatesOf = (value: unknown, path: Path) => isRecord(value) && add(value.templates, [...path, 'templates']);
  templatesOf(canary.analysis, ['spec', 'strategy', 'canary', 'analysis']);
  items(canary.steps).forEach((step, i) => {
    if (!isRecord(step)) return;
    const path: Path = ['spec', 'strategy', 'canary', 'steps', i];
    templatesOf(step.analysis, [...path, 'analysis']);
    if (isRecord(step.experiment)) add(step.experiment.analyses, [...path, 'experiment', 'analyses']);
  });
  templatesOf(blueGreen.prePromotionAnalysis, ['spec', 'strategy', 'blueGreen', 'prePromotionAnalysis']);
  templatesOf(blueGreen.postPromotionAnalysis, ['spec', 'strategy', 'blueGreen', 'postPromotionAnalysis']);
  return out;
}

export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export function workloadRef(resource: Resource): WorkloadRef | undefined {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const ref = spec.workloadRef;
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.name === '') return undefined;
  return { apiVersion: typeof ref.apiVersion === 'string' ? ref.apiVersion : '', kind: ref.kind, name: ref.name };
}

/** The object `workloadRef` names in the Rollout's namespace, if its kind is supported and it exists. */
export function referencedWorkload(index: ResourceIndex, rollout: Resource): Resource | undefined {
  const ref = workloadRef(rollout);
  const apiVersion = ref && WORKLOAD_REF_KINDS[ref.kind];
  if (!ref || !apiVersion) return undefined;
  return index.get(`${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}/${ref.kind}`, rollout.namespace, ref.name);
}

/**
 * The labels of the Rollout's pods: its own `spec.template`, or the template of the workload it
 * references. Undefined when the run cannot know them.
 */
export function rolloutPodLabels(index: ResourceIndex, rollout: Resource): { labels: Labels; from: Resource } | undefined {
  const own = index.podTemplate(rollout);
  if (own) return { labels: own.labels, from: rollout };
  const workload = referencedWorkload(index, rollout);
  if (!workload) return undefined;
  const template = index.podTemplate(workload);
  if (template) return { labels: template.labels, from: workload };
  // A core PodTemplate keeps the pod template under `template`.
  const value = workload.value as { template?: { metadata?: { labels?: unknown } } };
  const labels = value.template?.metadata?.labels;
  if (!isRecord(labels)) return undefined;
  return { labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])), from: workload };
}

/** An object `canary.trafficRouting` names: an Istio VirtualService or DestinationRule, or an Ingress (nginx, ALB). */
export interface TrafficRoutingRef {
  /** `group/Kind` candidates (an Ingress may be served by either group). */
  readonly kindRefs: readonly string[];
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** `istio.virtualService`, `nginx.stableIngress`, ... */
  readonly site: string;
  readonly path: Path;
  /** For a VirtualService: the HTTP route names the controller patches (`routes`), by path. */
  readonly routes?: ReadonlyArray<{ readonly name: string; readonly path: Path }>;
}

const INGRESS = ['networking.k8s.io/Ingress', 'extensions/Ingress'];

/**
 * The objects of `canary.trafficRouting` the controller reads each reconcile
 * (rollout/controller.go `getReferencedResources`: a missing one sets `InvalidSpec`). Istio names may
 * be `name.namespace` (utils/istio `GetVirtualServiceNamespaceName`).
 */
export function trafficRoutingRefs(resource: Resource): TrafficRoutingRef[] {
  const routing = strategy(resource).canary.trafficRouting;
  if (!isRecord(routing)) return [];
  const base: Path = ['spec', 'strategy', 'canary', 'trafficRouting'];
  const out: TrafficRoutingRef[] = [];
  const add = (kindRefs: readonly string[], value: unknown, path: Path, site: string, qualified: boolean, routes?: unknown) => {
    if (typeof value !== 'string' || value === '') return;
    // `a.b` (and `a.b.whatever`) is name `a` in namespace `b`, as GetVirtualServiceNamespaceName splits it.
    const [name, namespace = resource.namespace!] = qualified ? value.split('.') : [value];
    const at = [...base, ...path];
    const routeNames = items(routes).flatMap((route, j) => (typeof route === 'string' ? [{ name: route, path: [...at.slice(0, -1), 'routes', j] }] : []));
    out.push({ kindRefs, kind: kindRefs[0].slice(kindRefs[0].indexOf('/') + 1), name, namespace, site, path: at, ...(routes === undefined ? {} : { routes: routeNames }) });
  };
  const istio = isRecord(routing.istio) ? routing.istio : {};
  const vs = 'networking.istio.io/VirtualService';
  if (isRecord(istio.virtualService)) add([vs], istio.virtualService.name, ['istio', 'virtualService', 'name'], 'istio.virtualService', true, istio.virtualService.routes);
  items(istio.virtualServices).forEach((entry, i) => isRecord(entry) && add([vs], entry.name, ['istio', 'virtualServices', i, 'name'], 'istio.virtualServices', true, entry.routes));
  if (isRecord(istio.destinationRule)) add(['networking.istio.io/DestinationRule'], istio.destinationRule.name, ['istio', 'destinationRule', 'name'], 'istio.destinationRule', true);
  const nginx = isRecord(routing.nginx) ? routing.nginx : {};
  add(INGRESS, nginx.stableIngress, ['nginx', 'stableIngress'], 'nginx.stableIngress', false);
  items(nginx.stableIngresses).forEach((name, i) => add(INGRESS, name, ['nginx', 'stableIngresses', i], 'nginx.stableIngresses', false));
  const alb = isRecord(routing.alb) ? routing.alb : {};
  add(INGRESS, alb.ingress, ['alb', 'ingress'], 'alb.ingress', false);
  items(alb.ingresses).forEach((name, i) => add(INGRESS, name, ['alb', 'ingresses', i], 'alb.ingresses', false));
  return out;
}
