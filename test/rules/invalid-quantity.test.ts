import rule from '../../rules/invalid-quantity.js';
import { testRule } from '../helpers/test-rule.js';

const UNITS = '(units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)';

const pod = (resources: string, extra: string[] = []) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: app}',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: nginx',
    `      resources: ${resources}`,
    ...extra,
  ].join('\n');

const cronJob = (resources: string) =>
  [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata: {name: nightly}',
    'spec:',
    '  schedule: "0 1 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
    `          containers: [{name: report, image: busybox, resources: ${resources}}]`,
  ].join('\n');

testRule(rule, {
  valid: [
    { name: 'numbers', code: pod('{requests: {cpu: 1, memory: 1073741824}, limits: {cpu: 2.5}}') },
    { name: 'surrounding whitespace is trimmed', code: pod('{requests: {memory: " 1Gi "}}') },
    { name: 'null values', code: pod('{requests: {memory: null}}') },
    { name: 'templated values', code: pod('{requests: {memory: "${MEMORY}"}}') },
    { name: 'zero is fine', code: pod('{requests: {cpu: "0", memory: 0}}') },
    { name: 'whole GPUs, fractional CPUs', code: pod('{limits: {nvidia.com/gpu: "2", cpu: 1500m}}') },
    { name: 'non-string, non-number values are the schema rule business', code: pod('{requests: {memory: [1Gi]}}') },
    {
      name: 'HorizontalPodAutoscaler targets',
      code: [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata: {name: web}',
        'spec:',
        '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
        '  maxReplicas: 5',
        '  metrics:',
        '    - type: Resource',
        '      resource: {name: memory, target: {type: AverageValue, averageValue: 500Mi}}',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'megabytes with a suggestion and an alternative',
      code: pod('{limits: {memory: 512MB}}'),
      errors: [
        {
          message: 'Pod `app` container `app` sets `resources.limits.memory` to `512MB`, which is not a valid quantity: `MB` is not a unit; did you mean `512Mi` (or `512M`)?',
          line: 8,
          column: 36,
          endColumn: 41,
        },
      ],
    },
    {
      name: 'lowercase binary suffix',
      code: cronJob('{requests: {memory: 256mi}}'),
      errors: [
        {
          message:
            'CronJob `nightly` container `report` sets `resources.requests.memory` to `256mi`, which is not a valid quantity: `mi` is not a unit; did you mean `256Mi`?',
          line: 11,
          column: 86,
        },
      ],
    },
    {
      name: 'unknown suffix without a suggestion lists the units',
      code: pod('{requests: {cpu: 2cores}}'),
      errors: [
        {
          message: `Pod \`app\` container \`app\` sets \`resources.requests.cpu\` to \`2cores\`, which is not a valid quantity: \`cores\` is not a unit ${UNITS}`,
          line: 8,
          column: 35,
        },
      ],
    },
    {
      name: 'empty string',
      code: pod('{requests: {cpu: ""}}'),
      errors: [{ message: 'Pod `app` container `app` sets `resources.requests.cpu` to ``, which is not a valid quantity: it is empty', line: 8, column: 35 }],
    },
    {
      name: 'negative request',
      code: pod('{requests: {cpu: -100m}}'),
      errors: [{ message: 'Pod `app` container `app` sets `resources.requests.cpu` to `-100m`, but it must not be negative', line: 8, column: 35 }],
    },
    {
      name: 'negative number',
      code: pod('{limits: {memory: -1}}'),
      errors: [{ message: 'Pod `app` container `app` sets `resources.limits.memory` to `-1`, but it must not be negative', line: 8, column: 36 }],
    },
    {
      name: 'fractional extended resource',
      code: pod('{limits: {example.com/fpga: 1500m}}'),
      errors: [
        {
          message: 'Pod `app` container `app` sets `resources.limits.example.com/fpga` to `1500m`, but extended resource `example.com/fpga` must be a whole number',
          line: 8,
          column: 46,
        },
      ],
    },
    {
      name: 'pod-level resources',
      code: pod('{}', ['  resources: {limits: {memory: 4 GB}}']),
      errors: [
        {
          message: 'Pod `app` sets `spec.resources.limits.memory` to `4 GB`, which is not a valid quantity: it contains whitespace; did you mean `4Gi` (or `4G`)?',
          line: 9,
          column: 32,
        },
      ],
    },
    {
      name: 'pod-level resources of a Deployment',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  selector: {matchLabels: {app: web}}',
        '  template:',
        '    metadata: {labels: {app: web}}',
        '    spec:',
        '      resources: {requests: {cpu: 2 cores}}',
        '      containers: [{name: web, image: nginx}]',
      ].join('\n'),
      errors: [
        {
          message:
            'Deployment `web` sets `spec.template.spec.resources.requests.cpu` to `2 cores`, which is not a valid quantity: it contains whitespace',
          line: 9,
          column: 35,
        },
      ],
    },
    {
      name: 'ephemeral volume claim template',
      code: pod('{}', [
        '  volumes:',
        '    - name: scratch',
        '      ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Tb}}}}}',
      ]),
      errors: [
        {
          message:
            'Pod `app` volume `scratch` sets `ephemeral.volumeClaimTemplate.spec.resources.requests.storage` to `1Tb`, which is not a valid quantity: `Tb` is not a unit; did you mean `1Ti` (or `1T`)?',
          line: 11,
          column: 110,
        },
      ],
    },
    {
      name: 'PersistentVolume capacity',
      code: ['apiVersion: v1', 'kind: PersistentVolume', 'metadata: {name: pv-1}', 'spec:', '  capacity: {storage: 100Gb}'].join('\n'),
      errors: [
        {
          message: 'PersistentVolume `pv-1` sets `spec.capacity.storage` to `100Gb`, which is not a valid quantity: `Gb` is not a unit; did you mean `100Gi` (or `100G`)?',
          line: 5,
          column: 23,
        },
      ],
    },
    {
      name: 'LimitRange max',
      code: ['apiVersion: v1', 'kind: LimitRange', 'metadata: {name: caps}', 'spec:', '  limits:', '    - type: Container', '      max: {memory: 4Gib}'].join('\n'),
      errors: [
        {
          message: 'LimitRange `caps` sets `spec.limits[0].max.memory` to `4Gib`, which is not a valid quantity: `Gib` is not a unit; did you mean `4Gi`?',
          line: 7,
          column: 21,
        },
      ],
    },
    {
      name: 'HorizontalPodAutoscaler average value',
      code: [
        'apiVersion: autoscaling/v2',
        'kind: HorizontalPodAutoscaler',
        'metadata: {name: web}',
        'spec:',
        '  metrics:',
        '    - type: Pods',
        '      pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 1K}}',
      ].join('\n'),
      errors: [
        {
          message:
            'HorizontalPodAutoscaler `web` sets `spec.metrics[0].pods.target.averageValue` to `1K`, which is not a valid quantity: `K` is not a unit; did you mean `1Ki` (or `1k`)?',
          line: 7,
          column: 78,
        },
      ],
    },
  ],
});
