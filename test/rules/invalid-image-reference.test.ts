import rule from '../../rules/invalid-image-reference.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;

testRule(rule, {
  valid: [
    { name: 'tag and digest', code: deployment('nginx:1.27@sha256:' + 'a'.repeat(64)) },
    { name: 'no image field (schema rules own that)', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}]\n' },
    { name: 'Argo Rollout', code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: nginx}]\n' },
  ],
  invalid: [
    {
      name: 'uppercase repository, with a suggestion',
      code: deployment('Nginx:1.27'),
      errors: [
        {
          message: 'Deployment `web` container `app` has image `Nginx:1.27`, which the kubelet rejects with InvalidImageName: the repository name must be lowercase; did you mean `nginx:1.27`?',
          line: 9,
          column: 18,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'empty image in an ephemeral container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n  ephemeralContainers:\n    - name: debug\n      image: ""\n',
      errors: [{ message: /container `debug` has image ``, which the kubelet rejects with InvalidImageName: it is empty/, line: 8, column: 14 }],
    },
    {
      name: 'Rollout with a tag that is too long',
      code: `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: "nginx:${'x'.repeat(129)}"}]\n`,
      errors: [{ message: /^Rollout `r` container `a` has image `nginx:x+`, which the kubelet rejects with InvalidImageName: .*tag/, line: 7, column: 37 }],
    },
  ],
});
