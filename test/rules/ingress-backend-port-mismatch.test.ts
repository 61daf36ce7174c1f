import rule from '../../rules/ingress-backend-port-mismatch.js';
import { testRule } from '../helpers/test-rule.js';

const deployment = (ports: string) => [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec:',
  '  template:',
  '    metadata: {labels: {app: web}}',
  `    spec: {containers: [{name: web, image: nginx, ports: ${ports}}]}`,
  '---',
];

const service = (ports: string, extra = '') => [
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}',
  `spec: {selector: {app: web}, ports: ${ports}${extra}}`,
  '---',
];

const ingress = (port: string) => [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata: {name: shop}',
  'spec:',
  '  defaultBackend:',
  `    service: {name: web, port: ${port}}`,
];

testRule(rule, {
  valid: [
    { name: 'port by number', code: [...service('[{port: 80, targetPort: 8080}]'), ...ingress('{number: 80}')].join('\n') },
    { name: 'port by name', code: [...service('[{name: http, port: 80}]'), ...ingress('{name: http}')].join('\n') },
    { name: 'ExternalName without ports', code: [...service('[]', ', type: ExternalName, externalName: example.com'), ...ingress('{number: 443}')].join('\n') },
    {
      name: 'resource backend',
      code: ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: a}', 'spec:', '  defaultBackend: {resource: {kind: Bucket, name: b}}'].join('\n'),
    },
    { name: 'no port given (a schema error)', code: [...service('[{port: 80}]'), ...ingress('{}')].join('\n') },
  ],
  invalid: [
    {
      name: 'number is the targetPort (a warning: ingress-nginx tolerates it)',
      code: [...service('[{port: 80, targetPort: 8080}]'), ...ingress('{number: 8080}')].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to port `8080` of Service `web`, which is its targetPort; use the Service port `80`',
          line: 11,
          column: 41,
          endColumn: 45,
          severity: 1,
        },
      ],
    },
    {
      name: 'name is the named targetPort',
      code: [...service('[{name: web, port: 80, targetPort: http}]'), ...ingress('{name: http}')].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to port `http` of Service `web`, which is its targetPort; use the Service port `web`',
          line: 11,
          column: 39,
          severity: 1,
        },
      ],
    },
    {
      name: 'number is the containerPort behind a named targetPort',
      code: [...deployment('[{name: http, containerPort: 8080}]'), ...service('[{port: 80, targetPort: http}]'), ...ingress('{number: 8080}')].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to port `8080` of Service `web`, which is a containerPort of Deployment `web`; use the Service port `80`',
          line: 19,
          column: 41,
          severity: 2,
        },
      ],
    },
    {
      name: 'number is a containerPort no Service port targets',
      code: [...deployment('[{containerPort: 80}, {containerPort: 9090}]'), ...service('[{name: http, port: 80}, {port: 443}]'), ...ingress('{number: 9090}')].join('\n'),
      errors: [
        {
          message:
            'Ingress `shop` routes to port `9090` of Service `web`, a containerPort of Deployment `web` that no Service port targets; Service ports: `80` (`http`), `443`',
          line: 19,
          column: 41,
        },
      ],
    },
    {
      name: 'number is the nodePort',
      code: [...service('[{port: 80, nodePort: 30080}]', ', type: NodePort'), ...ingress('{number: 30080}')].join('\n'),
      errors: [{ message: 'Ingress `shop` routes to port `30080` of Service `web`, which is its nodePort; use the Service port `80`', line: 11, column: 41, severity: 2 }],
    },
    {
      name: 'unknown number lists the ports',
      code: [...service('[{name: http, port: 80}]'), ...ingress('{number: 81}')].join('\n'),
      errors: [{ message: 'Ingress `shop` routes to port `81` of Service `web`, which does not declare it; Service ports: `80` (`http`)', line: 11, column: 41 }],
    },
    {
      name: 'unknown name suggests the nearest',
      code: [...service('[{name: https, port: 443}, {name: metrics, port: 9090}]'), ...ingress('{name: htps}')].join('\n'),
      errors: [{ message: 'Ingress `shop` routes to port `htps` of Service `web`, which does not declare it; did you mean `https`?', line: 11, column: 39 }],
    },
    {
      name: 'Service without ports',
      code: [...service('[]'), ...ingress('{number: 80}')].join('\n'),
      errors: [{ message: 'Ingress `shop` routes to port `80` of Service `web`, which declares no ports; add it to `spec.ports` of the Service', line: 11, column: 41 }],
    },
    {
      name: 'legacy servicePort, int and named',
      code: [
        ...service('[{name: http, port: 80}]'),
        'apiVersion: extensions/v1beta1',
        'kind: Ingress',
        'metadata: {name: shop}',
        'spec:',
        '  backend: {serviceName: web, servicePort: 8080}',
        '  rules:',
        '    - http:',
        '        paths:',
        '          - path: /',
        '            backend: {serviceName: web, servicePort: htp}',
      ].join('\n'),
      errors: [
        { message: 'Ingress `shop` routes to port `8080` of Service `web`, which does not declare it; Service ports: `80` (`http`)', line: 10, column: 44 },
        { message: 'Ingress `shop` routes to port `htp` of Service `web`, which does not declare it; did you mean `http`?', line: 15, column: 54 },
      ],
    },
  ],
});
