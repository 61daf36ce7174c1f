import { analysisTemplateRefs, defineRule, missingReference, ROLLOUT_KINDS } from '../src/rule-api.js';

export default defineRule({
  id: 'rollout-missing-analysis-template',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout analysis names an AnalysisTemplate or ClusterAnalysisTemplate that does not exist',
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
      const kindRef = ref.clusterScope ? ROLLOUT_KINDS.ClusterAnalysisTemplate : ROLLOUT_KINDS.AnalysisTemplate;
      const missing = missingReference(index, kindRef, ref.clusterScope ? undefined : namespace, ref.name);
      if (!missing) continue;
      const other = ref.clusterScope ? index.exists(ROLLOUT_KINDS.AnalysisTemplate, namespace, ref.name) : index.exists(ROLLOUT_KINDS.ClusterAnalysisTemplate, undefined, ref.name);
      const hint = other
        ? `; ${ref.clusterScope ? 'AnalysisTemplate' : 'ClusterAnalysisTemplate'} \`${ref.name}\` exists: set \`clusterScope: ${!ref.clusterScope}\``
        : missing.hint;
      const data = { rollout: resource.name, kind: ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate', name: ref.name, where: ref.clusterScope ? '' : ` in namespace \`${namespace}\``, hint };
      report(resource.node(...ref.path), 'missing', data, missing.managed || other ? undefined : { severity: 'warn' });
    }
  },
});
