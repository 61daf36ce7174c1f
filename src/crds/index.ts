/**
 * Custom resources: which CustomResourceDefinition describes an object. In order, a CRD of the run
 * (linted files and `--context`), one of `crds:`/`--crds` (src/crds/folders.ts), then the bundled
 * catalog (src/crds/catalog.ts). The engine attaches a run's folder definitions to its index and,
 * when the run has custom resources, loads the CEL evaluator for their `x-kubernetes-validations`.
 */
import { isBuiltInGroup } from '../k8s/api-deprecations.js';
import type { Resource } from '../resource.js';
import { isApiServerObject } from '../k8s/names.js';
import { objectSchema } from '../schema-validate.js';
import type { ResourceIndex } from '../resource-index.js';
import { catalogDefinition } from './catalog.js';
import { loadCel, loadedCel } from './cel-loader.js';
import { definitionOf, replacementOf, type CrdDefinition, type CrdVersion } from './definition.js';
import { uncompiledRules } from './validation-rules.js';

export { catalogKinds } from './catalog.js';
export type { CrdDefinition, CrdVersion } from './definition.js';

const runCrds = new WeakMap<ResourceIndex, Map<string, CrdDefinition>>();
const folders = new WeakMap<ResourceIndex, Map<string, CrdDefinition[]>>();

/** Reads `crds:`/`--crds` paths (src/crds/folders.ts, loaded only for runs that have some). */
export async function loadCrdPaths(paths: readonly string[], cwd: string): Promise<import('./folders.js').FolderDefinitions> {
  return (await import('./folders.js')).loadCrdPaths(paths, cwd);
}

/** `crds:`/`--crds` definitions for the run of `index`. */
export function attachFolderDefinitions(index: ResourceIndex, definitions: readonly CrdDefinition[]): void {
  const byKind = new Map<string, CrdDefinition[]>();
  for (const definition of definitions) {
    const key = `${definition.group}/${definition.kind.toLowerCase()}`;
    byKind.set(key, [...(byKind.get(key) ?? []), definition]);
  }
  folders.set(index, byKind);
}

function inRun(index: ResourceIndex): Map<string, CrdDefinition> {
  let crds = runCrds.get(index);
  if (crds === undefined) {
    crds = new Map();
    for (const crd of index.list('apiextensions.k8s.io/CustomResourceDefinition')) {
      if (crd.apiVersion !== 'apiextensions.k8s.io/v1') continue;
      const definition = definitionOf(crd.value, crd.name);
      const id = definition && `${definition.group}/${definition.kind}`;
      if (id !== undefined && !crds.has(id)) crds.set(id, definition!);
    }
    runCrds.set(index, crds);
  }
  return crds;
}

/** The definition of `resource`'s kind, or undefined for a built-in or unknown kind. */
export function customDefinition(resource: Resource, index: ResourceIndex): CrdDefinition | undefined {
  const { group, kind } = resource;
  if (!group.includes('.') || isBuiltInGroup(group)) return undefined;
  const run = inRun(index).get(`${group}/${kind}`);
  if (run !== undefined) return run;
  const listed = folders.get(index)?.get(`${group}/${kind.toLowerCase()}`);
  if (listed !== undefined) {
    const version = resource.apiVersion.slice(group.length + 1);
    const exact = listed.filter((d) => d.kind === kind || d.kind === kind.toLowerCase());
    return exact.find((d) => d.versions.some((v) => v.name === version)) ?? exact[0];
  }
  return catalogDefinition(group, kind);
}

export interface CustomVersion {
  readonly definition: CrdDefinition;
  /** The version `resource`'s apiVersion names, as the definition lists it (undefined: not listed). */
  readonly version: CrdVersion | undefined;
  /** The served, non-deprecated version to move to, the storage version first. */
  readonly replacement: string | undefined;
}

/** `resource`'s definition and version, for the deprecated and removed version rules. */
export function customVersionOf(resource: Resource, index: ResourceIndex): CustomVersion | undefined {
  const definition = customDefinition(resource, index);
  if (definition === undefined) return undefined;
  const name = resource.apiVersion.slice(resource.group.length + 1);
  return { definition, version: definition.versions.find((v) => v.name === name), replacement: replacementOf(definition, name) };
}

/** What `custom`'s CRD says of a version it does not serve, and which to use instead (for messages). */
export function unservedVersion(group: string, { definition, version, replacement }: CustomVersion): { state: string; advice: string } {
  const served = definition.versions.filter((v) => v.served).map((v) => `\`${group}/${v.name}\``);
  const use = replacement === undefined ? 'it serves no version' : `use \`${group}/${replacement}\`${served.length > 1 ? ` (served: ${served.join(', ')})` : ''}`;
  return {
    state: version === undefined ? 'does not define' : 'no longer serves (`served: false`)',
    advice: use + (definition.origin === 'bundled' ? ', or pass the CRD your cluster runs with `--crds`' : ''),
  };
}

/** Loads the CEL evaluator if some object of the run is a custom resource with a definition. */
export async function prepareCustomResources(resources: readonly Resource[], index: ResourceIndex): Promise<void> {
  if (loadedCel() !== undefined) return;
  if (resources.some((r) => !r.file.contextOnly && customDefinition(r, index) !== undefined)) await loadCel();
}

/** The note about CEL rules of the run's CRDs that could not be compiled (so were not checked), if any. */
export function uncompiledRulesNote(resources: readonly Resource[], index: ResourceIndex): string | undefined {
  if (loadedCel() === undefined) return undefined;
  const seen = new Set<unknown>();
  const failed: string[] = [];
  for (const resource of resources) {
    const definition = resource.file.contextOnly ? undefined : customDefinition(resource, index);
    const schema = definition?.versions.find((v) => v.served && v.name === resource.apiVersion.slice(resource.group.length + 1))?.schema;
    if (schema === undefined || seen.has(schema)) continue;
    seen.add(schema);
    for (const { rule, error } of uncompiledRules(schema)) failed.push(`\`${rule.length > 80 ? `${rule.slice(0, 77)}...` : rule}\` of ${definition!.source} (${error})`);
  }
  if (failed.length === 0) return undefined;
  const listed = failed.slice(0, 3).join('; ') + (failed.length > 3 ? `; and ${failed.length - 3} more` : '');
  return `${failed.length} CEL validation rule(s) could not be compiled and were not checked: ${listed}`;
}

/** The note for custom resources that nothing could validate (no CRD in the run, `--crds` or the catalog), if any. */
export function uncheckedKindsNote(resources: readonly Resource[], index: ResourceIndex, version: string): string | undefined {
  const kinds = new Map<string, number>();
  const hasSchema = (resource: Resource) => {
    try {
      return objectSchema(resource, index, version) !== undefined || customDefinition(resource, index) !== undefined;
    } catch {
      return true; // schema-violation reports the crash as an internal error on the object
    }
  };
  for (const resource of resources) {
    if (resource.file.contextOnly || resource.group === '' || isBuiltInGroup(resource.group)) continue;
    if (!resource.group.includes('.') || !isApiServerObject(resource.apiVersion, resource.kind)) continue; // unknown-kind's, or tool config
    if (hasSchema(resource)) continue;
    const key = `${resource.kind} (${resource.apiVersion})`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  if (kinds.size === 0) return undefined;
  const count = [...kinds.values()].reduce((a, b) => a + b, 0);
  const listed = [...kinds.keys()].slice(0, 5).join(', ') + (kinds.size > 5 ? ', ...' : '');
  return `${count} object(s) of custom kinds were not schema-checked, no CustomResourceDefinition for them is among the linted files or the bundled catalog: ${listed} (add the CRDs, or pass them with --crds; --reject-unknown-kinds makes this an error)`;
}
