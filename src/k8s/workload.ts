/**
 * Facts about workloads that the pod-level rules share: how many pods a template runs (with
 * HorizontalPodAutoscalers; probe ports live in probes.ts), which volumes its containers
 * mount, and which claims, host ports and pinned images every template of the run uses. Run-wide
 * tables are built once per ResourceIndex (a WeakMap memo), so each rule does one lookup per use.
 *
 * Evidence (kubernetes/kubernetes): pkg/probe/util.go `ResolveContainerPort` (a named probe or
 * httpGet hook port is looked up in the probed container's own `ports` only); pkg/apis/core/v1
 * defaults.go `defaultHostNetworkPorts` (hostNetwork: hostPort = containerPort);
 * pkg/scheduler/framework/types.go `HostPortInfo.CheckConflict` (empty hostIP = 0.0.0.0, which
 * conflicts with every IP; empty protocol = TCP).
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { parseImageReference, type ImageReference } from './image-reference.js';
import { containerPorts, type ContainerRef, type PodTemplate } from './pod-template.js';

const NOUN = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' } as const;
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const owner = (template: PodTemplate) => `${template.owner.kind} \`${template.owner.name}\``;

/** "Deployment `web` container `app`", for messages. */
export function containerLabel(template: PodTemplate, ref: ContainerRef): string {
  return `${owner(template)} ${NOUN[ref.group]} \`${String(ref.container.name ?? ref.index)}\``;
}

/** The same, with " in namespace `x`" when it differs from `namespace`. */
export function containerLabelFrom(namespace: string, template: PodTemplate, ref: ContainerRef): string {
  return containerLabel(template, ref) + (template.namespace === namespace ? '' : ` in namespace \`${template.namespace}\``);
}

/** Containers that run for the pod's lifetime and may have probes and hooks: regular ones and sidecars. */
export function isLongRunning(ref: ContainerRef): boolean {
  return ref.group === 'containers' || (ref.group === 'initContainers' && ref.container.restartPolicy === 'Always');
}

export interface PodCount {
  /** Pods running at once; undefined = one per node (DaemonSet). */
  readonly count: number | undefined;
  /** "3 replicas", "one pod per node", "up to 5 replicas (HorizontalPodAutoscaler `web`)". */
  readonly text: string;
}

const hpaMemo = new WeakMap<ResourceIndex, Map<string, Resource>>();

function autoscalers(index: ResourceIndex): Map<string, Resource> {
  let map = hpaMemo.get(index);
  if (map) return map;
  hpaMemo.set(index, (map = new Map()));
  for (const hpa of index.list('HorizontalPodAutoscaler')) {
    const spec = (hpa.value as { spec?: unknown }).spec;
    const target = isRecord(spec) && isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
    if (target && typeof target.kind === 'string' && typeof target.name === 'string') map.set(`${hpa.namespace}|${target.kind}|${target.name}`, hpa);
  }
  return map;
}

/** How many pods the template runs: its replicas, or an autoscaler's maxReplicas when higher. */
export function podCount(index: ResourceIndex, template: PodTemplate): PodCount {
  const { replicas } = template;
  if (replicas === undefined) return { count: undefined, text: 'one pod per node' };
  const hpa = autoscalers(index).get(`${template.namespace}|${template.owner.kind}|${template.owner.name}`);
  const spec = hpa && (hpa.value as { spec?: { maxReplicas?: unknown } }).spec;
  const max = typeof spec?.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (hpa && max > replicas) return { count: max, text: `up to ${max} replicas (HorizontalPodAutoscaler \`${hpa.name}\`)` };
  const noun = ['Job', 'CronJob'].includes(template.owner.kind) ? 'parallel pods' : 'replicas';
  return { count: replicas, text: `${replicas} ${replicas === 1 ? noun.replace(/s$/, '') : noun}` };
}

/** More than one pod at once, possibly on different nodes. */
export function runsSeveralPods(count: PodCount): boolean {
  return count.count === undefined || count.count > 1;
}

export interface MountRef {
  readonly ref: ContainerRef;
  readonly field: 'volumeMounts' | 'volumeDevices';
  readonly index: number;
  readonly name: unknown;
  /** `mountPath` or `devicePath`. */
  readonly target: unknown;
  readonly readOnly: boolean;
  /** Path of the mount entry from the owner's root. */
  readonly path: Path;
}

export function mountsOf(ref: ContainerRef): MountRef[] {
  const out: MountRef[] = [];
  for (const field of ['volumeMounts', 'volumeDevices'] as const) {
    list(ref.container[field]).forEach((mount, index) => {
      if (!isRecord(mount)) return;
      const target = field === 'volumeMounts' ? mount.mountPath : mount.devicePath;
      out.push({ ref, field, index, name: mount.name, target, readOnly: mount.readOnly === true, path: [...ref.path, field, index] });
    });
  }
  return out;
}

/** Names of a StatefulSet's volumeClaimTemplates (each becomes a pod volume of that name). */
export function claimTemplateNames(resource: Resource): string[] {
  if (resource.kind !== 'StatefulSet' || resource.group !== 'apps') return [];
  const spec = (resource.value as { spec?: unknown }).spec;
  const templates = isRecord(spec) ? list(spec.volumeClaimTemplates) : [];
  return templates.flatMap((t) => (isRecord(t) && isRecord(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : []));
}

export interface ClaimUse {
  readonly template: PodTemplate;
  readonly claim: string;
  readonly volume: string;
  /** Path of `claimName` from the owner's root. */
  readonly path: Path;
  /** `persistentVolumeClaim.readOnly: true`: the volume is attached and mounted read-only. */
  readonly sourceReadOnly: boolean;
  /** Mounts of the volume; volumes no container mounts are not listed (the kubelet skips them). */
  readonly mounts: readonly MountRef[];
}

/** `persistentVolumeClaim` volumes of the template that some container mounts. */
export function claimUses(template: PodTemplate): ClaimUse[] {
  const replaced = new Set(claimTemplateNames(template.owner));
  const mounts = template.containers.flatMap(mountsOf);
  const out: ClaimUse[] = [];
  list(template.spec.volumes).forEach((volume, i) => {
    if (!isRecord(volume) || typeof volume.name !== 'string' || replaced.has(volume.name) || !isRecord(volume.persistentVolumeClaim)) return;
    const { claimName, readOnly } = volume.persistentVolumeClaim;
    const users = mounts.filter((m) => m.name === volume.name);
    if (typeof claimName !== 'string' || claimName === '' || users.length === 0) return;
    const path = [...template.path, 'spec', 'volumes', i, 'persistentVolumeClaim', 'claimName'];
    out.push({ template, claim: claimName, volume: volume.name, path, sourceReadOnly: readOnly === true, mounts: users });
  });
  return out;
}

const claimMemo = new WeakMap<ResourceIndex, Map<string, ClaimUse[]>>();

/** Every use of claim `name` in `namespace` by the run's pod templates. */
export function claimUsers(index: ResourceIndex, namespace: string, name: string): readonly ClaimUse[] {
  let map = claimMemo.get(index);
  if (!map) {
    claimMemo.set(index, (map = new Map()));
    for (const template of index.podTemplates()) for (const use of claimUses(template)) push(map, `${template.namespace}|${use.claim}`, use);
  }
  return map.get(`${namespace}|${name}`) ?? [];
}

export interface HostPortUse {
  readonly template: PodTemplate;
  readonly ref: ContainerRef;
  readonly hostPort: number;
  readonly protocol: string;
  /** `0.0.0.0` when unset. */
  readonly hostIP: string;
  /** Path of the `hostPort` value (of `containerPort` when hostNetwork supplies the host port). */
  readonly path: Path;
}

/** Host ports the template's pods claim on their node (regular and sidecar containers). */
export function hostPortUses(template: PodTemplate): HostPortUse[] {
  const hostNetwork = template.spec.hostNetwork === true;
  return template.containers.filter(isLongRunning).flatMap((ref) =>
    containerPorts(ref.container).flatMap((port) => {
      const explicit = typeof port.hostPort === 'number' && port.hostPort > 0;
      const hostPort = explicit ? port.hostPort! : hostNetwork ? port.containerPort : undefined;
      if (typeof hostPort !== 'number' || hostPort <= 0) return [];
      const hostIP = typeof port.hostIP === 'string' && port.hostIP !== '' ? port.hostIP : '0.0.0.0';
      const path = [...ref.path, 'ports', port.index, explicit ? 'hostPort' : 'containerPort'];
      return [{ template, ref, hostPort, protocol: String(port.protocol), hostIP, path }];
    }),
  );
}

const hostPortMemo = new WeakMap<ResourceIndex, Map<string, HostPortUse[]>>();

/** Uses of the same port/protocol by other pod templates of the run whose IPs overlap (any namespace). */
export function hostPortConflicts(index: ResourceIndex, use: HostPortUse): HostPortUse[] {
  let map = hostPortMemo.get(index);
  if (!map) {
    hostPortMemo.set(index, (map = new Map()));
    for (const template of index.podTemplates()) {
      if (template.replicas !== 0) for (const other of hostPortUses(template)) push(map, `${other.hostPort}/${other.protocol}`, other);
    }
  }
  const overlaps = (a: string, b: string) => a === '0.0.0.0' || b === '0.0.0.0' || a === b;
  return (map.get(`${use.hostPort}/${use.protocol}`) ?? []).filter((o) => o.template !== use.template && overlaps(o.hostIP, use.hostIP));
}

/** "8080/TCP" or "10.0.0.1:8080/TCP". */
export function formatHostPort(use: HostPortUse): string {
  return `${use.hostIP === '0.0.0.0' ? '' : `${use.hostIP}:`}${use.hostPort}/${use.protocol}`;
}

/** The repository an image reference names, normalised (`nginx` = `docker.io/library/nginx`). */
export function repositoryOf(reference: ImageReference): string {
  const hub = reference.domain === undefined || reference.domain === 'docker.io' || reference.domain === 'index.docker.io';
  if (!hub) return `${reference.domain}/${reference.path}`;
  return `docker.io/${reference.path.includes('/') ? '' : 'library/'}${reference.path}`;
}

export interface PinnedImage {
  readonly image: string;
  readonly template: PodTemplate;
}

const pinnedMemo = new WeakMap<ResourceIndex, Map<string, PinnedImage>>();

/** The first image of the run that pins `repository` to a tag other than `latest` or to a digest. */
export function pinnedImage(index: ResourceIndex, repository: string): PinnedImage | undefined {
  let map = pinnedMemo.get(index);
  if (!map) {
    pinnedMemo.set(index, (map = new Map()));
    for (const template of index.podTemplates()) {
      for (const { container } of template.containers) {
        if (typeof container.image !== 'string') continue;
        const parsed = parseImageReference(container.image);
        if (!parsed.ok || (parsed.reference.digest === undefined && (parsed.reference.tag ?? 'latest') === 'latest')) continue;
        const key = repositoryOf(parsed.reference);
        if (!map.has(key)) map.set(key, { image: container.image, template });
      }
    }
  }
  return map.get(repository);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const existing = map.get(key);
  if (existing) existing.push(value);
  else map.set(key, [value]);
}
