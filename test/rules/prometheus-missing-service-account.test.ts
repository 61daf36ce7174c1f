import rule from '../../rules/prometheus-missing-service-account.js';
import { testRule } from '../helpers/test-rule.js';

const alertmanager = 'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main}\nspec: {serviceAccountName: alertmanager}\n';

testRule(rule, {
  valid: [
    { name: 'declared external', code: alertmanager, options: { external: ['ServiceAccount/default/alertmanager'] } },
  ],
  invalid: [
    {
      name: 'names the namespace and the consequence',
      code: alertmanager,
      errors: [{
        message: 'Alertmanager `main` runs as ServiceAccount `alertmanager`, but no ServiceAccount `alertmanager` exists in namespace `default`, so the operator\'s StatefulSet cannot create its pods',
        line: 4,
        column: 28,
      }],
    },
  ],
});
