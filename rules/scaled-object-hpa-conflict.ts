import { adoptedHpaName, defineRule, scaledObjectTarget, scalersOf, TRANSFER_HPA_OWNERSHIP } from '../src/rule-api.js';

export default defineRule({
  id: 'scaled-object-hpa-conflict',
  severity: 'error',
  kinds: ['keda.sh/ScaledObject'],
  description: 'KEDA ScaledObject scales a workload that another HorizontalPodAutoscaler or ScaledObject already scales',
  ecosystem: 'KEDA',
  docs: {
    why:
      'KEDA scales through an HPA of its own, named `advanced.horizontalPodAutoscalerConfig.name` or ' +
      '`keda-hpa-<ScaledObject>` (controllers/keda/hpa.go). A second HPA, or a second ScaledObject, on the same ' +
      'workload means two HPAs writing one replica count: the HPA controller detects it and stops both with ' +
      '`ScalingActive=False`, reason `AmbiguousSelector` ("pods by selector ... are controlled by multiple HPAs"), ' +
      "and KEDA's admission webhook (`verifyHpas`, `verifyScaledObjects`) rejects the ScaledObject: \"the workload " +
      "'web' of type 'apps/v1.Deployment' is already managed by the hpa 'web'\". The only exception is a takeover: " +
      'the ScaledObject carries the annotation `scaledobject.keda.sh/transfer-hpa-ownership: "true"` and names the ' +
      'HPA in `advanced.horizontalPodAutoscalerConfig.name`; KEDA then adopts that HPA.',
    fix:
      'Delete the separate HorizontalPodAutoscaler (express its CPU or memory targets as `cpu`/`memory` triggers of ' +
      'the ScaledObject) or let KEDA take it over (annotation and name above); keep one ScaledObject per workload.',
  },
  messages: {
    conflict: 'ScaledObject `{{so}}` scales {{kind}} `{{name}}`, which {{other}} also scales: two HPAs fight over its replicas, the HPA controller stops both (AmbiguousSelector) and the KEDA webhook rejects the ScaledObject{{hint}}',
  },
  check({ resource, index, report }) {
    const target = scaledObjectTarget(resource);
    if (!target) return;
    const adopted = adoptedHpaName(resource);
    for (const scaler of scalersOf(index, resource.namespace!, target.kind, target.name)) {
      const isScaledObject = scaler.owner.kind === 'ScaledObject';
      // Itself or a second definition of it (duplicate-object owns that), or the HPA it takes over.
      if ((isScaledObject && scaler.owner.name === resource.name) || (!isScaledObject && scaler.owner.name === adopted)) continue;
      const hint = isScaledObject
        ? ''
        : `; delete the HPA, or let KEDA take it over: annotate the ScaledObject \`${TRANSFER_HPA_OWNERSHIP}: "true"\` and set \`advanced.horizontalPodAutoscalerConfig.name: ${scaler.owner.name}\``;
      const other = `${isScaledObject ? 'ScaledObject' : 'HorizontalPodAutoscaler'} \`${scaler.owner.name}\``;
      report(resource.node('spec', 'scaleTargetRef', 'name'), 'conflict', { so: resource.name, kind: target.kind, name: target.name, other, hint });
    }
  },
});
