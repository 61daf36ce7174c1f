import rule from '../../rules/service-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

testRule(rule, {
  valid: [
    {
      name: 'OpenShift DeploymentConfig pods are selected like any workload',
      code: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: nginx}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: a}}\n',
    },
  ],
  invalid: [
    {
      name: 'names the closest pod template',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec: {containers: [{name: a, image: nginx}]}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: web}',
        'spec:',
        '  selector:',
        '    app: webb',
      ].join('\n'),
      errors: [
        {
          message: 'Service `web` selects `app=webb`, but no pod in namespace `default` has those labels; pods of Deployment `web` are labelled `app=web`',
          line: 14,
          column: 10,
        },
      ],
    },
    {
      name: 'a DeploymentConfig whose labels differ is named as the closest',
      code: 'apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: nginx}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: b}}\n',
      errors: [{ message: /pods of DeploymentConfig `a` are labelled `app=a`$/, line: 12, column: 24 }],
    },
    {
      name: 'says when the matching pods are in another namespace',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: api, namespace: backend, labels: {app: api}}',
        'spec: {containers: [{name: a, image: nginx}]}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: api}',
        'spec:',
        '  selector: {app: api}',
      ].join('\n'),
      errors: [
        {
          message: 'Service `api` selects `app=api`, which only matches pods of Pod `api` in namespace `backend`; a Service selects pods of its own namespace `default`',
          line: 10,
          column: 13,
        },
      ],
    },
    {
      name: 'prefers the workload with similar labels and name as the closest',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: a, image: nginx}]}}}',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: frontend}',
        'spec: {template: {metadata: {labels: {app: frontend, tier: web}}, spec: {containers: [{name: a, image: nginx}]}}}',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: frontend}',
        'spec: {selector: {app: frontend-web}}',
      ].join('\n'),
      errors: [
        {
          message: 'Service `frontend` selects `app=frontend-web`, but no pod in namespace `default` has those labels; pods of Deployment `frontend` are labelled `app=frontend, tier=web`',
          line: 14,
          column: 24,
        },
      ],
    },
  ],
});
