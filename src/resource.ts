/** Documents -> Kubernetes objects (with `List` items expanded), each able to point into its YAML. */
import { groupOf, isNamespaced } from './k8s/kinds.js';
import { isApiServerObject } from './k8s/names.js';
import type { ParsedDocument } from './load.js';
import type { NodeRef, Path, PathSegment, ResourceId, SourceFile } from './model.js';

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/**
 * One object of the run. Its identity (apiVersion, kind, name) is read from the value rather than
 * copied: a run may hold a million small objects, and each field costs 8 bytes on every one.
 */
export class Resource<T = KubeObject> {
  /** Effective namespace (`--default-namespace` when unset); undefined for cluster-scoped kinds. Set by `settleNamespaces`. */
  readonly namespace: string | undefined;

  constructor(
    readonly file: SourceFile,
    readonly docIndex: number,
    readonly value: T,
  ) {
    this.namespace = undefined;
  }

  /** Where this object sits in its document: [] or ['items', i] for List members. */
  get basePath(): Path {
    return TOP_LEVEL;
  }

  get apiVersion(): string {
    return (this.value as unknown as KubeObject).apiVersion;
  }

  get kind(): string {
    return (this.value as unknown as KubeObject).kind;
  }

  get group(): string {
    return groupOf(this.apiVersion);
  }

  get name(): string {
    const metadata = (this.value as unknown as KubeObject).metadata;
    return isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : '';
  }

  /** The YAML node at `path` below this object (the nearest existing parent if it is absent). */
  node(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: this.below(path) };
  }

  /** The mapping key of the node at `path`. */
  key(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: this.below(path), key: true };
  }

  /** `path` from the document root (rules call `node` and `key` often: no copy for a whole document). */
  private below(path: PathSegment[]): Path {
    const base = this.basePath;
    return base.length === 0 ? path : [...base, ...path];
  }

  get id(): ResourceId {
    return { apiVersion: this.apiVersion, kind: this.kind, namespace: this.namespace, name: this.name };
  }

  /** `Deployment web` / `Deployment shop/web`, for messages. */
  get label(): string {
    return this.name === '' ? this.kind : `${this.kind} \`${this.name}\``;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as text (`80` -> `"80"`); a map or list, which no scalar field accepts, as its JSON. */
export function scalarText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The own property `key` of a parsed map, never an inherited member such as `constructor`. */
export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function isKubeObject(value: unknown): value is KubeObject {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** Shaped like an object and meant for the API server: not tool configuration (kustomization, kubeconfig, `release-notes/v2`). */
function isAppliedObject(value: unknown): value is KubeObject {
  return isKubeObject(value) && isApiServerObject(value.apiVersion, value.kind);
}

/** CRD scopes declared in the run, keyed `group/Kind`: namespaced unless `scope: Cluster`. */
export function crdScopes(resources: readonly Resource[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const { value } of resources) {
    if (value.kind !== 'CustomResourceDefinition') continue;
    const spec = value.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (isRecord(spec) && typeof spec.group === 'string' && isRecord(spec.names) && typeof spec.names.kind === 'string') {
      scopes.set(`${spec.group}/${spec.names.kind}`, spec.scope !== 'Cluster');
    }
  }
  return scopes;
}

/**
 * The Kubernetes objects of one parsed document, appended to `out`: none for a document that is
 * not a Kubernetes object (a workflow, Helm values, docker-compose); `List` and `*List` items expand.
 * Their namespaces are set once the run is read (`settleNamespaces`): a CRD anywhere in it decides.
 */
export function addResources(out: Resource[], doc: ParsedDocument): void {
  const value = doc.value;
  if (!isAppliedObject(value)) return;
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) => {
      if (isAppliedObject(item)) out.push(new ListItem(doc.file, doc.docIndex, item, i));
    });
  } else {
    out.push(new Resource(doc.file, doc.docIndex, value));
  }
}

/** Sets each object's effective namespace, once every CustomResourceDefinition of the run is known. */
export function settleNamespaces(resources: readonly Resource[], defaultNamespace: string): void {
  const scopes = crdScopes(resources);
  for (const resource of resources) {
    if (!isNamespaced(resource.group, resource.kind, scopes)) continue;
    const metadata = resource.value.metadata;
    const ns = isRecord(metadata) && typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
    (resource as { namespace: string | undefined }).namespace = ns ?? defaultNamespace;
  }
}

/**
 * Kubernetes objects of the parsed documents, namespaces settled. A document whose objects cannot
 * be read is passed to `onError` and skipped.
 */
export function toResources(
  documents: readonly ParsedDocument[],
  defaultNamespace: string,
  onError: (doc: ParsedDocument, error: unknown) => void = (_, error) => { throw error; },
): Resource[] {
  const out: Resource[] = [];
  for (const doc of documents) {
    try {
      addResources(out, doc);
    } catch (error) {
      onError(doc, error);
    }
  }
  settleNamespaces(out, defaultNamespace);
  return out;
}

/** The base path of an object that is a whole document (shared: most objects are). */
const TOP_LEVEL: Path = Object.freeze([]);

/** An item of a `List` document. */
class ListItem extends Resource {
  private readonly path: Path;

  constructor(file: SourceFile, docIndex: number, value: KubeObject, index: number) {
    super(file, docIndex, value);
    this.path = ['items', index];
  }

  override get basePath(): Path {
    return this.path;
  }
}
