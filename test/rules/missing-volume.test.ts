import rule from '../../rules/missing-volume.js';
import { testRule } from '../helpers/test-rule.js';

testRule(rule, {
  valid: [
    {
      name: 'ephemeral volume and a mount without a name (schema rules own that)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1\n      volumeMounts: [{name: scratch, mountPath: /s}, {mountPath: /x}]\n  volumes:\n    - name: scratch\n      ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}\n',
    },
  ],
  invalid: [
    {
      name: 'Deployment mount with a suggestion',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          volumeMounts: [{name: tls-cert, mountPath: /tls}]\n      volumes: [{name: tls-certs, secret: {secretName: tls}}, {name: tmp, emptyDir: {}}]\n',
      errors: [
        {
          message: 'Deployment `web` container `app` mounts volume `tls-cert`, but Deployment `web` defines no volume `tls-cert`; did you mean `tls-certs`?',
          line: 10,
          column: 33,
          endColumn: 41,
          severity: 2,
        },
      ],
    },
    {
      name: 'lists the volumes when none is close',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: agent:1\n          volumeMounts: [{name: varlog, mountPath: /var/log}, {name: docker-sock, mountPath: /run/docker.sock}]\n      volumes: [{name: varlog, hostPath: {path: /var/log}}, {name: containerd, hostPath: {path: /run/containerd}}]\n',
      errors: [
        {
          message: "DaemonSet `agent` container `agent` mounts volume `docker-sock`, but DaemonSet `agent` defines no volume `docker-sock`; the pod's volumes are `varlog`, `containerd`",
          line: 10,
          column: 70,
        },
      ],
    },
    {
      name: 'StatefulSet candidates include volumeClaimTemplates',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n        - name: pg\n          image: postgres:16\n          volumeMounts: [{name: pgdata, mountPath: /data}]\n  volumeClaimTemplates:\n    - metadata: {name: pg-data}\n',
      errors: [{ message: 'StatefulSet `db` container `pg` mounts volume `pgdata`, but StatefulSet `db` defines no volume or volumeClaimTemplate `pgdata`; did you mean `pg-data`?', line: 10, column: 33 }],
    },
  ],
});
