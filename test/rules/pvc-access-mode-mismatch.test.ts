import rule from '../../rules/pvc-access-mode-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const claim = (modes: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {accessModes: [${modes}]}\n---\n`;
const deployment = (replicas: number, mount = '{name: d, mountPath: /d}', source = '{claimName: data}') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          volumeMounts: [${mount}]\n      volumes: [{name: d, persistentVolumeClaim: ${source}}]\n`;

testRule(rule, {
  valid: [
    {
      name: 'a Job with completions 1 runs one pod, whatever its parallelism',
      code: claim('ReadWriteOnce') + 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 3\n  completions: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: a:1, volumeMounts: [{name: d, mountPath: /d}]}]\n      volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n',
    },
    { name: 'a claim that also allows ReadOnlyMany may attach to several nodes', code: claim('ReadWriteOnce, ReadOnlyMany') + deployment(3) },
    { name: 'ReadOnlyMany mounted read-only by every mount', code: claim('ReadOnlyMany') + deployment(3, '{name: d, mountPath: /d, readOnly: true}') },
    { name: 'same claim name in another namespace', code: claim('ReadWriteOnce') + deployment(1) + '---\n' + deployment(1).replace('{name: app}', '{name: app, namespace: other}') },
  ],
  invalid: [
    {
      name: 'a Job runs min(parallelism, completions) pods: parallelism 3 with completions 2',
      code: claim('ReadWriteOncePod') + 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 3\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: a:1, volumeMounts: [{name: d, mountPath: /d}]}]\n      volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n',
      errors: [{ message: /^Job `j` runs 2 parallel pods/, line: 16, column: 62 }],
    },
    {
      name: 'HorizontalPodAutoscaler scales a single-replica Deployment',
      code:
        claim('ReadWriteOnce') +
        deployment(1) +
        '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: app-hpa}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}\n  minReplicas: 1\n  maxReplicas: 5\n',
      errors: [
        {
          message:
            'Deployment `app` runs up to 5 replicas (HorizontalPodAutoscaler `app-hpa`), all mounting ReadWriteOnce PersistentVolumeClaim `data`; pods on a second node stay in ContainerCreating with a Multi-Attach error; give each pod its own claim or use a ReadWriteMany one',
          line: 17,
          column: 62,
          severity: 1,
        },
      ],
    },
    {
      name: 'ReadOnlyMany with an explicit readOnly: false points at it',
      code: claim('ReadOnlyMany') + deployment(1, '{name: d, mountPath: /d, readOnly: false}'),
      errors: [
        {
          message: "Deployment `app` container `app` mounts PersistentVolumeClaim `data` read-write through volume `d`, but the claim is ReadOnlyMany; set `readOnly: true` on the volume's persistentVolumeClaim",
          line: 16,
          column: 61,
        },
      ],
    },
    {
      name: 'Job with parallel pods',
      code: claim('ReadWriteOnce') + 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: crunch}\nspec:\n  parallelism: 4\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: c:1, volumeMounts: [{name: d, mountPath: /d}]}]\n      volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n',
      errors: [{ message: /^Job `crunch` runs 4 parallel pods, all mounting ReadWriteOnce PersistentVolumeClaim `data`/, line: 15, column: 62 }],
    },
  ],
});
