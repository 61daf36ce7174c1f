import rule from '../../rules/missing-flux-dependency.js';
import { testRule } from '../helpers/test-rule.js';

const kustomization = (name: string, dependsOn = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: fleet}\nspec:\n  sourceRef: {kind: GitRepository, name: fleet}\n${dependsOn ? `  dependsOn: ${dependsOn}\n` : ''}---\n`;

testRule(rule, {
  valid: [
    { name: 'the bootstrap Kustomization', code: kustomization('apps', '[{name: flux-system, namespace: flux-system}]') },
    { name: 'a Kustomization of the same namespace', code: kustomization('infra') + kustomization('apps', '[{name: infra}]') },
  ],
  invalid: [
    {
      name: 'a warning when the run defines no Kustomization in the namespace',
      code: kustomization('apps', '[{name: infra, namespace: platform}]'),
      errors: [{
        message: 'Kustomization `apps` depends on Kustomization `infra`, which does not exist in namespace `platform`: Flux reports DependencyNotReady and never applies it; namespace `platform` defines no Kustomization',
        line: 6,
        column: 22,
        severity: 1,
      }],
    },
    {
      name: 'the object of the same name in another namespace',
      code: kustomization('infra').replace('fleet', 'platform') + kustomization('apps', '[{name: infra}]'),
      errors: [{ message: /which does not exist in namespace `fleet`: .*; Kustomization `infra` exists in namespace `platform`: set `namespace: platform`$/, line: 12, column: 22, severity: 2 }],
    },
  ],
});
