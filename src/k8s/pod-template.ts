/**
 * Pod templates of workloads: where a pod's labels, spec and containers live in each kind, so
 * rules can treat a Pod, a Deployment and a CronJob the same way.
 */
import type { Container, ContainerPort, PodSpec } from 'kubernetes-types/core/v1.js';
import type { NodeRef, Path, PathSegment } from '../model.js';
import { isRecord, scalarText, type Resource } from '../resource.js';
import { controllerPodLabels, jobActivePods, type ControllerLabels } from './defaults.js';

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  readonly container: Container;
  readonly group: ContainerGroup;
  readonly index: number;
  /** Path of the container from the owning object's root. */
  readonly path: Path;
}

export interface PodTemplate {
  readonly owner: Resource;
  /** Path from the owner's root to the object holding `metadata` and `spec` of the pod. */
  readonly path: Path;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the workload's controller adds to the pods (`pod-template-hash`, `job-name`, ...): selectors may name them. */
  readonly controllerLabels: ControllerLabels;
  readonly spec: PodSpec;
  /** Desired pods; undefined when it depends on the cluster (DaemonSet: one per node). */
  readonly replicas: number | undefined;
  readonly containers: readonly ContainerRef[];
  /** A node below the pod spec, e.g. `template.node('volumes', 0)`. */
  node(...path: PathSegment[]): NodeRef;
}

const TEMPLATE_PATHS: ReadonlyMap<string, Path> = new Map(Object.entries({
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Rollout: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
}));

const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'argoproj.io', 'apps.openshift.io', 'extensions']);

function get(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** Where the pod template sits: known workloads, plus any custom kind embedding `spec.template`. */
function templatePath(resource: Resource): Path | undefined {
  const known = TEMPLATE_PATHS.get(resource.kind);
  if (known && BUILT_IN_GROUPS.has(resource.group)) return known;
  const spec = get(resource.value, ['spec', 'template', 'spec']);
  if (resource.group !== '' && isRecord(spec) && Array.isArray(spec.containers)) return ['spec', 'template'];
  return undefined;
}

function replicasOf(resource: Resource): number | undefined {
  const spec = get(resource.value, ['spec']) as Record<string, unknown> | undefined;
  switch (resource.kind) {
    case 'Pod':
      return 1;
    case 'DaemonSet':
      return undefined;
    case 'Job':
      return jobActivePods(spec);
    case 'CronJob':
      return jobActivePods(get(spec, ['jobTemplate', 'spec']));
    default:
      return typeof spec?.replicas === 'number' ? spec.replicas : 1;
  }
}

/** Labels with values as strings, in a null-prototype object (keys such as `constructor` are data). */
function stringLabels(value: unknown): Record<string, string> {
  const labels: Record<string, string> = Object.create(null);
  if (!isRecord(value)) return labels;
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) labels[k] = scalarText(v);
  return labels;
}

export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  if (resource.namespace === undefined) return undefined;
  const path = templatePath(resource);
  return path ? templateAt(resource, path) : undefined;
}

/**
 * The template of a core/v1 PodTemplate object: the API server validates it as it does a workload's
 * (`ValidatePodTemplate`), but it creates no pods, so the index does not list it among the pod templates.
 */
export function podTemplateObject(resource: Resource): PodTemplate | undefined {
  if (resource.kind !== 'PodTemplate' || resource.group !== '' || resource.namespace === undefined) return undefined;
  return templateAt(resource, ['template']);
}

/**
 * A template as the index keeps it for the whole run (one per workload): paths and `node` come
 * from the prototype, computed when asked, instead of arrays and a closure per template and container.
 */
class Template implements PodTemplate {
  constructor(
    readonly owner: Resource,
    readonly path: Path,
    readonly namespace: string,
    readonly labels: Readonly<Record<string, string>>,
    readonly controllerLabels: ControllerLabels,
    readonly spec: PodSpec,
    readonly replicas: number | undefined,
    readonly containers: readonly ContainerRef[],
  ) {}

  node(...path: PathSegment[]): NodeRef {
    return this.owner.node(...this.path, 'spec', ...path);
  }
}

class Entry implements ContainerRef {
  private made: Path | undefined = undefined;

  constructor(
    readonly container: Container,
    readonly group: ContainerGroup,
    readonly index: number,
    private readonly templatePath: Path,
  ) {}

  /** Made on first use and kept (frozen: every rule reading it shares it); most rules read it. */
  get path(): Path {
    return (this.made ??= Object.freeze(this.templatePath.concat('spec', this.group, this.index)));
  }
}

function entries(spec: PodSpec, path: Path): ContainerRef[] {
  const containers: ContainerRef[] = [];
  for (const group of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const list = spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isRecord(container)) containers.push(new Entry(container as Container, group, index, path));
    });
  }
  // Most pods have one group: its list without the spare capacity that push leaves.
  return containers.slice();
}

function templateAt(resource: Resource, path: Path): PodTemplate | undefined {
  const template = get(resource.value, path);
  if (!isRecord(template) || !isRecord(template.spec)) return undefined;
  const spec = template.spec as unknown as PodSpec;
  const labels = stringLabels(get(template, ['metadata', 'labels']));
  return new Template(resource, path, resource.namespace!, labels, controllerPodLabels(resource), spec, replicasOf(resource), entries(spec, path));
}

/** Volume name -> the containers that mount it (volumeMounts or volumeDevices), in template order. */
export function volumeUsers(template: PodTemplate): Map<string, ContainerRef[]> {
  const users = new Map<string, ContainerRef[]>();
  for (const ref of template.containers) {
    for (const mounts of [ref.container.volumeMounts, ref.container.volumeDevices]) {
      for (const m of Array.isArray(mounts) ? mounts : []) {
        if (!isRecord(m) || typeof m.name !== 'string') continue;
        const refs = users.get(m.name);
        if (!refs) users.set(m.name, [ref]);
        else if (refs[refs.length - 1] !== ref) refs.push(ref);
      }
    }
  }
  return users;
}

/** A container port as the API server stores it: fields of the wrong type left out (schema-violation reports them). */
export interface DeclaredPort {
  readonly name?: string;
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  /** Defaulted to `TCP` (SetDefaults_ContainerPort). */
  readonly protocol: string;
  /** Position in `ports`. */
  readonly index: number;
}

/**
 * Ports a container declares, with the protocol defaulted as the API server does. Read afresh on
 * each call (a few small objects that die young): rules of other objects ask too (Services,
 * Ingresses, the run's host-port table), so a memo would have to keep every container's ports for
 * the whole run.
 */
export function containerPorts(container: Container): DeclaredPort[] {
  return Array.isArray(container.ports) ? readPorts(container.ports) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function readPorts(ports: readonly unknown[]): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  ports.forEach((port: unknown, index) => {
    if (!isRecord(port)) return;
    out.push({
      name: text(port.name),
      containerPort: number(port.containerPort),
      hostPort: number(port.hostPort),
      hostIP: text(port.hostIP),
      protocol: text(port.protocol) ?? 'TCP',
      index,
    });
  });
  return out;
}
