/**
 * The pod as the PodSecurity checks read it: metadata, spec and its containers in the order of
 * upstream `visitContainers` (init containers, containers, ephemeral containers), each with its path
 * from the pod object's root (`['spec', 'containers', 0]`), so a violation can point at its field.
 */
import type { Path } from '../../model.js';
import { isRecord } from '../../resource.js';

export { isRecord };

export type Obj = Readonly<Record<string, unknown>>;

export interface PodContainer {
  readonly name: string;
  readonly value: Obj;
  readonly path: Path;
  /** `securityContext`, or an empty object. */
  readonly context: Obj;
}

export interface PodView {
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Obj;
  /** `spec.securityContext`, or an empty object. */
  readonly context: Obj;
  readonly containers: readonly PodContainer[];
}

/** Where a check found a problem: a path from the pod object's root, and the upstream detail for it. */
export interface Site {
  readonly path: Path;
  readonly detail: string;
}

const EMPTY: Obj = Object.freeze({});

export function record(value: unknown): Obj {
  return isRecord(value) ? value : EMPTY;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The pod (or pod template) object `{metadata, spec}`. */
export function podView(pod: Obj): PodView {
  const spec = record(pod.spec);
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(record(record(pod.metadata).annotations))) {
    if (typeof value === 'string') annotations[key] = value;
  }
  const containers: PodContainer[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    list(spec[group]).forEach((value, index) => {
      if (!isRecord(value)) return;
      const name = typeof value.name === 'string' ? value.name : '';
      containers.push({ name, value, path: ['spec', group, index], context: record(value.securityContext) });
    });
  }
  return { annotations, spec, context: record(spec.securityContext), containers };
}

/** `container "web"`, the subject of a per-container detail. */
export function containerSubject(container: PodContainer): string {
  return `container "${container.name}"`;
}

/** Upstream `spec.os.name == windows`: from policy 1.25, some restricted checks skip Windows pods. */
export function isWindowsPod(pod: PodView): boolean {
  return record(pod.spec.os).name === 'windows';
}

/** `spec.hostUsers: false`: from policy 1.35, user-namespace pods relax runAsNonRoot, runAsUser and baseline procMount. */
export function inUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

/** The value at `path` below a security context. */
export function at(context: Obj, path: readonly string[]): unknown {
  let value: unknown = context;
  for (const key of path) value = record(value)[key];
  return value;
}

/**
 * The sites of a pod-or-containers setting (seccomp, runAsNonRoot, AppArmor, Windows hostProcess):
 * `bad(value)` says whether the value at `field` (below `securityContext`) is forbidden; unset values
 * are never passed to it.
 */
export function settersOf(pod: PodView, field: readonly string[], bad: (value: unknown) => boolean, detail: (subject: string, value: unknown) => string): Site[] {
  const sites: Site[] = [];
  const podValue = at(pod.context, field);
  if (podValue !== undefined && podValue !== null && bad(podValue)) {
    sites.push({ path: ['spec', 'securityContext', ...field], detail: detail('pod', podValue) });
  }
  for (const container of pod.containers) {
    const value = at(container.context, field);
    if (value !== undefined && value !== null && bad(value)) {
      sites.push({ path: [...container.path, 'securityContext', ...field], detail: detail(containerSubject(container), value) });
    }
  }
  return sites;
}

export type Level = 'privileged' | 'baseline' | 'restricted';

/** What one check inspects, as a function of the pod; `serverMinor` is the API server's minor version. */
export type CheckFn = (pod: PodView, serverMinor: number) => Site[];

export interface VersionedCheck {
  /** The policy minor version (1.x) this implementation applies from. */
  readonly min: number;
  readonly check: CheckFn;
  /** Baseline checks this restricted one replaces from `min` on. */
  readonly overrides?: readonly string[];
}

/** One upstream check (`policy/check_<id>.go`): its id, level, `ForbiddenReason` and versions. */
export interface Check {
  readonly id: string;
  readonly level: Exclude<Level, 'privileged'>;
  readonly reason: string;
  readonly versions: readonly VersionedCheck[];
}
