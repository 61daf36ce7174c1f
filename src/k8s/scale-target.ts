/**
 * Whether a `scaleTargetRef` (HorizontalPodAutoscaler, KEDA ScaledObject) names something that can
 * be scaled: its API group serves the kind, the kind has a `scale` subresource, and the object
 * exists in the scaler's namespace. Both controllers map group + kind to a resource and read
 * `<resource>/<name>/scale` (the version is ignored).
 *
 * Evidence: kubernetes pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler`;
 * kedacore/keda controllers/keda/scaledobject_controller.go `checkTargetResourceIsScalable`
 * (`ParseGVKR`, then the scale client).
 */
import type { ResourceIndex } from '../resource-index.js';
import { customResourceScale, isBuiltInGroup, SCALABLE_KINDS, servesScalableKind } from './controllers.js';
import { closest, didYouMean } from './suggest.js';

export interface ScaleTargetRef {
  /** As the scaler reads it: '' is the core group. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** The manifest sets no `apiVersion` (the scaler used '' or its own default). */
  readonly apiVersionOmitted: boolean;
}

export type ScaleTargetProblem =
  /** A built-in kind under a group that does not serve it; `expected` is its apiVersion. */
  | { readonly id: 'wrongGroup'; readonly field: 'apiVersion'; readonly group: string; readonly expected: string }
  /** No `apiVersion`, and the run defines the kind in another group (`expected`). */
  | { readonly id: 'noApiVersion'; readonly field: 'apiVersion'; readonly expected: string }
  /** The kind has no scale subresource; `crd` names the CRD that says so, `hint` suggests a kind. */
  | { readonly id: 'notScalable'; readonly field: 'kind'; readonly crd?: string; readonly hint: string }
  /** Nothing of that name: another scalable kind has it, or another namespace does, or a near name. */
  | { readonly id: 'missing'; readonly field: 'name'; readonly otherKind?: { kind: string; apiVersion: string }; readonly elsewhere?: string; readonly suggestion: string };

const apiVersionOf = (group: string) => (group === '' ? 'v1' : `${group}/v1`);

/** Undefined when the target can be scaled, or when it is a custom kind the run knows nothing of. */
export function scaleTargetProblem(index: ResourceIndex, ref: ScaleTargetRef, namespace: string, kubernetesVersion: string): ScaleTargetProblem | undefined {
  const { apiVersion, kind, name } = ref;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const expected = SCALABLE_KINDS.get(kind);
  let kindRefs: string[];
  if (isBuiltInGroup(group) && expected !== undefined) {
    if (!servesScalableKind(group, kind, kubernetesVersion)) return { id: 'wrongGroup', field: 'apiVersion', group, expected: apiVersionOf(expected) };
    // extensions/v1beta1 Deployments and ReplicaSets were the same objects as apps/v1 ones.
    kindRefs = expected === 'apps' ? [`apps/${kind}`, `extensions/${kind}`] : [`/${kind}`];
  } else if (isBuiltInGroup(group)) {
    const defined = ref.apiVersionOmitted ? index.resources.find((r) => r.kind === kind && r.group !== '') : undefined;
    if (defined) return { id: 'noApiVersion', field: 'apiVersion', expected: defined.apiVersion };
    const guess = closest(kind, SCALABLE_KINDS.keys());
    return { id: 'notScalable', field: 'kind', hint: guess ? `; did you mean \`${guess}\`?` : '' };
  } else {
    const custom = customResourceScale(index, group, kind);
    if (custom && !custom.scalable) return { id: 'notScalable', field: 'kind', crd: custom.crd.name, hint: '' };
    kindRefs = [`${group}/${kind}`];
    if (index.list(kindRefs[0]).length === 0) return undefined; // a custom kind this run defines no object of
  }
  if (kindRefs.some((kindRef) => index.exists(kindRef, namespace, name))) return undefined;

  const other = [...SCALABLE_KINDS].find(([k, g]) => k !== kind && index.get(`${g}/${k}`, namespace, name));
  const elsewhere = kindRefs.flatMap((kindRef) => index.list(kindRef)).find((r) => r.name === name && r.namespace !== namespace);
  return {
    id: 'missing',
    field: 'name',
    otherKind: other && { kind: other[0], apiVersion: apiVersionOf(other[1]) },
    elsewhere: elsewhere?.namespace,
    suggestion: didYouMean(name, kindRefs.flatMap((kindRef) => index.names(kindRef, namespace))),
  };
}

/** The hint of a `missing` problem: the kind that has the name, the namespace that does, or a near name. */
function missingHint(problem: Extract<ScaleTargetProblem, { id: 'missing' }>, kind: string, name: string, scaler: string): string {
  if (problem.otherKind) return `; ${problem.otherKind.kind} \`${name}\` exists: set \`kind: ${problem.otherKind.kind}\` and \`apiVersion: ${problem.otherKind.apiVersion}\``;
  if (problem.elsewhere) return `; ${kind} \`${name}\` exists in namespace \`${problem.elsewhere}\`, but ${scaler} scales only objects of its own namespace`;
  return problem.suggestion;
}

/** The placeholders the messages of a problem use, e.g. `{{expected}}` and `{{hint}}`; `scaler` is "an HPA". */
export function scaleTargetDetails(problem: ScaleTargetProblem, kind: string, name: string, scaler: string): { expected: string; group: string; crd: string; hint: string } {
  const none = { expected: '', group: '', crd: '', hint: '' };
  switch (problem.id) {
    case 'wrongGroup':
      return { ...none, expected: problem.expected, group: problem.group };
    case 'noApiVersion':
      return { ...none, expected: problem.expected };
    case 'notScalable':
      return { ...none, crd: problem.crd ? ` (CustomResourceDefinition \`${problem.crd}\` declares no \`subresources.scale\`)` : '', hint: problem.hint };
    default:
      return { ...none, hint: missingHint(problem, kind, name, scaler) };
  }
}
