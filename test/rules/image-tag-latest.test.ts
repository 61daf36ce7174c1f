import rule from '../../rules/image-tag-latest.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (image: string, policy = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: ${image}\n${policy ? `      imagePullPolicy: ${policy}\n` : ''}`;

testRule(rule, {
  valid: [
    { name: 'a tag that merely contains latest', code: pod('nginx:latest-alpine') },
    { name: 'a digest without tag', code: pod(`nginx@sha256:${'a'.repeat(64)}`) },
    { name: 'invalid references are left to invalid-image-reference', code: pod('Nginx') },
  ],
  invalid: [
    {
      name: 'no tag, default pull policy',
      code: pod('redis'),
      errors: [
        {
          message: 'Pod `p` container `app` image `redis` has no tag, so the kubelet pulls `redis:latest` and imagePullPolicy defaults to `Always`; pin a version tag or a digest',
          line: 7,
          column: 14,
          endColumn: 19,
          severity: 1,
        },
      ],
    },
    {
      name: 'explicit latest with Always, and a sibling pinning docker.io/library/redis',
      code: pod('docker.io/library/redis:latest', 'Always') + '---\n' + pod('redis:7.4.1').replace('{name: p}', '{name: cache}'),
      errors: [
        {
          message: 'Pod `p` container `app` image `docker.io/library/redis:latest` uses the `latest` tag; pin a version tag or a digest, as Pod `cache` does with `redis:7.4.1`',
          line: 7,
          column: 14,
        },
      ],
    },
  ],
});
