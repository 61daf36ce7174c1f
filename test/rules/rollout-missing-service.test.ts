import rule from '../../rules/rollout-missing-service.js';
import { testRule } from '../helpers/test-rule.js';

const rollout = (strategy: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api, namespace: apps}\nspec:\n  strategy:\n    canary: ${strategy}\n`;

testRule(rule, {
  valid: [
    { name: 'a canary without Services (replica-weighted)', code: rollout('{steps: [{setWeight: 20}]}') },
    { name: 'a Service declared in the configuration', code: rollout('{stableService: api}'), options: { external: ['Service/apps/api'] } },
  ],
  invalid: [
    {
      name: 'the canary Service of a namespace without Services',
      code: rollout('{stableService: api, canaryService: api-canary}') + '---\napiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: apps}\nspec: {selector: {app: api}, ports: [{port: 80}]}\n',
      errors: [{
        message: 'Rollout `api` uses Service `api-canary` as `canaryService`, which does not exist in namespace `apps`: the Rollout is InvalidSpec and never progresses; namespace `apps` defines Service `api`',
        line: 6,
        column: 49,
      }],
    },
    {
      name: 'a pingPong Service',
      code: rollout('{pingPong: {pingService: api-ping, pongService: api-pong}}') + '---\napiVersion: v1\nkind: Service\nmetadata: {name: api-ping, namespace: apps}\nspec: {ports: [{port: 80}]}\n',
      errors: [{ message: /uses Service `api-pong` as `pongService`, which does not exist in namespace `apps`.*; did you mean `api-ping`\?$/, line: 6, column: 61 }],
    },
  ],
});
