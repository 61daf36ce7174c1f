import rule from '../../rules/missing-container-image.js';
import { testRule } from '../helpers/test-rule.js';

const template = (kind: string, containers: string, apiVersion = 'apps/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers: ${containers}\n`;

testRule(rule, {
  valid: [
    { name: 'empty string (invalid-image-reference owns it)', code: template('Deployment', '[{name: a, image: ""}]') },
    { name: 'non-string image (schema rules own it)', code: template('Deployment', '[{name: a, image: 12}]') },
    { name: 'Argo Rollout', code: template('Rollout', '[{name: a}]', 'argoproj.io/v1alpha1') },
  ],
  invalid: [
    {
      name: 'ReplicaSet',
      code: template('ReplicaSet', '[{name: api}]'),
      errors: [{ message: 'ReplicaSet `w` container `api` has no `image`, which the API server requires', line: 7, column: 27, endColumn: 30 }],
    },
    {
      name: 'ReplicationController with an unnamed container',
      code: template('ReplicationController', '[{ports: [{containerPort: 80}]}]', 'v1'),
      errors: [{ message: 'ReplicationController `w` container `containers[0]` has no `image`, which the API server requires', line: 7, column: 20 }],
    },
    {
      name: 'StatefulSet init container with a null image',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: null}]\n      containers: [{name: a, image: nginx}]\n',
      errors: [{ message: 'StatefulSet `s` init container `init` has no `image`, which the API server requires', line: 7, column: 37 }],
    },
  ],
});
