import { defineRule, scaledObjectTarget, scalersOf } from '../src/rule-api.js';

export default defineRule({
  id: 'scaled-object-hpa-conflict',
  severity: 'error',
  kinds: ['keda.sh/ScaledObject'],
  description: 'KEDA ScaledObject scales a workload that another HorizontalPodAutoscaler or ScaledObject already scales',
  docs: {
    why:
      'KEDA scales through an HPA of its own, named `advanced.horizontalPodAutoscalerConfig.name` or ' +
      '`keda-hpa-<ScaledObject>` (controllers/keda/hpa.go). A second HPA, or a second ScaledObject, on the same ' +
      'workload means two HPAs writing one replica count: the HPA controller detects it and stops both with ' +
      '`ScalingActive=False`, reason `AmbiguousSelector` ("pods by selector ... are controlled by multiple HPAs"), ' +
      "and KEDA's admission webhook, where installed, rejects the ScaledObject (\"the workload ... is already managed " +
      'by the hpa ...\"). An HPA named like the one KEDA manages for this ScaledObject is not a conflict: KEDA adopts ' +
      'it (`scaledobject.keda.sh/transfer-hpa-ownership`).',
    fix: 'Delete the separate HorizontalPodAutoscaler (express its CPU or memory targets as `cpu`/`memory` triggers of the ScaledObject), or keep one ScaledObject per workload.',
  },
  messages: {
    conflict: 'ScaledObject `{{so}}` scales {{kind}} `{{name}}`, which {{other}} also scales: two HPAs fight over its replicas and the HPA controller stops both (AmbiguousSelector)',
  },
  check({ resource, index, report }) {
    const target = scaledObjectTarget(resource);
    if (!target) return;
    const scalers = scalersOf(index, resource.namespace!, target.kind, target.name);
    const mine = scalers.find((s) => s.owner === resource);
    for (const scaler of scalers) {
      // Itself, the HPA KEDA adopts for it, or a second definition of it (duplicate-object owns that).
      const same = scaler.owner.kind === resource.kind && scaler.owner.name === resource.name;
      if (same || scaler.hpaName === mine?.hpaName) continue;
      const other = scaler.owner.kind === 'ScaledObject' ? `ScaledObject \`${scaler.owner.name}\`` : `HorizontalPodAutoscaler \`${scaler.owner.name}\``;
      report(resource.node('spec', 'scaleTargetRef', 'name'), 'conflict', { so: resource.name, kind: target.kind, name: target.name, other });
    }
  },
});
