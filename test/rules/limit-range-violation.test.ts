import rule from '../../rules/limit-range-violation.js';
import { testRule } from '../helpers/test-rule.js';

const limitRange = (items: string) => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: bounds, namespace: shop}\nspec:\n  limits:\n${items}---\n`;
const pod = (resources: string, spec = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}  containers:\n    - name: web\n      image: nginx\n      resources: ${resources}\n`;

testRule(rule, {
  valid: [
    { name: 'max defaults the limit', code: limitRange('    - {type: Container, max: {cpu: "1"}}\n') + pod('{}') },
    { name: 'quantities compare by value', code: limitRange('    - {type: Container, max: {memory: 1Gi}}\n') + pod('{limits: {memory: 1024Mi}}') },
    { name: 'min defaults the request', code: limitRange('    - {type: Container, min: {memory: 64Mi}}\n') + pod('{}') },
  ],
  invalid: [
    {
      name: 'maximum per Container, with the server message',
      code: limitRange('    - {type: Container, max: {cpu: "1"}}\n') + pod('{limits: {cpu: "2"}}'),
      errors: [
        {
          message:
            'Pod `web` container `web` has cpu limit `2`, above the maximum `1` per Container of LimitRange `bounds`: pods are rejected with "maximum cpu usage per Container is 1, but limit is 2"',
          line: 15,
          column: 33,
        },
      ],
    },
    {
      name: 'a request defaulted from the limit breaks a minimum',
      code: limitRange('    - {type: Container, min: {cpu: 100m}}\n') + pod('{limits: {cpu: 50m}}'),
      errors: [{ message: 'Pod `web` container `web` has cpu request `50m` (defaulted from its limit), below the minimum `100m` per Container of LimitRange `bounds`: pods are rejected with "minimum cpu usage per Container is 100m, but request is 50m"', line: 15, column: 33 }],
    },
    {
      name: 'a LimitRange default above another maximum',
      code: limitRange('    - {type: Container, default: {memory: 2Gi}}\n    - {type: Pod, max: {memory: 1Gi}}\n') + pod('{}'),
      errors: [{ message: /^Every pod of Pod `web` has memory limit `2Gi`, above the maximum `1Gi` per Pod of LimitRange `bounds`/, line: 16, column: 7 }],
    },
    {
      name: 'ratio without a limit',
      code: limitRange('    - {type: Container, maxLimitRequestRatio: {cpu: "4"}}\n') + pod('{requests: {cpu: 100m}}'),
      errors: [{ message: 'Pod `web` container `web` sets no cpu limit, which LimitRange `bounds` requires (maxLimitRequestRatio `4` per Container): pods are rejected', line: 15, column: 7 }],
    },
    {
      name: 'Pod maximum without any limit',
      code: limitRange('    - {type: Pod, max: {cpu: "2"}}\n') + pod('{requests: {cpu: 100m}}'),
      errors: [{ message: /^Every pod of Pod `web` sets no cpu limit, which LimitRange `bounds` requires \(maximum `2` per Pod\)/, line: 15, column: 7 }],
    },
  ],
});
