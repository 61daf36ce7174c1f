import rule from '../../rules/scaled-object-hpa-conflict.js';
import { testRule } from '../helpers/test-rule.js';

const hpa = (name: string, target: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}, maxReplicas: 3}\n---\n`;
const so = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {name: web}\n  triggers: [{type: cpu, metadata: {value: "50"}}]\n';

testRule(rule, {
  valid: [
    { name: 'the default keda-hpa-<name> HPA', code: hpa('keda-hpa-web', 'web') + so },
    { name: 'an HPA of another namespace', code: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: other}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}\n---\n' + so },
  ],
  invalid: [
    {
      name: 'a plain HPA on the same Deployment',
      code: hpa('web-cpu', 'web') + so,
      errors: [{
        message: 'ScaledObject `web` scales Deployment `web`, which HorizontalPodAutoscaler `web-cpu` also scales: two HPAs fight over its replicas and the HPA controller stops both (AmbiguousSelector)',
        line: 10,
        column: 26,
      }],
    },
  ],
});
