/**
 * References from a pod template to ConfigMaps, Secrets and PersistentVolumeClaims: one walk over
 * the template; the `missing-*` rules filter it by kind. What the run knows about the objects they
 * name is in reference-resolution.ts.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import { RecentMemo } from './memo.js';
import { volumeUsers, type ContainerRef, type PodTemplate } from './pod-template.js';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
export type ReferenceSource = 'volume' | 'projected' | 'envFrom' | 'env' | 'imagePullSecrets';

export interface KeyReference {
  readonly key: string;
  /** Path of the key value from the owner's root. */
  readonly path: Path;
}

export interface PodReference {
  readonly kind: ReferencedKind;
  readonly name: string;
  readonly source: ReferenceSource;
  /** How the pod reads it, for messages: "from envFrom", "from env `PORT`", "through volume `config`". */
  readonly where: string;
  /** Containers that read it; for a volume, those that mount it. */
  readonly containers: readonly ContainerRef[];
  /** A volume that no container mounts: the kubelet never sets it up (the scheduler still checks its claim). */
  readonly unused: boolean;
  readonly optional: boolean;
  /** Path of the name value from the owner's root: `resource.node(...ref.path)`. */
  readonly path: Path;
  /** Keys the pod reads (env key refs, volume `items`); empty when it reads the whole object. */
  readonly keys: readonly KeyReference[];
}

/** Only the object's own rules ask (missing-configmap, -secret, -pvc, in turn): one template is enough. */
const recent = new RecentMemo<PodTemplate, readonly PodReference[]>();

/**
 * Every ConfigMap, Secret and PVC reference of the template, in document order. Three rules of the
 * template's owner ask for it in turn, so the walk is done once per object; it is not kept longer.
 */
export function podReferences(template: PodTemplate): readonly PodReference[] {
  return recent.get(template) ?? recent.set(template, walkReferences(template));
}

/**
 * Appends the reference that `owner[field]` makes (named by its `nameField`), if it names
 * something; the reference's paths are built only then.
 */
function addReference(
  out: PodReference[], kind: ReferencedKind, source: ReferenceSource, where: string, containers: readonly ContainerRef[],
  owner: Record<string, unknown>, field: string | undefined, base: Path, nameField: string, keyField?: string,
): void {
  const object = field === undefined ? owner : owner[field];
  if (!isRecord(object)) return;
  const name = object[nameField];
  if (typeof name !== 'string' || name === '') return;
  const path = field === undefined ? base : base.concat(field);
  const keys: KeyReference[] = [];
  const key = keyField === undefined ? undefined : object[keyField];
  if (typeof key === 'string') keys.push({ key, path: path.concat(keyField!) });
  const items = object.items;
  if (Array.isArray(items)) {
    for (let k = 0; k < items.length; k++) {
      const item: unknown = items[k];
      if (isRecord(item) && typeof item.key === 'string') keys.push({ key: item.key, path: path.concat('items', k, 'key') });
    }
  }
  const optional = object.optional === true;
  const unused = (source === 'volume' || source === 'projected') && containers.length === 0;
  out.push({ kind, name, source, where, containers, unused, optional, path: path.concat(nameField), keys });
}

const NO_CONTAINERS: readonly ContainerRef[] = Object.freeze([]);

/** Plain loops, and no path or text built for the entries that reference nothing: a cold run interprets this once per template. */
function walkReferences(template: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  const spec = template.spec as unknown as Record<string, unknown>;
  const specPath = template.path.concat('spec');
  const volumes = spec.volumes;
  if (Array.isArray(volumes) && volumes.length > 0) {
    const replaced = claimTemplateNames(template.owner);
    const mounted = volumeUsers(template);
    for (let i = 0; i < volumes.length; i++) {
      const volume: unknown = volumes[i];
      // A StatefulSet replaces a template volume named like one of its volumeClaimTemplates.
      if (!isRecord(volume) || typeof volume.name !== 'string' || replaced.has(volume.name)) continue;
      const projected = isRecord(volume.projected) ? volume.projected.sources : undefined;
      if (volume.configMap === undefined && volume.secret === undefined && volume.persistentVolumeClaim === undefined && !Array.isArray(projected)) continue;
      const name = volume.name;
      const users = mounted.get(name) ?? [];
      const base = specPath.concat('volumes', i);
      const where = `through volume \`${name}\``;
      addReference(out, 'ConfigMap', 'volume', where, users, volume, 'configMap', base, 'name');
      addReference(out, 'Secret', 'volume', where, users, volume, 'secret', base, 'secretName');
      addReference(out, 'PersistentVolumeClaim', 'volume', where, users, volume, 'persistentVolumeClaim', base, 'claimName');
      if (!Array.isArray(projected)) continue;
      const via = `through projected volume \`${name}\``;
      for (let j = 0; j < projected.length; j++) {
        const source: unknown = projected[j];
        if (!isRecord(source)) continue;
        const path = base.concat('projected', 'sources', j);
        addReference(out, 'ConfigMap', 'projected', via, users, source, 'configMap', path, 'name');
        addReference(out, 'Secret', 'projected', via, users, source, 'secret', path, 'name');
      }
    }
  }

  const { containers } = template;
  for (let c = 0; c < containers.length; c++) {
    const ref = containers[c];
    const { container } = ref;
    let self: readonly ContainerRef[] | undefined;
    const envFrom = container.envFrom as unknown;
    if (Array.isArray(envFrom)) {
      for (let j = 0; j < envFrom.length; j++) {
        const from: unknown = envFrom[j];
        if (!isRecord(from)) continue;
        const path = ref.path.concat('envFrom', j);
        self ??= [ref];
        addReference(out, 'ConfigMap', 'envFrom', 'from envFrom', self, from, 'configMapRef', path, 'name');
        addReference(out, 'Secret', 'envFrom', 'from envFrom', self, from, 'secretRef', path, 'name');
      }
    }
    const env = container.env as unknown;
    if (Array.isArray(env)) {
      for (let j = 0; j < env.length; j++) {
        const entry: unknown = env[j];
        if (!isRecord(entry) || !isRecord(entry.valueFrom)) continue;
        const path = ref.path.concat('env', j, 'valueFrom');
        const where = `from env \`${String(entry.name)}\``;
        self ??= [ref];
        addReference(out, 'ConfigMap', 'env', where, self, entry.valueFrom, 'configMapKeyRef', path, 'name', 'key');
        addReference(out, 'Secret', 'env', where, self, entry.valueFrom, 'secretKeyRef', path, 'name', 'key');
      }
    }
  }

  const pullSecrets = spec.imagePullSecrets;
  if (Array.isArray(pullSecrets)) {
    for (let j = 0; j < pullSecrets.length; j++) {
      const secret: unknown = pullSecrets[j];
      if (isRecord(secret)) addReference(out, 'Secret', 'imagePullSecrets', 'from imagePullSecrets', NO_CONTAINERS, secret, undefined, specPath.concat('imagePullSecrets', j), 'name');
    }
  }
  return out;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The names of a StatefulSet's volumeClaimTemplates (its template volumes of those names are replaced). */
export function claimTemplateNames(owner: Resource): Set<string> {
  if (owner.kind !== 'StatefulSet' || owner.group !== 'apps') return new Set();
  const spec = (owner.value as Record<string, unknown>).spec;
  const templates = isRecord(spec) ? list(spec.volumeClaimTemplates) : [];
  return new Set(templates.flatMap((t) => (isRecord(t) && isRecord(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : [])));
}
