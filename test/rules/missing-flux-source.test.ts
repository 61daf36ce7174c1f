import rule from '../../rules/missing-flux-source.js';
import { testRule } from '../helpers/test-rule.js';

const kustomization = (ref: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: team-a}\nspec:\n  interval: 5m\n  sourceRef: ${ref}\n`;
const release = (ref: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web, namespace: team-a}\nspec:\n  interval: 5m\n  chartRef: ${ref}\n`;

testRule(rule, {
  valid: [
    { name: 'the bootstrap OCIRepository', code: kustomization('{kind: OCIRepository, name: flux-system, namespace: flux-system}') },
    { name: 'a source declared in the configuration', code: kustomization('{kind: GitRepository, name: team-a}'), options: { external: ['source.toolkit.fluxcd.io/GitRepository/team-a/team-a'] } },
  ],
  invalid: [
    {
      name: 'a warning when the run defines no GitRepository in the namespace',
      code: kustomization('{kind: GitRepository, name: team-a}'),
      errors: [{
        message: 'Kustomization `apps` reconciles from GitRepository `team-a` (`sourceRef`), which does not exist in namespace `team-a`: Flux reports "Source not found" and applies nothing; namespace `team-a` defines no GitRepository',
        line: 6,
        column: 42,
        severity: 1,
      }],
    },
    {
      name: 'a HelmChart chartRef of the same namespace',
      code: 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmChart\nmetadata: {name: web-chart, namespace: team-a}\nspec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}\n---\n' + release('{kind: HelmChart, name: web}'),
      errors: [{ message: /HelmRelease `web` reconciles from HelmChart `web` \(`chartRef`\), which does not exist in namespace `team-a`.*; namespace `team-a` defines HelmChart `web-chart`$/, line: 11, column: 37, severity: 2 }],
    },
  ],
});
