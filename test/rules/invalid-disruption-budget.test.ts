import rule from '../../rules/invalid-disruption-budget.js';
import { testRule } from '../helpers/test-rule.js';

const pdb = (spec: string, apiVersion = 'policy/v1') => `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n${spec}  selector: {matchLabels: {app: a}}\n`;

testRule(rule, {
  valid: [
    { name: 'minAvailable 0 and 100%', code: pdb('  minAvailable: 0\n') + '---\n' + pdb('  maxUnavailable: 100%\n') },
    { name: 'a null maxUnavailable is unset', code: pdb('  minAvailable: 1\n  maxUnavailable: null\n') },
  ],
  invalid: [
    {
      name: 'above 100% and negative, in policy/v1beta1',
      code: pdb('  minAvailable: 120%\n', 'policy/v1beta1') + '---\n' + pdb('  maxUnavailable: -1\n'),
      errors: [
        { message: 'PodDisruptionBudget `p` minAvailable `120%` is more than 100%, which the API server rejects', line: 5, column: 17 },
        { message: 'PodDisruptionBudget `p` maxUnavailable `-1` must not be negative', line: 12, column: 19 },
      ],
    },
  ],
});
