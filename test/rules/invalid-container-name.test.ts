import rule from '../../rules/invalid-container-name.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (containers: string, extra = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: ${containers}\n${extra}`;

testRule(rule, {
  valid: [
    { name: 'digits and dashes', code: pod('[{name: 1-web-2, image: nginx}]') },
    { name: 'non-string name (schema rules own it)', code: pod('[{name: 12, image: nginx}]') },
    { name: 'no name (schema rules own it)', code: pod('[{image: nginx}]') },
    {
      name: 'Argo Rollout with distinct names',
      code: 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: nginx}, {name: b, image: nginx}]\n',
    },
  ],
  invalid: [
    {
      name: 'underscore, with a suggestion',
      code: pod('[{name: my_app, image: nginx}]'),
      errors: [
        {
          message: 'Pod `p` container name `my_app` is not a DNS-1123 label: it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit; did you mean `my-app`?',
          line: 5,
          column: 23,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'empty name',
      code: pod('[{name: "", image: nginx}]'),
      errors: [{ message: 'Pod `p` container name `` is not a DNS-1123 label: it is empty', line: 5, column: 23 }],
    },
    {
      name: 'too long',
      code: pod(`[{name: ${'a'.repeat(64)}, image: nginx}]`),
      errors: [{ message: /name `a{64}` is not a DNS-1123 label: it is longer than 63 characters; did you mean `a{63}`\?$/, line: 5, column: 23 }],
    },
    {
      name: 'dots',
      code: pod('[{name: web.v2, image: nginx}]'),
      errors: [{ message: 'Pod `p` container name `web.v2` is not a DNS-1123 label: it must not contain dots; did you mean `web-v2`?', line: 5, column: 23 }],
    },
    {
      name: 'ephemeral container reusing an init container name',
      code: pod('[{name: app, image: nginx}]', '  initContainers: [{name: setup, image: busybox}]\n  ephemeralContainers:\n    - {name: setup, image: busybox}\n'),
      errors: [
        {
          message: 'Pod `p` ephemeral container name `setup` is already used by `spec.initContainers[0]`; container names must be unique across containers, initContainers and ephemeralContainers',
          line: 8,
          column: 14,
        },
      ],
    },
    {
      name: 'duplicate in a Job in a List',
      code: 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: Job\n    metadata: {name: j}\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: a, image: x}, {name: a, image: y}]\n',
      errors: [
        {
          message: 'Job `j` container name `a` is already used by `spec.template.spec.containers[0]`; container names must be unique across containers, initContainers and ephemeralContainers',
          line: 11,
          column: 52,
        },
      ],
    },
  ],
});
