import { defineRule, missingReference, rolloutServices } from '../src/rule-api.js';

export default defineRule({
  id: 'rollout-missing-service',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout strategy names a stable, canary, active or preview Service that does not exist',
  ecosystem: 'Argo Rollouts',
  docs: {
    why:
      'The canary strategy\'s `stableService`, `canaryService` and `pingPong` Services and the blue-green strategy\'s ' +
      "`activeService` and `previewService` name Services of the Rollout's namespace. Each reconcile, the controller reads them to add " +
      'the `rollouts-pod-template-hash` selector that splits traffic (rollout/service.go); a Service that does not ' +
      'exist fails the reconcile ("service \\"x\\" not found") and sets the `InvalidSpec` condition: the update never ' +
      'progresses and, for blue-green, nothing is ever promoted to the active Service.',
    fix: 'Create the Service in the Rollout\'s namespace (a copy of the stable Service for canary/preview), or fix the name.',
  },
  messages: {
    missing: 'Rollout `{{rollout}}` uses Service `{{service}}` as {{field}}, which does not exist in namespace `{{namespace}}`: the Rollout is InvalidSpec and never progresses{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const ref of rolloutServices(resource)) {
      const missing = missingReference(index, 'Service', namespace, ref.name);
      if (missing) report(resource.node(...ref.path), 'missing', { rollout: resource.name, service: ref.name, field: `\`${ref.field}\``, namespace, hint: missing.hint });
    }
  },
});
