/**
 * What the run knows about the object a pod reference names: whether it exists in the pod's
 * namespace (defined, created by a controller, built in), which keys it will hold, and the texts
 * the `missing-*` rules report when it does not.
 */
import { edit } from '../fix/edits.js';
import type { NodeRef } from '../model.js';
import type { ReportOptions } from '../rule-api.js';
import { isRecord, type Resource } from '../resource.js';
import type { Provider, ResourceIndex } from '../resource-index.js';
import { otherNamespace, suggestName } from './missing-hints.js';
import type { PodTemplate } from './pod-template.js';
import { claimTemplateNames, list, type KeyReference, type PodReference, type ReferencedKind } from './references.js';
import { closest } from './suggest.js';

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
