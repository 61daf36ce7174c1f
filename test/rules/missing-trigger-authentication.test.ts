import rule from '../../rules/missing-trigger-authentication.js';
import { testRule } from '../helpers/test-rule.js';

const so = (ref: string) => `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: api, namespace: web}\nspec:\n  scaleTargetRef: {name: api}\n  triggers:\n    - {type: prometheus, authenticationRef: ${ref}}\n`;

testRule(rule, {
  valid: [
    { name: 'declared in the configuration', code: so('{name: prom, kind: ClusterTriggerAuthentication}'), options: { external: ['keda.sh/ClusterTriggerAuthentication/prom'] } },
  ],
  invalid: [
    {
      name: 'names the trigger by type and the namespace',
      code: 'apiVersion: keda.sh/v1alpha1\nkind: TriggerAuthentication\nmetadata: {name: prom-auth, namespace: web}\nspec: {}\n---\n' + so('{name: prom}'),
      errors: [{
        message: 'ScaledObject `api` trigger `prometheus` authenticates with TriggerAuthentication `prom`, which does not exist in namespace `web`: KEDA cannot build the scaler and never scales on it; namespace `web` defines TriggerAuthentication `prom-auth`',
        line: 12,
        column: 52,
        severity: 2,
      }],
    },
    {
      name: 'a warning for a ClusterTriggerAuthentication when the run defines none',
      code: so('{name: prom, kind: ClusterTriggerAuthentication}'),
      errors: [{ message: /ClusterTriggerAuthentication `prom`, which does not exist: .*; the manifests define no ClusterTriggerAuthentication$/, line: 7, column: 52, severity: 1 }],
    },
  ],
});
