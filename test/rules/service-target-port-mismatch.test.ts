import rule from '../../rules/service-target-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (ports: string, extra = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    extra,
    '      containers:',
    `        - {name: web, image: nginx, ports: ${ports}}`,
    '---',
  ].filter((line) => line !== '');

const service = (...ports: string[]) => [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}',
  'spec:',
  '  selector: {app: web}',
  '  ports:',
  ...ports,
];

testRule(rule, {
  valid: [
    {
      name: 'sidecar named port on Kubernetes 1.33',
      code: [
        ...deployment('[]', '      initContainers: [{name: proxy, image: envoy, restartPolicy: Always, ports: [{name: https, containerPort: 8443}]}]'),
        ...service('    - {port: 443, targetPort: https}'),
      ].join('\n'),
      options: { kubernetesVersion: '1.33' },
    },
    {
      name: 'numeric port of a sidecar on Kubernetes 1.29',
      code: [
        ...deployment('[]', '      initContainers: [{name: proxy, image: envoy, restartPolicy: Always, ports: [{containerPort: 8443}]}]'),
        ...service('    - {port: 443, targetPort: 8443}'),
      ].join('\n'),
      options: { kubernetesVersion: '1.29' },
    },
    {
      name: 'explicit TCP on both sides',
      code: [...deployment('[{name: http, containerPort: 80, protocol: TCP}]'), ...service('    - {port: 80, protocol: TCP}')].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'named port with did-you-mean',
      code: [...deployment('[{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]'), ...service('    - {port: 80, targetPort: htp}')].join('\n'),
      errors: [
        {
          message:
            'Service `web` port 80 targets `htp`, but the containers of Deployment `web` listen on `http` (8080/TCP), `metrics` (9090/TCP); did you mean `http`?',
          line: 17,
          column: 30,
          endColumn: 33,
          severity: 2,
        },
      ],
    },
    {
      name: 'numeric port with did-you-mean',
      code: [...deployment('[{name: http, containerPort: 80}, {name: metrics, containerPort: 9090}]'), ...service('    - {port: 80, targetPort: 8080}')].join('\n'),
      errors: [
        {
          message:
            'Service `web` port 80 targets `8080`, but the containers of Deployment `web` listen on `http` (80/TCP), `metrics` (9090/TCP); did you mean `80`?',
          line: 17,
          column: 30,
          severity: 2,
        },
      ],
    },
    {
      name: 'defaulted targetPort points at port',
      code: [...deployment('[{containerPort: 8080}]'), ...service('    - port: 80')].join('\n'),
      errors: [
        {
          message: 'Service `web` port 80 targets `80`, but the containers of Deployment `web` listen on `8080/TCP`; did you mean `8080`?',
          line: 17,
          column: 13,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'UDP service port, TCP container port',
      code: [...deployment('[{name: dns, containerPort: 53}]'), ...service('    - {port: 53, protocol: UDP, targetPort: dns}')].join('\n'),
      errors: [
        {
          message: 'Service `web` port 53/UDP targets `dns`, but the containers of Deployment `web` declare it only as `dns` (53/TCP)',
          line: 17,
          column: 45,
        },
      ],
    },
    {
      name: 'numeric port: protocol mismatch',
      code: [...deployment('[{containerPort: 514, protocol: UDP}]'), ...service('    - {port: 514, targetPort: 514}')].join('\n'),
      errors: [
        {
          message: 'Service `web` port 514/TCP targets `514`, but the containers of Deployment `web` declare it only as `514/UDP`',
          line: 17,
          column: 31,
        },
      ],
    },
    {
      name: 'no declared ports: a warning',
      code: [...deployment('[]'), ...service('    - {port: 80, targetPort: 8080}')].join('\n'),
      errors: [
        {
          message: 'Service `web` port 80 targets `8080`, which the containers of Deployment `web` do not declare as a containerPort',
          line: 17,
          column: 30,
          severity: 1,
        },
      ],
    },
    {
      name: 'configured severity wins over the downgrade',
      code: [...deployment('[]'), ...service('    - {port: 80, targetPort: 8080}')].join('\n'),
      options: { rules: { 'service-target-port-mismatch': 'error' } },
      errors: [{ message: /do not declare as a containerPort$/, line: 17, column: 30, severity: 2 }],
    },
    {
      name: 'no declared ports: a named targetPort is still an error',
      code: [...deployment('[]'), ...service('    - {port: 80, targetPort: http}')].join('\n'),
      errors: [
        {
          message: 'Service `web` port 80 targets `http`, but the containers of Deployment `web` declare no ports',
          line: 17,
          column: 30,
          severity: 2,
        },
      ],
    },
    {
      name: 'sidecar named port before Kubernetes 1.33',
      code: [
        ...deployment('[]', '      initContainers: [{name: proxy, image: envoy, restartPolicy: Always, ports: [{name: https, containerPort: 8443}]}]'),
        ...service('    - {port: 443, targetPort: https}'),
      ].join('\n'),
      options: { kubernetesVersion: '1.32' },
      errors: [
        {
          message:
            'Service `web` port 443 targets `https`, a named port of sidecar `proxy`, but Kubernetes 1.32 resolves named ports of sidecars only from 1.33; target `8443` instead',
          line: 18,
          column: 31,
        },
      ],
    },
    {
      name: 'names the ordinary init container that declares the port',
      code: [
        ...deployment('[{name: http, containerPort: 8080}]', '      initContainers: [{name: migrate, image: flyway, ports: [{name: admin, containerPort: 7000}]}]'),
        ...service('    - {port: 7000, targetPort: admin}'),
      ].join('\n'),
      errors: [
        {
          message:
            'Service `web` port 7000 targets `admin`, but the containers of Deployment `web` listen on `http` (8080/TCP); init container `migrate` declares it, but only sidecars (`restartPolicy: Always`) receive traffic',
          line: 18,
          column: 32,
        },
      ],
    },
    {
      name: 'lists every selected workload when none exposes the port',
      code: [
        ...deployment('[{name: http, containerPort: 8080}]'),
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: debug, labels: {app: web}}',
        'spec: {containers: [{name: debug, image: busybox, ports: [{name: admin, containerPort: 9000}]}]}',
        '---',
        ...service('    - {port: 80, targetPort: metrics}'),
      ].join('\n'),
      errors: [
        {
          message:
            'Service `web` port 80 targets `metrics`, but the containers of Deployment `web`, Pod `debug` listen on `http` (8080/TCP), `admin` (9000/TCP)',
          line: 22,
          column: 30,
        },
      ],
    },
  ],
});
