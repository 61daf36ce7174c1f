import rule from '../../rules/rollout-missing-analysis-template.js';
import { testRule } from '../helpers/test-rule.js';

const rollout = (ref: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api, namespace: apps}\nspec:\n  strategy:\n    canary:\n      steps:\n        - analysis: {templates: [${ref}]}\n`;

testRule(rule, {
  valid: [
    { name: 'a ClusterAnalysisTemplate declared in the configuration', code: rollout('{templateName: slo, clusterScope: true}'), options: { external: ['argoproj.io/ClusterAnalysisTemplate/slo'] } },
  ],
  invalid: [
    {
      name: 'a namespaced template of another namespace',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: slo, namespace: shared}\nspec: {metrics: []}\n---\n' + rollout('{templateName: slo}'),
      errors: [{
        message: 'Rollout `api` runs AnalysisTemplate `slo`, which does not exist in namespace `apps`: the Rollout is InvalidSpec and never promoted; AnalysisTemplate `slo` exists in namespace `shared`',
        line: 13,
        column: 49,
        severity: 2,
      }],
    },
    {
      name: 'an experiment analysis',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata: {name: latency, namespace: apps}\nspec: {metrics: []}\n---\n' +
        rollout('{templateName: latency}').replace('- analysis: {templates: [{templateName: latency}]}', '- experiment: {analyses: [{name: compare, templateName: latancy}]}'),
      errors: [{ message: /runs AnalysisTemplate `latancy`, which does not exist in namespace `apps`.*; did you mean `latency`\?$/, line: 13, column: 65, severity: 2 }],
    },
    {
      name: 'a warning for a ClusterAnalysisTemplate when the run defines none',
      code: rollout('{templateName: slo, clusterScope: true}'),
      errors: [{ message: 'Rollout `api` runs ClusterAnalysisTemplate `slo`, which does not exist: the Rollout is InvalidSpec and never promoted; the manifests define no ClusterAnalysisTemplate', line: 8, column: 49, severity: 1 }],
    },
  ],
});
