import rule from '../../rules/ingress-backend-missing-service.js';
import { testRule } from '../helpers/test-rule.js';

const service = (name: string, namespace?: string) =>
  ['apiVersion: v1', 'kind: Service', `metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}`, 'spec: {ports: [{port: 80}]}', '---'];

const ingress = (backend: string, namespace?: string) => [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  `metadata: {name: shop${namespace ? `, namespace: ${namespace}` : ''}}`,
  'spec:',
  '  rules:',
  '    - http:',
  '        paths:',
  '          - path: /',
  '            pathType: Prefix',
  '            backend:',
  `              service: {name: ${backend}, port: {number: 80}}`,
];

testRule(rule, {
  valid: [
    { name: 'Service defined', code: [...service('web'), ...ingress('web')].join('\n') },
    { name: 'Service in the Ingress namespace', code: [...service('web', 'shop'), ...ingress('web', 'shop')].join('\n') },
    {
      name: 'legacy resource backend',
      code: [
        'apiVersion: networking.k8s.io/v1beta1',
        'kind: Ingress',
        'metadata: {name: assets}',
        'spec:',
        '  backend:',
        '    resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: icons}',
      ].join('\n'),
    },
    {
      name: 'v1 fields on a legacy Ingress are not backends (schema error, not ours)',
      code: ['apiVersion: extensions/v1beta1', 'kind: Ingress', 'metadata: {name: shop}', 'spec:', '  defaultBackend: {service: {name: nope, port: {number: 80}}}'].join('\n'),
    },
    {
      name: '--default-namespace places an Ingress without namespace',
      code: [...service('web', 'team-a'), ...ingress('web')].join('\n'),
      options: { defaultNamespace: 'team-a' },
    },
  ],
  invalid: [
    {
      name: 'suggests the nearest Service name',
      code: [...service('frontend'), ...ingress('frontnd')].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to Service `frontnd`, which does not exist in namespace `default`; did you mean `frontend`?',
          line: 16,
          column: 31,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'lists the Services of the namespace when none is close',
      code: [...service('web'), ...service('api'), ...ingress('checkout')].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to Service `checkout`, which does not exist in namespace `default`; Services in namespace `default`: `api`, `web`',
          line: 21,
          column: 31,
        },
      ],
    },
    {
      name: 'says when the namespace has no Service at all',
      code: ingress('web', 'shop').join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to Service `web`, which does not exist in namespace `shop`; namespace `shop` defines no Service',
          line: 11,
          column: 31,
        },
      ],
    },
    {
      name: 'Service in another namespace',
      code: [...service('web', 'frontend'), ...ingress('web', 'shop')].join('\n'),
      errors: [
        {
          message:
            'Ingress `shop` routes to Service `web`, which is defined in namespace `frontend`; an Ingress can only route to Services in its own namespace `shop`',
          line: 16,
          column: 31,
        },
      ],
    },
    {
      name: 'explicit Ingress namespace, Service defaulting to `default`',
      code: [...service('web'), ...ingress('web', 'shop')].join('\n'),
      errors: [
        {
          message:
            'Ingress `shop` routes to Service `web`, which is defined in namespace `default`; an Ingress can only route to Services in its own namespace `shop`',
          line: 16,
          column: 31,
        },
      ],
    },
    {
      name: 'legacy default backend and path backend',
      code: [
        ...service('frontend'),
        'apiVersion: extensions/v1beta1',
        'kind: Ingress',
        'metadata: {name: shop}',
        'spec:',
        '  backend: {serviceName: frontent, servicePort: 80}',
        '  rules:',
        '    - http:',
        '        paths:',
        '          - path: /',
        '            backend:',
        '              serviceName: shop-frontend',
        '              servicePort: http',
      ].join('\n'),
      errors: [
        {
          message: 'Ingress `shop` routes to Service `frontent`, which does not exist in namespace `default`; did you mean `frontend`?',
          line: 10,
          column: 26,
          endColumn: 34,
        },
        {
          message: 'Ingress `shop` routes to Service `shop-frontend`, which does not exist in namespace `default`; Services in namespace `default`: `frontend`',
          line: 16,
          column: 28,
        },
      ],
    },
  ],
});
