import rule from '../../rules/scaled-object-hpa-conflict.js';
import { testRule } from '../helpers/test-rule.js';

const hpa = (name: string, target: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}, maxReplicas: 3}\n---\n`;
const so = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}\n  triggers: [{type: cpu, metadata: {value: "50"}}]\n';

testRule(rule, {
  valid: [
    {
      name: 'an HPA the ScaledObject takes over',
      code: hpa('web-cpu', 'web') + so.replace('metadata: {name: web}', 'metadata: {name: web, annotations: {scaledobject.keda.sh/transfer-hpa-ownership: "true"}}')
        .replace('spec:\n', 'spec:\n  advanced: {horizontalPodAutoscalerConfig: {name: web-cpu}}\n'),
    },
    { name: 'an HPA of another namespace', code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: other}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}\n---\n' + so },
  ],
  invalid: [
    {
      name: 'a plain HPA on the same Deployment',
      code: hpa('web-cpu', 'web') + so,
      errors: [{
        message: 'ScaledObject `web` scales Deployment `web`, which HorizontalPodAutoscaler `web-cpu` also scales: two HPAs fight over its replicas, the HPA controller stops both (AmbiguousSelector) and the KEDA webhook rejects the ScaledObject; delete the HPA, or let KEDA take it over: annotate the ScaledObject `scaledobject.keda.sh/transfer-hpa-ownership: "true"` and set `advanced.horizontalPodAutoscalerConfig.name: web-cpu`',
        line: 10,
        column: 26,
      }],
    },
    {
      name: 'an HPA named like the one KEDA would create, without the takeover annotation',
      code: hpa('keda-hpa-web', 'web') + so,
      errors: [{ message: /which HorizontalPodAutoscaler `keda-hpa-web` also scales/, line: 10, column: 26 }],
    },
    {
      name: 'the takeover names another HPA',
      code: hpa('web-cpu', 'web') + so.replace('metadata: {name: web}', 'metadata: {name: web, annotations: {scaledobject.keda.sh/transfer-hpa-ownership: "true"}}')
        .replace('spec:\n', 'spec:\n  advanced: {horizontalPodAutoscalerConfig: {name: web-hpa}}\n'),
      errors: [{ message: /which HorizontalPodAutoscaler `web-cpu` also scales/, line: 11, column: 26 }],
    },
  ],
});
