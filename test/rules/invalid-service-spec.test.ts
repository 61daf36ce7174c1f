import rule from '../../rules/invalid-service-spec.js';
import { testRule } from '../helpers/test-rule.js';

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n${spec}`;

testRule(rule, {
  valid: [
    { name: 'a headless Service without type', code: service('  clusterIPs: [None]\n  ports: [{port: 80}]\n') },
    { name: 'not a core Service', code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  type: ExternalName\n' },
  ],
  invalid: [
    {
      name: 'headless NodePort through clusterIPs',
      code: service('  type: NodePort\n  clusterIPs: [None]\n'),
      errors: [{ message: 'Service `s` sets `clusterIP: None` with type `NodePort`, which the API server rejects; a headless Service must be `ClusterIP` (drop `type` or the `None`)', line: 6, column: 16 }],
    },
    {
      name: 'ExternalName without externalName, with a clusterIP',
      code: service('  type: ExternalName\n  clusterIP: 10.0.0.12\n'),
      errors: [
        { message: 'Service `s` of type `ExternalName` has no `externalName`, which the API server requires; set `externalName` to the DNS name it stands for (e.g. `db.example.com`)', line: 5, column: 3 },
        { message: 'Service `s` of type `ExternalName` sets clusterIP `10.0.0.12`, which the API server rejects; remove it', line: 6, column: 14 },
      ],
    },
    {
      name: 'client IP affinity timeout above a day',
      code: service('  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 90000}}\n'),
      errors: [{ message: 'Service `s` sessionAffinityConfig timeoutSeconds `90000` is outside 1-86400', line: 6, column: 54 }],
    },
  ],
});
