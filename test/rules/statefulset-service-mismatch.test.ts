import rule from '../../rules/statefulset-service-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const sts = (serviceName: string, namespace = 'default', extra = '') => [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  `metadata: {name: db, namespace: ${namespace}}`,
  'spec:',
  `  serviceName: ${serviceName}`,
  ...(extra ? [`  ${extra}`] : []),
  '  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: a, image: postgres}]}}',
].join('\n');

const service = (name: string, spec: string, namespace = 'default') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'empty serviceName', code: sts('""') },
    { name: 'headless via clusterIPs', code: service('db', '{clusterIPs: [None], selector: {app: db}}') + sts('db') },
    { name: 'a headless Service without selector (endpoints managed by hand)', code: service('db', '{clusterIP: None}') + sts('db') },
    { name: 'a headless Service selecting no pod at all is service-selector-mismatch\'s', code: service('db', '{clusterIP: None, selector: {app: nothing}}') + sts('db') },
  ],
  invalid: [
    {
      name: 'missing Service with a did-you-mean and the first ordinal',
      code: service('postgres', '{clusterIP: None, selector: {app: other}}') + sts('postgre', 'default', 'ordinals: {start: 1}'),
      errors: [{
        message: 'StatefulSet `db` has `serviceName: postgre`, but no Service `postgre` exists in namespace `default`, so its pods get no DNS names such as `db-1.postgre`; did you mean `postgres`?',
        line: 10,
        column: 16,
      }],
    },
    {
      name: 'Service in another namespace',
      code: service('db', '{clusterIP: None, selector: {app: db}}', 'data') + sts('db'),
      errors: [{
        message: 'StatefulSet `db` has `serviceName: db`, but no Service `db` exists in namespace `default`, so its pods get no DNS names such as `db-0.db`; a Service `db` exists in namespace `data`, but pod DNS names need one in the StatefulSet\'s namespace',
        line: 10,
        column: 16,
      }],
    },
    {
      name: 'a ClusterIP Service, with a headless one that selects the pods',
      code: service('db', '{clusterIP: 10.96.0.20, selector: {app: db}}') + service('db-headless', '{clusterIP: None, selector: {app: db}}') + sts('db'),
      errors: [{
        message: 'StatefulSet `db` has `serviceName: db`, but Service `db` is not headless (`clusterIP: 10.96.0.20`), so its pods get no DNS names such as `db-0.db`; headless Service `db-headless` selects its pods: set `serviceName: db-headless`',
        line: 15,
        column: 16,
      }],
    },
    {
      name: 'a Service without clusterIP',
      code: service('db', '{selector: {app: db}}') + sts('db'),
      errors: [{
        message: 'StatefulSet `db` has `serviceName: db`, but Service `db` is not headless (no `clusterIP: None`), so its pods get no DNS names such as `db-0.db`; add a headless Service (`clusterIP: None`) for the pods and name it in `serviceName`',
        line: 10,
        column: 16,
      }],
    },
  ],
});
