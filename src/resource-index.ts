/**
 * Every object of the run, queryable by kind/namespace/name, plus a label index of pod
 * templates: each cross reference is a lookup, so a run stays linear in the number of objects.
 */
import { matchesName } from './glob.js';
import { kindKeyOf } from './k8s/kinds.js';
import { podTemplateOf, type PodTemplate } from './k8s/pod-template.js';
import { anyValue, plainSelector, postingsMatching, selectorCloseness, type Labels } from './k8s/selectors.js';
import { isWellKnown, providedBy } from './k8s/providers.js';
import { editDistance } from './k8s/suggest.js';
import { isRecord, type Resource } from './resource.js';
import { ByName } from './by-name.js';
import { splitKind, type ExternalObject } from './external-objects.js';

export { parseExternal, parseExternals, type ExternalObject } from './external-objects.js';

/**
 * How an object that no manifest defines comes to exist (e.g. a Secret from a SealedSecret);
 * `resource` is absent when configuration declares it (`external`, kustomize generators).
 */
export interface Provider {
  readonly resource?: Resource;
  readonly how: string;
}

export class ResourceIndex {
  private readonly byKey = new Map<string, Map<string, ByName>>();
  /** Objects by kind, built for a kind when first listed (most kinds of a large run never are). */
  private readonly byKind = new Map<string, Resource[]>();
  /** `group/Kind` -> namespace -> objects: `list(kind, namespace)` without a scan, built per kind on first use. */
  private readonly byKindNamespace = new Map<string, Map<string, Resource[]>>();
  /** Namespaces that hold at least one object of the run (or that a Namespace object creates). */
  private readonly populated = new Set<string>();
  private readonly providers = new Map<string, Provider>();
  private readonly templates: PodTemplate[] = [];
  private readonly templateOf = new Map<Resource, PodTemplate>();
  /** namespace -> `key=value` -> templates carrying that label. */
  private readonly labelIndex = new Map<string, Map<string, PodTemplate[]>>();
  private readonly templatesByNamespace = new Map<string, PodTemplate[]>();
  /** namespace -> `key=value` -> Services whose own labels carry it (ServiceMonitors select by them). */
  private readonly serviceLabelIndex = new Map<string, Map<string, Resource[]>>();
  private readonly serviceLabels = new Map<Resource, Labels>();

  private readonly external = new Map<string, ExternalObject[]>();
  /** `group/Kind` -> name -> objects: same-name lookups without a scan, built per kind on first use. */
  private readonly byKindName = new Map<string, Map<string, Resource[]>>();
  /** `group/Kind|namespace` -> names of provided objects. */
  private readonly providedNames = new Map<string, string[]>();
  private readonly tables = new Map<string, unknown>();
  /** Objects that could not be indexed (see `onError`). */
  private readonly unindexed = new Set<Resource>();
  private repeated: ReadonlySet<Resource> | undefined;
  private asked: Resource | undefined;
  private answer: PodTemplate | undefined;

  constructor(
    readonly resources: readonly Resource[],
    /** Documents in the run that could not be parsed: cross-resource rules may be missing facts. */
    readonly unreadableDocuments = 0,
    /** Objects that exist outside the manifests (config `external`, kustomize generators). */
    external: readonly ExternalObject[] = [],
    /** An object that could not be indexed (a bug): reported by the engine; the index goes on without it. */
    onError: (resource: Resource, error: unknown) => void = (_, error) => { throw error; },
  ) {
    for (const resource of resources) {
      try {
        this.add(resource);
      } catch (error) {
        this.unindexed.add(resource);
        onError(resource, error);
      }
    }
    for (const object of external) push(this.external, object.kind, object);
  }

  private add(resource: Resource): void {
    const kind = kindKeyOf(resource.apiVersion, resource.kind);
    let namespaces = this.byKey.get(kind);
    if (!namespaces) this.byKey.set(kind, (namespaces = new Map()));
    let names = namespaces.get(resource.namespace ?? '');
    if (!names) namespaces.set(resource.namespace ?? '', (names = new ByName()));
    names.add(resource);
    if (resource.namespace !== undefined) this.populated.add(resource.namespace);
    else if (kind === '/Namespace') this.populated.add(resource.name);
    if (kind === '/Service' && resource.namespace !== undefined) this.addServiceLabels(resource, resource.namespace);
    const template = podTemplateOf(resource);
    if (template) this.addTemplate(template);
    for (const provided of providedBy(resource)) {
      const key = `${splitKind(provided.kind)}|${resource.namespace ?? ''}|${provided.name}`;
      if (this.providers.has(key)) continue;
      this.providers.set(key, { resource, how: provided.how });
      push(this.providedNames, `${splitKind(provided.kind)}|${resource.namespace ?? ''}`, provided.name);
    }
  }

  private addServiceLabels(service: Resource, namespace: string): void {
    const own = service.value.metadata?.labels;
    // Most Services carry no labels: they are in no posting, so there is nothing to keep.
    if (!isRecord(own)) return;
    const labels = plainSelector(own) ?? {};
    this.serviceLabels.set(service, labels);
    let postings = this.serviceLabelIndex.get(namespace);
    if (!postings) this.serviceLabelIndex.set(namespace, (postings = new Map()));
    for (const [k, v] of Object.entries(labels)) push(postings, `${k}=${v}`, service);
  }

  private addTemplate(template: PodTemplate): void {
    this.templates.push(template);
    this.templateOf.set(template.owner, template);
    push(this.templatesByNamespace, template.namespace, template);
    let labels = this.labelIndex.get(template.namespace);
    if (!labels) this.labelIndex.set(template.namespace, (labels = new Map()));
    for (const k in template.labels) push(labels, `${k}=${template.labels[k]}`, template);
    // Labels the controller adds: under their fixed value, or under `key=*` (selectors.ts postingsMatching).
    for (const [k, added] of template.controllerLabels) if (!Object.hasOwn(template.labels, k)) push(labels, added.value === undefined ? anyValue(k) : `${k}=${added.value}`, template);
  }

  /**
   * The objects some other object shares a kind, namespace and name with, and those that could not
   * be indexed (unknown: counted in). Built on first use, from the lookups' own buckets.
   */
  redefined(): ReadonlySet<Resource> {
    if (this.repeated) return this.repeated;
    const out = new Set(this.unindexed);
    for (const namespaces of this.byKey.values()) for (const names of namespaces.values()) names.repeated(out);
    return (this.repeated = out);
  }

  /** Objects of `kind` named `name` in `namespace` (several when defined twice). */
  getAll(kindRef: string, namespace: string | undefined, name: string): readonly Resource[] {
    return this.byKey.get(splitKind(kindRef))?.get(namespace ?? '')?.get(name) ?? [];
  }

  /** The objects of `resource`'s kind, namespace and name, itself included, in definition order. */
  definitions(resource: Resource): readonly Resource[] {
    return this.byKey.get(kindKeyOf(resource.apiVersion, resource.kind))?.get(resource.namespace ?? '')?.get(resource.name) ?? [];
  }

  get(kindRef: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.getAll(kindRef, namespace, name)[0];
  }

  /** An object that will create `kind/namespace/name` once applied (SealedSecret, StatefulSet, ...). */
  provider(kindRef: string, namespace: string | undefined, name: string): Provider | undefined {
    const kind = splitKind(kindRef);
    const provided = this.providers.size === 0 // most runs provide nothing: no key to build
      ? undefined : this.providers.get(`${kind}|${namespace ?? ''}|${name}`);
    if (provided || this.external.size === 0) return provided;
    const declared = this.external.get(kind)?.find((object) =>
      (object.namespace === undefined || (namespace !== undefined && matchesName(namespace, object.namespace))) &&
      matchesName(name, object.name));
    return declared ? { how: declared.how } : undefined;
  }

  /** Defined, created by another object of the run, or present in every cluster. */
  exists(kindRef: string, namespace: string | undefined, name: string): boolean {
    return (
      this.get(kindRef, namespace, name) !== undefined ||
      this.provider(kindRef, namespace, name) !== undefined ||
      isWellKnown(splitKind(kindRef), name)
    );
  }

  list(kindRef: string, namespace?: string): readonly Resource[] {
    const kind = splitKind(kindRef);
    let all = this.byKind.get(kind);
    if (all === undefined) {
      const slash = kind.lastIndexOf('/');
      const [group, name] = [kind.slice(0, slash), kind.slice(slash + 1)];
      all = this.byKey.has(kind) ? this.resources.filter((r) => r.kind === name && r.group === group && !this.unindexed.has(r)) : [];
      this.byKind.set(kind, all);
    }
    if (namespace === undefined) return all;
    // Per-namespace lists of a kind, built on its first per-namespace lookup.
    let perNamespace = this.byKindNamespace.get(kind);
    if (perNamespace === undefined) {
      perNamespace = new Map();
      for (const r of all) push(perNamespace, r.namespace ?? '', r);
      this.byKindNamespace.set(kind, perNamespace);
    }
    return perNamespace.get(namespace) ?? [];
  }

  /** Whether the run defines the Namespace `name` or any object in it. */
  hasNamespace(name: string): boolean {
    return this.populated.has(name);
  }

  /** Objects of `kind` named `name`, in any namespace (e.g. to say where a missing object lives instead). */
  named(kindRef: string, name: string): readonly Resource[] {
    const kind = splitKind(kindRef);
    let byName = this.byKindName.get(kind);
    if (byName === undefined) {
      byName = new Map();
      for (const r of this.list(kind)) push(byName, r.name, r);
      this.byKindName.set(kind, byName);
    }
    return byName.get(name) ?? [];
  }

  /** Names of `kind` in `namespace`, including provided ones: candidates for "did you mean". */
  names(kindRef: string, namespace: string | undefined): string[] {
    const names = new Set(this.list(kindRef, namespace).map((r) => r.name));
    for (const name of this.providedNames.get(`${splitKind(kindRef)}|${namespace ?? ''}`) ?? []) names.add(name);
    for (const object of this.external.get(splitKind(kindRef)) ?? []) {
      const anywhere = object.namespace === undefined || (namespace !== undefined && matchesName(namespace, object.namespace));
      if (anywhere && !/[*?]/.test(object.name)) names.add(object.name);
    }
    return [...names];
  }

  podTemplate(resource: Resource): PodTemplate | undefined {
    // Every rule asks about the object being checked: the runner's order makes one entry enough.
    if (resource !== this.asked) this.answer = this.templateOf.get((this.asked = resource));
    return this.answer;
  }

  podTemplates(namespace?: string): readonly PodTemplate[] {
    return namespace === undefined ? this.templates : (this.templatesByNamespace.get(namespace) ?? []);
  }

  /** Pod templates in `namespace` whose pods carry every pair of `selector` (non-empty), controller-added labels included. */
  podTemplatesMatching(selector: Labels, namespace: string): PodTemplate[] {
    return postingsMatching(this.labelIndex.get(namespace), selector, (t) => t.labels, (t) => t.controllerLabels);
  }

  /** Services in `namespace` whose own `metadata.labels` carry every pair of `selector` (non-empty). */
  servicesLabelled(selector: Labels, namespace: string): Resource[] {
    return postingsMatching(this.serviceLabelIndex.get(namespace), selector, (s) => this.serviceLabels.get(s) ?? {});
  }

  /**
   * The pod template in `namespace` closest to matching `selector` (for messages); ties go to the
   * workload whose name is nearest `nameHint` (usually the Service's own name).
   */
  closestPodTemplate(selector: Labels, namespace: string, nameHint = ''): PodTemplate | undefined {
    let best: PodTemplate | undefined;
    let bestScore = -1;
    let bestDistance = Infinity;
    for (const template of this.podTemplates(namespace)) {
      const score = selectorCloseness(selector, template.labels);
      if (score < bestScore) continue;
      const distance = editDistance(nameHint, template.owner.name);
      if (score > bestScore || distance < bestDistance) {
        best = template;
        bestScore = score;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** A table derived from the whole run (e.g. Istio hosts -> ServiceEntries), built on first use: lookups, not scans. */
  derived<T>(key: string, build: (index: ResourceIndex) => T): T {
    if (!this.tables.has(key)) this.tables.set(key, build(this));
    return this.tables.get(key) as T;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
