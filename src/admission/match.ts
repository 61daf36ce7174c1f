/**
 * Which CREATE requests a ValidatingAdmissionPolicy's `matchConstraints` and a binding's
 * `matchResources` select (k8s.io/apiserver/pkg/admission/plugin/policy/matching): resource rules
 * and exclusions, namespace and object selectors. The answer is `unknown` when it depends on the
 * labels of a Namespace that is not in the run (a selector on `kubernetes.io/metadata.name` alone is still answered).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { labelSelector } from '../k8s/controllers.js';
import { matchesSelector, type Labels } from '../k8s/selectors.js';
import { namespaceLabels as storedNamespaceLabels, unlistedNamespaceLabels } from '../k8s/defaults.js';
import { isRecord, type Resource } from '../resource.js';

export type Match = 'yes' | 'no' | 'unknown';

/** The request for creating one object, as admission sees it. */
export interface CreateRequest {
  readonly object: Resource;
  readonly group: string;
  readonly version: string;
  /** Resource name (plural, lowercase): `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
  /** Labels of the object's Namespace; undefined when the Namespace is not in the run. */
  readonly namespaceLabels: Labels | undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An object's labels, values as strings. */
export function objectLabels(resource: Resource): Labels {
  const labels = (resource.value.metadata as { labels?: unknown } | undefined)?.labels;
  const out: Record<string, string> = {};
  if (isRecord(labels)) for (const [k, v] of Object.entries(labels)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** A Namespace's labels as the API server sees them (with `kubernetes.io/metadata.name`, defaults.ts). */
export function namespaceLabels(namespace: Resource): Labels {
  return storedNamespaceLabels(namespace.name, (namespace.value.metadata as { labels?: unknown } | undefined)?.labels);
}

function isEmpty(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** A `NamedRuleWithOperations` against the request. */
function ruleMatches(rule: unknown, request: CreateRequest, exact: boolean): boolean {
  if (!isRecord(rule)) return false;
  const any = (list: string[], value: string) => list.includes('*') || list.includes(value);
  if (!any(strings(rule.operations), 'CREATE')) return false;
  if (!any(strings(rule.apiGroups), request.group)) return false;
  if (exact && !any(strings(rule.apiVersions), request.version)) return false;
  if (!exact && strings(rule.apiVersions).length === 0) return false;
  const resources = strings(rule.resources);
  if (!resources.includes('*') && !resources.includes('*/*') && !resources.includes(request.resource)) return false;
  const scope = typeof rule.scope === 'string' ? rule.scope : '*';
  if ((scope === 'Namespaced' && !request.namespaced) || (scope === 'Cluster' && request.namespaced)) return false;
  const names = strings(rule.resourceNames);
  return names.length === 0 || names.includes(request.object.name);
}

/** `namespace`: the name of a namespace whose labels are unknown, matched on `kubernetes.io/metadata.name` alone. */
function selectorMatch(value: unknown, labels: Labels | undefined, namespace?: string): Match {
  if (value === undefined || value === null) return 'yes';
  const selector = labelSelector(value);
  if (!selector) return 'no';
  if (isEmpty(selector)) return 'yes';
  const known = labels ?? (namespace === undefined ? undefined : unlistedNamespaceLabels(selector, namespace));
  if (known === undefined) return 'unknown';
  return matchesSelector(selector, known) ? 'yes' : 'no';
}

/**
 * `matchConstraints` / `matchResources` against a CREATE. `requireRules`: the policy's constraints
 * match nothing without resource rules; a binding without them takes everything the policy matches.
 */
export function matchResources(match: unknown, request: CreateRequest, requireRules: boolean): Match {
  if (!isRecord(match)) return requireRules ? 'no' : 'yes';
  const exact = match.matchPolicy === 'Exact';
  const rules = Array.isArray(match.resourceRules) ? match.resourceRules : [];
  if (rules.length === 0 ? requireRules : !rules.some((rule) => ruleMatches(rule, request, exact))) return 'no';
  const excluded = Array.isArray(match.excludeResourceRules) ? match.excludeResourceRules : [];
  if (excluded.some((rule) => ruleMatches(rule, request, exact))) return 'no';
  const labels = objectLabels(request.object);
  const isNamespace = request.group === '' && request.object.kind === 'Namespace';
  // A Namespace matches on its own labels; other cluster-scoped objects are never skipped.
  const nsLabels = isNamespace ? namespaceLabels(request.object) : request.namespaced ? request.namespaceLabels : undefined;
  const byNamespace = !isNamespace && !request.namespaced ? 'yes' : selectorMatch(match.namespaceSelector, nsLabels, request.object.namespace);
  const byObject = selectorMatch(match.objectSelector, labels);
  if (byNamespace === 'no' || byObject === 'no') return 'no';
  return byNamespace === 'unknown' ? 'unknown' : 'yes';
}

/**
 * The resource name of a kind without a CRD in the run: `UnsafeGuessKindToResource`, which every
 * built-in kind follows (except Endpoints), with `-ay`/`-ey`/`-oy` taking an `s` as custom resources
 * name themselves (`Gateway` -> `gateways`).
 */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (lower.endsWith('s')) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
