import rule from '../../rules/service-selector-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

testRule(rule, {
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
  ],
});
