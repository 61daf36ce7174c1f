import rule from '../../rules/duplicate-mount-path.js';
import { testRule } from '../helpers/test-rule.js';

const job = (container: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: load, namespace: etl}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: loader\n          image: loader:1\n${container}`;

testRule(rule, {
  valid: [
    { name: 'paths are compared as written, like the API server does', code: job('          volumeMounts: [{name: a, mountPath: /data}, {name: b, mountPath: /data/}]\n') },
    { name: 'a mount and a device of different paths', code: job('          volumeMounts: [{name: a, mountPath: /data}]\n          volumeDevices: [{name: b, devicePath: /dev/b}]\n') },
  ],
  invalid: [
    {
      name: 'the third mount repeats the first',
      code: job('          volumeMounts:\n            - {name: input, mountPath: /work}\n            - {name: output, mountPath: /out}\n            - {name: scratch, mountPath: /work}\n'),
      errors: [
        {
          message: 'Job `load` container `loader` mounts volume `scratch` at `/work`, where it already mounts volume `input`; each mountPath must be unique within a container',
          line: 14,
          column: 42,
          endColumn: 47,
          severity: 2,
        },
      ],
    },
    {
      name: 'two block devices at one devicePath',
      code: job('          volumeDevices:\n            - {name: a, devicePath: /dev/xvda}\n            - {name: b, devicePath: /dev/xvda}\n'),
      errors: [
        {
          message: 'Job `load` container `loader` attaches block volume `b` at `/dev/xvda`, where it already attaches block volume `a`; each devicePath must be unique within a container',
          line: 13,
          column: 37,
        },
      ],
    },
  ],
});
