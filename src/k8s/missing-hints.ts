/**
 * What the hint of a missing reference says: the name it may have meant in its namespace, or
 * another namespace that has the object. Both are asked once per missing reference, and a tree
 * whose Secrets live outside it has one in every workload, so neither scans the run: the names of
 * a namespace are prepared on its first miss, the run's namespaces listed once (per index).
 */
import type { ResourceIndex } from '../resource-index.js';
import { NameSuggester } from './nearest.js';

const suggesters = new WeakMap<ResourceIndex, Map<string, NameSuggester>>();

/** The name of `kind` in `namespace` (or of `builtIn`, present in every namespace) that `name` probably meant. */
export function suggestName(index: ResourceIndex, kind: string, namespace: string, name: string, builtIn: Iterable<string>): string | undefined {
  let byKind = suggesters.get(index);
  if (byKind === undefined) suggesters.set(index, (byKind = new Map()));
  const key = `${kind}|${namespace}`;
  let found = byKind.get(key);
  if (found === undefined) byKind.set(key, (found = new NameSuggester([...index.names(kind, namespace), ...builtIn])));
  return found.closest(name);
}

/** The namespaces of the run's objects, in order of first appearance, per index (a few). */
const namespacesOf = new WeakMap<ResourceIndex, readonly string[]>();

function runNamespaces(index: ResourceIndex): readonly string[] {
  let namespaces = namespacesOf.get(index);
  if (namespaces === undefined) {
    const seen = new Set<string>();
    for (const { namespace } of index.resources) if (namespace !== undefined) seen.add(namespace);
    namespacesOf.set(index, (namespaces = [...seen]));
  }
  return namespaces;
}

/** Another namespace that defines the object (the first in index order), else the first of the run's that provides it. */
export function otherNamespace(index: ResourceIndex, kind: string, namespace: string, name: string): string | undefined {
  const defined = index.named(kind, name).find((r) => r.namespace !== namespace);
  if (defined) return defined.namespace;
  return runNamespaces(index).find((ns) => ns !== namespace && index.provider(kind, ns, name) !== undefined);
}
