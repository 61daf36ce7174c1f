import rule from '../../rules/missing-service-account.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (spec: string, namespace = 'shop') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${namespace}}\nspec:\n  template:\n    spec:\n${spec}      containers: [{name: web, image: nginx}]\n`;

testRule(rule, {
  valid: [
    { name: 'no service account', code: deployment('') },
    { name: 'default', code: deployment('      serviceAccountName: default\n') },
    { name: 'serviceAccountName wins over the deprecated field', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n---\n' + deployment('      serviceAccountName: web\n      serviceAccount: old\n') },
  ],
  invalid: [
    {
      name: 'names the server error',
      code: deployment('      serviceAccountName: web\n'),
      errors: [
        {
          message:
            'Deployment `web` runs as ServiceAccount `web`, but no ServiceAccount `web` exists in namespace `shop`: pods are rejected (error looking up service account shop/web: serviceaccount "web" not found)',
          line: 7,
          column: 27,
        },
      ],
    },
    {
      name: 'suggests the closest ServiceAccount of the namespace',
      code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: frontend, namespace: shop}\n---\n' + deployment('      serviceAccountName: fronted\n'),
      errors: [{ message: /not found\); did you mean `frontend`\?$/, line: 11, column: 27 }],
    },
    {
      name: 'the default namespace when metadata.namespace is absent',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: builder\n  containers: [{name: a, image: nginx}]\n',
      errors: [{ message: /^Pod `p` runs as ServiceAccount `builder`, but no ServiceAccount `builder` exists in namespace `default`/, line: 5, column: 23 }],
    },
  ],
});
