import { analysisTemplateRefs, defineRule, missingScopedReference, ROLLOUT_KINDS } from '../src/rule-api.js';

const TEMPLATES = { namespaced: ROLLOUT_KINDS.AnalysisTemplate, cluster: ROLLOUT_KINDS.ClusterAnalysisTemplate };

export default defineRule({
  id: 'rollout-missing-analysis-template',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout analysis names an AnalysisTemplate or ClusterAnalysisTemplate that does not exist',
  ecosystem: 'Argo Rollouts',
  docs: {
    why:
      'Analysis templates are named in `canary.analysis.templates`, `canary.steps[].analysis.templates`, ' +
      '`canary.steps[].experiment.analyses` and `blueGreen.prePromotionAnalysis` / `postPromotionAnalysis`. The ' +
      "controller reads an AnalysisTemplate of the Rollout's namespace, or a ClusterAnalysisTemplate when the " +
      'reference sets `clusterScope: true` (utils/analysis `GetAnalysisTemplatesFromRefs`). A template that does not ' +
      'exist fails the reconcile and sets `InvalidSpec`: the update stops at that step and is never promoted. The ' +
      'finding is a warning when the run defines no template of that kind there (shared ClusterAnalysisTemplates ' +
      'are often installed separately).',
    fix: 'Create the template, fix its name, or set `clusterScope: true` for a ClusterAnalysisTemplate (false for a namespaced one).',
  },
  messages: {
    missing: 'Rollout `{{rollout}}` runs {{kind}} `{{name}}`, which does not exist{{where}}: the Rollout is InvalidSpec and never promoted{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const ref of analysisTemplateRefs(resource)) {
      const missing = missingScopedReference(index, TEMPLATES, ref.clusterScope, namespace, ref.name, `\`clusterScope: ${!ref.clusterScope}\``);
      if (!missing) continue;
      const data = { rollout: resource.name, kind: missing.kind, name: ref.name, where: missing.where, hint: missing.hint };
      report(resource.node(...ref.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
