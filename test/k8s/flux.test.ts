import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import { fluxDependencies, fluxSourceRefs, isBootstrapObject } from '../../src/k8s/flux.js';

const run = indexOf(`
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  sourceRef: {kind: GitRepository, name: flux-system}
  dependsOn: [{name: infra}, {name: db, namespace: data}]
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: web, namespace: apps}
spec:
  chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}}}
  chartRef: {kind: OCIRepository, name: web}
  dependsOn: [{name: redis}]
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: odd, namespace: apps}
spec: {sourceRef: {kind: HelmRepository, name: charts}}
`);
const [kustomization, release, odd] = run.resources;
const show = (refs: ReturnType<typeof fluxSourceRefs>) => refs.map((r) => `${r.kindRef} ${r.namespace}/${r.name} ${r.site}@${r.path.join('.')}`);

describe('fluxSourceRefs', () => {
  it('defaults the namespace to the object and reads both HelmRelease chart sites', () => {
    expect(show(fluxSourceRefs(kustomization))).toEqual(['source.toolkit.fluxcd.io/GitRepository flux-system/flux-system `sourceRef`@spec.sourceRef.name']);
    expect(show(fluxSourceRefs(release))).toEqual([
      'source.toolkit.fluxcd.io/HelmRepository flux-system/charts `chart.spec.sourceRef`@spec.chart.spec.sourceRef.name',
      'source.toolkit.fluxcd.io/OCIRepository apps/web `chartRef`@spec.chartRef.name',
    ]);
  });
  it('skips kinds the CRD does not allow at that site (schema-violation owns them)', () => {
    expect(fluxSourceRefs(odd)).toEqual([]);
  });
  it('knows the objects flux bootstrap creates', () => {
    expect(isBootstrapObject(fluxSourceRefs(kustomization)[0])).toBe(true);
    expect(isBootstrapObject(fluxSourceRefs(release)[0])).toBe(false);
  });
});

describe('fluxDependencies', () => {
  it('names objects of the same kind and group', () => {
    expect(show(fluxDependencies(kustomization))).toEqual([
      'kustomize.toolkit.fluxcd.io/Kustomization flux-system/infra `dependsOn`@spec.dependsOn.0.name',
      'kustomize.toolkit.fluxcd.io/Kustomization data/db `dependsOn`@spec.dependsOn.1.name',
    ]);
    expect(fluxDependencies(release).map((r) => r.kindRef)).toEqual(['helm.toolkit.fluxcd.io/HelmRelease']);
  });
});
