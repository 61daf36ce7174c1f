import rule from '../../rules/missing-configmap.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (namespace: string, container: string[]) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: api, namespace: ${namespace}}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: api',
    ...container.map((line) => `          ${line}`),
  ].join('\n');

const configMap = (name: string, namespace: string, data: string) =>
  ['apiVersion: v1', 'kind: ConfigMap', `metadata: {name: ${name}, namespace: ${namespace}}`, `data: ${data}`, '---'].join('\n');

testRule(rule, {
  valid: [
    {
      name: 'an Argo Rollout reads a defined ConfigMap',
      code: [
        configMap('web-config', 'default', '{mode: prod}'),
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Rollout',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{name: web, image: web, envFrom: [{configMapRef: {name: web-config}}]}]',
      ].join('\n'),
    },
    {
      name: 'a StatefulSet template volume named like a volumeClaimTemplate is replaced by the claim',
      code: [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{name: pg, image: postgres, volumeMounts: [{name: data, mountPath: /data}]}]',
        '      volumes: [{name: data, configMap: {name: never-created}}]',
        '  volumeClaimTemplates: [{metadata: {name: data}}]',
      ].join('\n'),
    },
    {
      name: 'objects that are not pod templates are ignored',
      code: ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', 'data: {configMapRef: missing}'].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'envFrom names a ConfigMap that does not exist, with a suggestion',
      code: [configMap('api-conf', 'shop', '{log-level: info}'), deployment('shop', ['envFrom:', '  - configMapRef: {name: api-config}'])].join('\n'),
      errors: [
        {
          message:
            'Deployment `api` container `app` reads ConfigMap `api-config` from envFrom, but no ConfigMap `api-config` exists in namespace `shop`; did you mean `api-conf`?',
          line: 16,
          column: 36,
          endColumn: 46,
          severity: 2,
        },
      ],
    },
    {
      name: 'a key ref names a key the ConfigMap lacks',
      code: [
        configMap('api-config', 'shop', '{log-level: info, port: "8080"}'),
        deployment('shop', ['env:', '  - name: LOG_LEVEL', '    valueFrom:', '      configMapKeyRef: {name: api-config, key: LOG_LEVEL}']),
      ].join('\n'),
      errors: [
        {
          message:
            'Deployment `api` container `app` reads key `LOG_LEVEL` of ConfigMap `api-config` from env `LOG_LEVEL`, but ConfigMap `api-config` has no key `LOG_LEVEL` (keys: `log-level`, `port`); did you mean `log-level`?',
          line: 18,
          column: 58,
        },
      ],
    },
    {
      name: 'a custom kind embedding spec.template is checked like a Deployment',
      code: [
        'apiVersion: apps.kruise.io/v1alpha1',
        'kind: CloneSet',
        'metadata: {name: shop, namespace: retail}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: shop',
        '          image: shop',
        '          volumeMounts: [{name: conf, mountPath: /conf}]',
        '      volumes:',
        '        - name: conf',
        '          configMap: {name: shop-conf}',
      ].join('\n'),
      errors: [
        {
          message:
            'CloneSet `shop` container `shop` reads ConfigMap `shop-conf` through volume `conf`, but no ConfigMap `shop-conf` exists in namespace `retail`',
          line: 13,
          column: 29,
        },
      ],
    },
    {
      name: 'an unparsable document in the run may be the missing ConfigMap',
      options: { rules: { 'yaml-syntax': 'off' } },
      code: [deployment('default', ['envFrom: [{configMapRef: {name: settings}}]']), '---', 'kind: ConfigMap', 'data: {a: [}'].join('\n'),
      errors: [
        {
          // The runner appends the gap note; its wording is the runner's, so only its start is pinned here.
          message:
            /^Deployment `api` container `app` reads ConfigMap `settings` from envFrom, but no ConfigMap `settings` exists in namespace `default` \(1 unparsable document\(s\) in this run /,
          line: 10,
          column: 43,
        },
      ],
    },
  ],
});
