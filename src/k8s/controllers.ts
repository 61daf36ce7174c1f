/**
 * Facts the "dangling controller" rules share: which pod templates a metav1.LabelSelector
 * (PodDisruptionBudget, NetworkPolicy) selects and which one comes closest when none does, what an
 * HorizontalPodAutoscaler can scale, when a Service is headless, and how to name another
 * definition of an object in a message.
 *
 * Evidence (kubernetes/kubernetes): apimachinery pkg/apis/meta/v1/helpers.go
 * `LabelSelectorAsSelector` (matchLabels AND matchExpressions; nil selects nothing, `{}` everything);
 * pkg/apis/core/validation `ValidateLabelSelector` (In/NotIn need values, Exists/DoesNotExist none);
 * pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler` (scaleTargetRef group + kind ->
 * RESTMappings -> GET <resource>/scale; the version is ignored); pkg/registry/{apps,core} (only
 * deployments, replicasets, statefulsets and replicationcontrollers have a `scale` subresource).
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { compareVersions, isBuiltInGroup } from './api-deprecations.js';
import type { PodTemplate } from './pod-template.js';
import { formatLabels, matchesSelector, plainSelector, selectorCloseness } from './selectors.js';
import { editDistance } from './suggest.js';

// ------------------------------------------------------------------------------------ selectors

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A LabelSelector the API server would accept; undefined for anything else (validation owns it). */
export function labelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  if (value.matchLabels !== undefined && value.matchLabels !== null && !isRecord(value.matchLabels)) return undefined;
  const expressions = value.matchExpressions ?? [];
  if (!Array.isArray(expressions)) return undefined;
  for (const e of expressions) {
    if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) return undefined;
    const values = Array.isArray(e.values) ? e.values.length : 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') !== values > 0) return undefined;
  }
  return value as LabelSelector;
}

/** `{}`: no matchLabels and no matchExpressions (selects every pod of the namespace in policy/v1 and NetworkPolicy). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

function formatRequirement(e: LabelSelectorRequirement): string {
  const values = (e.values ?? []).map(String).join(', ');
  switch (e.operator) {
    case 'In': return `${e.key} in (${values})`;
    case 'NotIn': return `${e.key} notin (${values})`;
    case 'Exists': return e.key;
    default: return `!${e.key}`;
  }
}

/** `app=web, tier in (a, b), !legacy` for messages. */
export function formatSelector(selector: LabelSelector): string {
  const parts = [formatLabels(plainSelector(selector.matchLabels) ?? {}), ...(selector.matchExpressions ?? []).map(formatRequirement)];
  return parts.filter((p) => p !== '').join(', ');
}

/** Whether `selector` selects the pods of `template`, counting the labels their controller adds. */
export function selectsPods(selector: LabelSelector, template: PodTemplate): boolean {
  return matchesSelector(selector, template.labels, template.controllerLabels);
}

/** Pod templates of `namespace` whose pods satisfy `selector`. */
export function templatesSelectedBy(index: ResourceIndex, selector: LabelSelector, namespace: string): PodTemplate[] {
  return index.podTemplates(namespace).filter((t) => selectsPods(selector, t));
}

function closeness(selector: LabelSelector, labels: Readonly<Record<string, string>>): number {
  let score = selectorCloseness(plainSelector(selector.matchLabels) ?? {}, labels);
  for (const e of selector.matchExpressions ?? []) {
    if (matchesSelector({ matchExpressions: [e] }, labels)) score += 4;
    else if (Object.hasOwn(labels, e.key)) score += 1;
  }
  return score;
}

/** The first requirement of `selector` that `labels` fail, as a path below the selector. */
export function firstUnmet(selector: LabelSelector, labels: Readonly<Record<string, string>>): Path {
  const pairs = plainSelector(selector.matchLabels) ?? {};
  for (const key of Object.keys(pairs)) if (labels[key] !== pairs[key]) return ['matchLabels', key];
  const expressions = selector.matchExpressions ?? [];
  const i = expressions.findIndex((e) => !matchesSelector({ matchExpressions: [e] }, labels));
  return i === -1 ? [] : ['matchExpressions', i];
}

/** "pods of Deployment `web` are labelled `app=web`", for messages. */
export function describeTemplate(template: PodTemplate): string {
  const labels = formatLabels(template.labels);
  return `pods of ${template.owner.kind} \`${template.owner.name}\` are labelled ${labels ? `\`${labels}\`` : 'with nothing'}`;
}

/** Why a selector selects nothing in `namespace`: the closest template there, or matches elsewhere. */
export interface SelectorMiss {
  /** A pod template of another namespace that the selector would match. */
  readonly elsewhere?: PodTemplate;
  /** The pod template of the namespace that comes closest (ties: owner name nearest `nameHint`). */
  readonly closest?: PodTemplate;
  /** Path below the selector of the first requirement the closest template fails ([] if none). */
  readonly path: Path;
  /** "pods of Deployment `web` are labelled `app=web`" or "namespace `x` has no pod templates". */
  readonly closestText: string;
}

/** Undefined when some pod template of `namespace` matches `selector`. */
export function selectorMiss(index: ResourceIndex, selector: LabelSelector, namespace: string, nameHint: string): SelectorMiss | undefined {
  const templates = index.podTemplates(namespace);
  if (templates.some((t) => selectsPods(selector, t))) return undefined;
  const elsewhere = index.podTemplates().find((t) => t.namespace !== namespace && selectsPods(selector, t));
  let closest: PodTemplate | undefined;
  let best = -1;
  let bestDistance = Infinity;
  for (const template of templates) {
    const score = closeness(selector, template.labels);
    const distance = editDistance(nameHint, template.owner.name);
    if (score > best || (score === best && distance < bestDistance)) [closest, best, bestDistance] = [template, score, distance];
  }
  return {
    elsewhere,
    closest,
    path: closest ? firstUnmet(selector, closest.labels) : [],
    closestText: closest ? describeTemplate(closest) : `namespace \`${namespace}\` has no pod templates`,
  };
}

/** The pod template of `namespace` whose owner's name is nearest `nameHint` (for a selector that is missing). */
export function templateNamedLike(index: ResourceIndex, namespace: string, nameHint: string): PodTemplate | undefined {
  let best: PodTemplate | undefined;
  let bestDistance = Infinity;
  for (const template of index.podTemplates(namespace)) {
    const distance = editDistance(nameHint, template.owner.name);
    if (distance < bestDistance) [best, bestDistance] = [template, distance];
  }
  return best;
}

// ------------------------------------------------------------------------------ scale targets

/** Built-in kinds with a `scale` subresource, and their API group. */
export const SCALABLE_KINDS: ReadonlyMap<string, string> = new Map([['Deployment', 'apps'], ['StatefulSet', 'apps'], ['ReplicaSet', 'apps'], ['ReplicationController', '']]);

/**
 * Whether `group` serves built-in `kind` at `kubernetesVersion`: its own group, or `extensions` for
 * Deployment and ReplicaSet before 1.16 (extensions/v1beta1 stopped serving them then).
 */
export function servesScalableKind(group: string, kind: string, kubernetesVersion: string): boolean {
  if (SCALABLE_KINDS.get(kind) === group) return true;
  return group === 'extensions' && (kind === 'Deployment' || kind === 'ReplicaSet') && compareVersions(kubernetesVersion, '1.16') < 0;
}

export { isBuiltInGroup };

/** The CustomResourceDefinition of the run for `group`/`kind`, and whether any version declares a scale subresource. */
export function customResourceScale(index: ResourceIndex, group: string, kind: string): { crd: Resource; scalable: boolean } | undefined {
  for (const crd of index.list('apiextensions.k8s.io/CustomResourceDefinition')) {
    const spec = (crd.value as { spec?: unknown }).spec;
    if (!isRecord(spec) || spec.group !== group || !isRecord(spec.names) || spec.names.kind !== kind) continue;
    const hasScale = (subresources: unknown) => isRecord(subresources) && isRecord(subresources.scale);
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    return { crd, scalable: hasScale(spec.subresources) || versions.some((v) => isRecord(v) && hasScale(v.subresources)) };
  }
  return undefined;
}

// ----------------------------------------------------------------------------------- services

/** `clusterIP: None` (or `clusterIPs: [None]`): DNS answers with the pod addresses and per-pod hostnames. */
export function isHeadless(service: Resource): boolean {
  const spec = (service.value as { spec?: unknown }).spec;
  if (!isRecord(spec) || spec.type === 'ExternalName') return false;
  return spec.clusterIP === 'None' || (Array.isArray(spec.clusterIPs) && spec.clusterIPs[0] === 'None');
}

// -------------------------------------------------------------------------------- definitions

/** "document 3" (1-based), with the item of a List. */
function documentLabel(resource: Resource): string {
  const item = resource.basePath.length === 2 ? `, item ${Number(resource.basePath[1]) + 1}` : '';
  return `document ${resource.docIndex + 1}${item}`;
}

/** Path of `to` shortened by the directories it shares with `from` (`base/app.yaml`, `app.yaml`). */
export function relativeTo(from: string, to: string): string {
  const a = from.split(/[\\/]/);
  const b = to.split(/[\\/]/);
  let shared = 0;
  while (shared < a.length - 1 && shared < b.length - 1 && a[shared] === b[shared]) shared++;
  return b.slice(shared).join('/');
}

/** Where `other` is defined, seen from `from`: "document 3 of this file" or "`base/app.yaml` (document 1)". */
export function definitionPlace(from: Resource, other: Resource): string {
  if (other.file.path === from.file.path) return `${documentLabel(other)} of this file`;
  return `\`${relativeTo(from.file.path, other.file.path)}\` (${documentLabel(other)})`;
}
