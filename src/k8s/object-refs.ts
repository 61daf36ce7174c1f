/**
 * References from custom resources to other objects by kind, namespace and name (a Flux source, an
 * ExternalSecret's store, a KEDA TriggerAuthentication, an Argo AnalysisTemplate): whether the
 * target exists and, when it does not, how sure the run can be that it is missing.
 *
 * A manifest set rarely holds every object of a cluster: an operator's shared objects (a
 * ClusterSecretStore, the Flux bootstrap GitRepository, an Istio ingress Gateway) are often
 * installed from another repository. So a miss is certain (`managed`) only when the run defines
 * objects of that kind in that namespace (or, for cluster-scoped kinds, at all) — the set then
 * manages them — or the name exists in another namespace; otherwise rules report a warning.
 */
import type { ResourceIndex } from '../resource-index.js';
import { closest } from './suggest.js';

const LISTED = 5;

export interface MissingReference {
  /** The run manages objects of this kind there: the reference is a mistake, not an object from elsewhere. */
  readonly managed: boolean;
  /** "; did you mean `x`?", where the name exists instead, or what the namespace defines — ready to append. */
  readonly hint: string;
  /** The namespace where an object of that kind and name exists instead. */
  readonly elsewhere?: string;
}

/** `Kind` of `group/Kind`. */
export function kindName(kindRef: string): string {
  return kindRef.slice(kindRef.lastIndexOf('/') + 1);
}

/** Undefined when `kindRef` `namespace/name` exists (defined, provided by another object, or declared external). */
export function missingReference(index: ResourceIndex, kindRef: string, namespace: string | undefined, name: string): MissingReference | undefined {
  if (index.exists(kindRef, namespace, name)) return undefined;
  const kind = kindName(kindRef);
  const names = index.names(kindRef, namespace);
  const guess = closest(name, names);
  if (guess !== undefined) return { managed: true, hint: `; did you mean \`${guess}\`?` };
  const elsewhere = namespace === undefined ? undefined : index.named(kindRef, name).find((r) => r.namespace !== namespace);
  if (elsewhere) return { managed: true, hint: `; ${kind} \`${name}\` exists in namespace \`${elsewhere.namespace}\``, elsewhere: elsewhere.namespace };
  const where = namespace === undefined ? 'the manifests define' : `namespace \`${namespace}\` defines`;
  if (names.length === 0) return { managed: false, hint: `; ${where} no ${kind}` };
  const sorted = [...names].sort();
  const shown = sorted.slice(0, LISTED).map((n) => `\`${n}\``).join(', ');
  return { managed: true, hint: `; ${where} ${kind} ${shown}${sorted.length > LISTED ? ', …' : ''}` };
}

/** A kind with a cluster-wide twin: SecretStore / ClusterSecretStore, AnalysisTemplate / ClusterAnalysisTemplate. */
export interface ScopedKinds {
  readonly namespaced: string;
  readonly cluster: string;
}

export interface MissingScopedReference extends MissingReference {
  /** `Kind` the reference names. */
  readonly kind: string;
  /** " in namespace `x`" for the namespaced kind, "" for the cluster one. */
  readonly where: string;
}

/**
 * `missingReference` for a reference that names the namespaced kind or, when `cluster`, its
 * cluster-wide twin; when the name exists as the twin, the hint says to switch (`switchTo`, e.g.
 * "`kind: ClusterSecretStore`") and the miss counts as certain.
 */
export function missingScopedReference(
  index: ResourceIndex, kinds: ScopedKinds, cluster: boolean, namespace: string | undefined, name: string, switchTo: string,
): MissingScopedReference | undefined {
  const kindRef = cluster ? kinds.cluster : kinds.namespaced;
  const missing = missingReference(index, kindRef, cluster ? undefined : namespace, name);
  if (!missing) return undefined;
  const twin = cluster ? kinds.namespaced : kinds.cluster;
  const twinExists = cluster ? namespace !== undefined && index.exists(twin, namespace, name) : index.exists(twin, undefined, name);
  return {
    kind: kindName(kindRef),
    where: cluster ? '' : ` in namespace \`${namespace}\``,
    managed: missing.managed || twinExists,
    hint: twinExists ? `; ${kindName(twin)} \`${name}\` exists: set ${switchTo}` : missing.hint,
  };
}
