import rule from '../../rules/missing-pvc.js';
import { testRule } from '../helpers/test-rule.js';

const statefulSet = [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata: {name: db}',
  'spec:',
  '  replicas: 3',
  '  template:',
  '    spec:',
  '      containers: [{name: pg, image: postgres, volumeMounts: [{name: data, mountPath: /data}]}]',
  '  volumeClaimTemplates: [{metadata: {name: data}}]',
  '---',
].join('\n');

const restorePod = (claim: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: restore}',
    'spec:',
    '  containers: [{name: restore, image: busybox, volumeMounts: [{name: snapshot, mountPath: /in}]}]',
    '  volumes:',
    '    - name: snapshot',
    `      persistentVolumeClaim: {claimName: ${claim}, readOnly: true}`,
  ].join('\n');

testRule(rule, {
  valid: [
    { name: "a Pod mounts a claim a StatefulSet's volumeClaimTemplates create", code: [statefulSet, restorePod('data-db-2')].join('\n') },
    {
      name: 'an ephemeral volume creates its own claim',
      code: [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: scratch}',
        'spec:',
        '  containers: [{name: c, image: x, volumeMounts: [{name: tmp, mountPath: /tmp}]}]',
        '  volumes: [{name: tmp, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}]',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a claim beyond the StatefulSet replicas does not exist',
      code: [statefulSet, restorePod('data-db-3')].join('\n'),
      errors: [
        {
          message:
            'Pod `restore` container `restore` uses PersistentVolumeClaim `data-db-3` through volume `snapshot`, but no PersistentVolumeClaim `data-db-3` exists in namespace `default`; did you mean `data-db-0`?',
          line: 18,
          column: 42,
          endColumn: 51,
          severity: 2,
        },
      ],
    },
    {
      name: 'a claim no container mounts still keeps the pod from being scheduled',
      code: [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: export, namespace: analytics}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{name: export, image: x}]',
        '      volumes: [{name: out, persistentVolumeClaim: {claimName: exports}}]',
      ].join('\n'),
      errors: [
        {
          message:
            'Job `export` uses PersistentVolumeClaim `exports` through volume `out`, but no PersistentVolumeClaim `exports` exists in namespace `analytics`',
          line: 8,
          column: 64,
        },
      ],
    },
  ],
});
