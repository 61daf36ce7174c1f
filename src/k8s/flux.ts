/**
 * Flux (`kustomize.toolkit.fluxcd.io` Kustomization, `helm.toolkit.fluxcd.io` HelmRelease, sources
 * of `source.toolkit.fluxcd.io`): the source each one reconciles from and the objects it waits for.
 *
 * Evidence (fluxcd): kustomize-controller internal/controller `getSource` ("Source '<kind>/<ns>/<name>'
 * not found": `Ready=False`, reason `ArtifactFailed`, retried forever) and `checkDependencies`
 * ("unable to get '<ns>/<name>' dependency": reason `DependencyNotReady`); helm-controller
 * `reconcileChart` / `getSource` for `chart.spec.sourceRef` and `chartRef` (same outcome). A
 * reference without `namespace` means the object's own namespace; a cross-namespace one works unless
 * the controllers run with `--no-cross-namespace-refs` (a flag of the cluster, not of the manifests).
 * `flux bootstrap` (and the Flux Operator's FluxInstance sync) creates the source and the
 * Kustomization `flux-system` in namespace `flux-system` outside the repository's manifests.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';

export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';

/** Kinds a reference may name, per site (the CRDs' enums). */
const SOURCE_KINDS = {
  kustomization: ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'],
  chartSpec: ['HelmRepository', 'GitRepository', 'Bucket'],
  chartRef: ['OCIRepository', 'HelmChart', 'ExternalArtifact'],
} as const;

export interface FluxReference {
  /** `group/Kind` of the referent. */
  readonly kindRef: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Path of the `name` value. */
  readonly path: Path;
  /** `sourceRef`, `chart.spec.sourceRef`, `chartRef`, `dependsOn`. */
  readonly site: string;
}

function reference(owner: Resource, value: unknown, path: Path, site: string, kinds: readonly string[], group: string): FluxReference[] {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') return [];
  const kind = typeof value.kind === 'string' ? value.kind : owner.kind;
  if (!kinds.includes(kind)) return []; // schema-violation owns a kind outside the enum
  const namespace = typeof value.namespace === 'string' && value.namespace !== '' ? value.namespace : owner.namespace!;
  return [{ kindRef: `${group}/${kind}`, kind, name: value.name, namespace, path: [...path, 'name'], site }];
}

/** The source of a Kustomization, or of a HelmRelease's chart. */
export function fluxSourceRefs(resource: Resource): FluxReference[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  if (resource.kind === 'Kustomization') return reference(resource, spec.sourceRef, ['spec', 'sourceRef'], '`sourceRef`', SOURCE_KINDS.kustomization, FLUX_SOURCE_GROUP);
  const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? spec.chart.spec : {};
  return [
    ...reference(resource, chart.sourceRef, ['spec', 'chart', 'spec', 'sourceRef'], '`chart.spec.sourceRef`', SOURCE_KINDS.chartSpec, FLUX_SOURCE_GROUP),
    ...reference(resource, spec.chartRef, ['spec', 'chartRef'], '`chartRef`', SOURCE_KINDS.chartRef, FLUX_SOURCE_GROUP),
  ];
}

/** `dependsOn` entries: objects of the same kind. */
export function fluxDependencies(resource: Resource): FluxReference[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const list = Array.isArray(spec.dependsOn) ? spec.dependsOn : [];
  return list.flatMap((entry, i) => reference(resource, entry, ['spec', 'dependsOn', i], '`dependsOn`', [resource.kind], resource.group));
}

/** Objects `flux bootstrap` creates outside the manifests: the `flux-system` source and Kustomization. */
export function isBootstrapObject(reference: FluxReference): boolean {
  return reference.namespace === 'flux-system' && reference.name === 'flux-system' &&
    ['GitRepository', 'OCIRepository', 'Bucket', 'Kustomization'].includes(reference.kind);
}
