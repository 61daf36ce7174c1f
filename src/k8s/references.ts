/**
 * References from a pod template to ConfigMaps, Secrets and PersistentVolumeClaims, and what the
 * run knows about the objects they name (defined, created by a controller, built in; their keys).
 * One walk over the template; the `missing-*` rules filter it by kind.
 */
import { edit } from '../fix/edits.js';
import type { NodeRef, Path } from '../model.js';
import type { ReportOptions } from '../rule-api.js';
import { isRecord, type Resource } from '../resource.js';
import type { Provider, ResourceIndex } from '../resource-index.js';
import { RecentMemo } from './memo.js';
import { otherNamespace, suggestName } from './missing-hints.js';
import { volumeUsers, type ContainerRef, type PodTemplate } from './pod-template.js';
import { closest } from './suggest.js';

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
 * something; paths are built only then (most volumes and env entries reference nothing). `base` is
 * the owner's path, or a function that makes it (built once a reference is found).
 */
function addReference(
  out: PodReference[], kind: ReferencedKind, source: ReferenceSource, where: string | (() => string), containers: readonly ContainerRef[],
  owner: Record<string, unknown>, field: string | undefined, base: Path | (() => Path), nameField: string, keyField?: string,
): void {
  const object = field === undefined ? owner : owner[field];
  if (!isRecord(object)) return;
  const name = object[nameField];
  if (typeof name !== 'string' || name === '') return;
  const ownerPath = typeof base === 'function' ? base() : base;
  const path = field === undefined ? ownerPath : ownerPath.concat(field);
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
  out.push({ kind, name, source, where: typeof where === 'function' ? where() : where, containers, unused, optional, path: path.concat(nameField), keys });
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
        const path = () => ref.path.concat('envFrom', j);
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
        const path = () => ref.path.concat('env', j, 'valueFrom');
        const where = () => `from env \`${String(entry.name)}\``;
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
      if (isRecord(secret)) addReference(out, 'Secret', 'imagePullSecrets', 'from imagePullSecrets', NO_CONTAINERS, secret, undefined, () => specPath.concat('imagePullSecrets', j), 'name');
    }
  }
  return out;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function claimTemplateNames(owner: Resource): Set<string> {
  if (owner.kind !== 'StatefulSet' || owner.group !== 'apps') return new Set();
  const spec = (owner.value as Record<string, unknown>).spec;
  const templates = isRecord(spec) ? list(spec.volumeClaimTemplates) : [];
  return new Set(templates.flatMap((t) => (isRecord(t) && isRecord(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : [])));
}

/** The keys a reference can read from an object; undefined when the run cannot know them. */
export interface KeyFacts {
  readonly keys: readonly string[];
  /** Keys the object holds that this reference cannot read (ConfigMap `binaryData` from env). */
  readonly unreadable: readonly string[];
  /** The controller that writes the keys, e.g. "SealedSecret `db`". */
  readonly from?: string;
}

export type Resolution =
  | { readonly exists: true; readonly keys: KeyFacts | undefined }
  | {
      readonly exists: false;
      readonly otherNamespace: string | undefined;
      readonly suggestion: string | undefined;
      /** The claim name is a volumeClaimTemplate of the owning StatefulSet, not one of its claims. */
      readonly claimTemplateOf: string | undefined;
    };

/** Objects that every namespace of every cluster has, with their keys. */
const BUILT_IN: ReadonlyMap<ReferencedKind, ReadonlyMap<string, readonly string[]>> = new Map([
  ['ConfigMap', new Map([['kube-root-ca.crt', ['ca.crt']]])],
]);

/** Whether the object a reference names exists in the pod's namespace and which keys it will hold. */
export function resolveReference(index: ResourceIndex, template: PodTemplate, ref: PodReference): Resolution {
  const { namespace, owner } = template;
  const defined = index.getAll(ref.kind, namespace, ref.name);
  const provider = index.provider(ref.kind, namespace, ref.name);
  const builtIn = BUILT_IN.get(ref.kind)?.get(ref.name);
  if (defined.length === 0 && !provider && !builtIn) {
    const claimTemplateOf = ref.kind === 'PersistentVolumeClaim' && claimTemplateNames(owner).has(ref.name) ? owner.name : undefined;
    const suggestion = suggestName(index, ref.kind, namespace, ref.name, BUILT_IN.get(ref.kind)?.keys() ?? []);
    return { exists: false, otherNamespace: otherNamespace(index, ref.kind, namespace, ref.name), suggestion, claimTemplateOf };
  }
  if (defined.length === 0 && !provider) return { exists: true, keys: { keys: builtIn ?? [], unreadable: [] } };
  // Keys in order of the objects, then the provider's; each once.
  const keys = new Set<string>();
  const unreadable = new Set<string>();
  for (const object of defined) addDefinedKeys(object, ref, keys, unreadable);
  let from: string | undefined;
  if (provider) {
    const provided = providedKeys(provider);
    if (provided === undefined) return { exists: true, keys: undefined };
    for (const key of provided.keys) keys.add(key);
    for (const key of provided.unreadable) unreadable.add(key);
    if (defined.length === 0) from = provided.from;
  }
  return { exists: true, keys: { keys: [...keys], unreadable: [...unreadable], from } };
}

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

function addKeys(value: unknown, into: Set<string>): void {
  if (isRecord(value)) for (const key of Object.keys(value)) into.add(key);
}

/** Adds the keys `object` holds for `ref` to `keys`, and those it holds but `ref` cannot read to `unreadable`. */
function addDefinedKeys(object: Resource, ref: PodReference, keys: Set<string>, unreadable: Set<string>): void {
  const value = object.value as Record<string, unknown>;
  if (ref.kind === 'ConfigMap') {
    // Environment variables read `data` only; volumes read `data` and `binaryData`.
    addKeys(value.data, keys);
    addKeys(value.binaryData, ref.source === 'env' ? unreadable : keys);
    return;
  }
  // The API server merges `stringData` into `data`; the token controller fills token Secrets.
  addKeys(value.data, keys);
  addKeys(value.stringData, keys);
  if (value.type === 'kubernetes.io/service-account-token') for (const key of TOKEN_KEYS) keys.add(key);
}

const TOKEN_KEYS = ['ca.crt', 'namespace', 'token'];

/** Keys of a Secret a controller will write, when its manifest says; undefined when unknown. */
function providedKeys(provider: Provider): KeyFacts | undefined {
  if (!provider.resource) return undefined; // declared in configuration: its keys are unknown
  const value = provider.resource.value as Record<string, unknown>;
  const spec = isRecord(value.spec) ? value.spec : {};
  const from = provider.how;
  switch (`${provider.resource.group}/${provider.resource.kind}`) {
    case 'bitnami.com/SealedSecret': {
      if (!isRecord(spec.encryptedData)) return undefined;
      const template = isRecord(spec.template) ? keysOf(spec.template.data) : [];
      return { keys: [...keysOf(spec.encryptedData), ...template], unreadable: [], from };
    }
    case 'external-secrets.io/ExternalSecret': {
      const target = isRecord(spec.target) ? spec.target : {};
      if (list(spec.dataFrom).length > 0 || target.template !== undefined || !Array.isArray(spec.data)) return undefined;
      const keys = spec.data.flatMap((d) => (isRecord(d) && typeof d.secretKey === 'string' ? [d.secretKey] : []));
      return { keys, unreadable: [], from };
    }
    case 'cert-manager.io/Certificate': {
      if (spec.keystores !== undefined) return undefined;
      const formats = list(spec.additionalOutputFormats).map((f) => (isRecord(f) ? f.type : undefined));
      const extra = [...(formats.includes('DER') ? ['key.der'] : []), ...(formats.includes('CombinedPEM') ? ['tls-combined.pem'] : [])];
      return { keys: ['ca.crt', 'tls.crt', 'tls.key', ...extra], unreadable: [], from };
    }
    default:
      return undefined;
  }
}

export interface MissingKey extends KeyReference {
  /** The key exists but this reference cannot read it (ConfigMap `binaryData` from env). */
  readonly unreadable: boolean;
  /** "keys: `a`, `b`", "keys from SealedSecret `s`: `a`" or "it has no keys", for messages. */
  readonly keys: string;
  /** "; did you mean `x`?" or "". */
  readonly hint: string;
  /** The key it probably meant, when there is one. */
  readonly meant?: string;
}

/** Keys the reference reads that the resolved object will not hold. */
export function missingKeys(ref: PodReference, resolution: Resolution): MissingKey[] {
  if (!resolution.exists || !resolution.keys) return [];
  const facts = resolution.keys;
  if (ref.keys.every(({ key }) => facts.keys.includes(key))) return [];
  const sorted = [...facts.keys].sort();
  const shown = sorted.slice(0, 8).map((k) => `\`${k}\``).join(', ') + (sorted.length > 8 ? `, and ${sorted.length - 8} more` : '');
  const keys = sorted.length === 0 ? 'it has no keys' : `keys${facts.from ? ` from ${facts.from}` : ''}: ${shown}`;
  return ref.keys
    .filter(({ key }) => !facts.keys.includes(key))
    .map(({ key, path }) => {
      const unreadable = facts.unreadable.includes(key);
      const near = unreadable ? undefined : closest(key, facts.keys);
      return { key, path, keys, unreadable, hint: near === undefined ? '' : `; did you mean \`${near}\`?`, ...(near === undefined ? {} : { meant: near }) };
    });
}

/** Placeholders shared by the `missing-*` messages: subject, name, where, namespace. */
export function referenceData(template: PodTemplate, ref: PodReference): { subject: string; name: string; where: string; namespace: string } {
  const owner = `${template.owner.kind} \`${template.owner.name}\``;
  const names = ref.containers.map(({ container, index }) => `\`${container.name ?? index}\``);
  const group = ref.containers[0]?.group;
  const noun = group === 'initContainers' ? 'init container' : group === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  const subject = names.length === 0 ? owner : names.length === 1 ? `${owner} ${noun} ${names[0]}` : `${owner} (containers ${names.join(', ')})`;
  return { subject, name: ref.name, where: ref.where, namespace: template.namespace };
}

/** "; ConfigMap `x` exists in namespace `y`, …", "; did you mean `x`?" or "" after "no … exists". */
export function missingHint(ref: PodReference, resolution: Resolution): string {
  if (resolution.exists) return '';
  if (resolution.claimTemplateOf !== undefined) {
    const set = resolution.claimTemplateOf;
    return `; \`${ref.name}\` is a volumeClaimTemplate of StatefulSet \`${set}\`, whose claims are \`${ref.name}-${set}-<ordinal>\`: mount \`${ref.name}\` directly instead`;
  }
  if (resolution.otherNamespace !== undefined) {
    return `; ${ref.kind} \`${ref.name}\` exists in namespace \`${resolution.otherNamespace}\`, but a pod can only use one from its own namespace`;
  }
  return resolution.suggestion === undefined ? '' : `; did you mean \`${resolution.suggestion}\`?`;
}

/** The name a missing reference probably meant (the "did you mean" of missingHint), if any. */
export function meantName(resolution: Resolution): string | undefined {
  if (resolution.exists || resolution.claimTemplateOf !== undefined || resolution.otherNamespace !== undefined) return undefined;
  return resolution.suggestion;
}

/** Report options offering, in the editor, to write `meant` at `node` instead (`data.meant` fills `messageId`). */
export function useInstead<M extends string>(node: NodeRef, meant: string | undefined, messageId: M): Pick<ReportOptions<M>, 'suggestions'> {
  return meant === undefined ? {} : { suggestions: [{ messageId, data: { meant }, fix: [edit.replace(node, meant)] }] };
}
