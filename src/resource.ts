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

export class Resource<T = KubeObject> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly name: string;
  /** Effective namespace (`--default-namespace` when unset); undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;

  constructor(
    readonly file: SourceFile,
    readonly docIndex: number,
    /** Where this object sits in its document: [] or ['items', i] for List members. */
    readonly basePath: Path,
    readonly value: T,
    namespaced: boolean,
    defaultNamespace: string,
  ) {
    const object = value as unknown as KubeObject;
    this.apiVersion = object.apiVersion;
    this.kind = object.kind;
    this.group = groupOf(object.apiVersion);
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    this.name = typeof metadata.name === 'string' ? metadata.name : '';
    const ns = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
    this.namespace = namespaced ? (ns ?? defaultNamespace) : undefined;
  }

  /** The YAML node at `path` below this object (the nearest existing parent if it is absent). */
  node(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: [...this.basePath, ...path] };
  }

  /** The mapping key of the node at `path`. */
  key(...path: PathSegment[]): NodeRef {
    return { ...this.node(...path), key: true };
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

function isKubeObject(value: unknown): value is KubeObject {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** Shaped like an object and meant for the API server: not tool configuration (kustomization, kubeconfig, `release-notes/v2`). */
function isAppliedObject(value: unknown): value is KubeObject {
  return isKubeObject(value) && isApiServerObject(value.apiVersion, value.kind);
}

/** CRD scopes declared in the run, keyed `group/Kind`. */
export function crdScopes(documents: readonly ParsedDocument[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const { value } of documents) {
    if (!isKubeObject(value) || value.kind !== 'CustomResourceDefinition') continue;
    const spec = value.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') {
      scopes.set(`${spec.group}/${spec.names.kind}`, spec.scope !== 'Cluster');
    }
  }
  return scopes;
}

/**
 * Kubernetes objects of the parsed documents. A document that is not a Kubernetes object (a
 * workflow, Helm values, docker-compose) is skipped silently; `List` and `*List` items expand.
 */
export function toResources(documents: readonly ParsedDocument[], defaultNamespace: string): Resource[] {
  const scopes = crdScopes(documents);
  const out: Resource[] = [];
  const add = (doc: ParsedDocument, basePath: Path, value: KubeObject) => {
    const namespaced = isNamespaced(groupOf(value.apiVersion), value.kind, scopes);
    out.push(new Resource(doc.file, doc.docIndex, basePath, value, namespaced, defaultNamespace));
  };
  for (const doc of documents) {
    const value = doc.value;
    if (!isAppliedObject(value)) continue;
    if (value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isAppliedObject(item)) add(doc, ['items', i], item);
      });
    } else {
      add(doc, [], value);
    }
  }
  return out;
}
