import rule from '../../rules/missing-secret.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (spec: string[]) =>
  ['apiVersion: v1', 'kind: Pod', 'metadata: {name: web, namespace: shop}', 'spec:', ...spec.map((line) => `  ${line}`)].join('\n');

testRule(rule, {
  valid: [
    {
      name: 'a service-account token Secret gets its keys from the token controller',
      code: [
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: ci-token, namespace: shop, annotations: {kubernetes.io/service-account.name: ci}}',
        'type: kubernetes.io/service-account-token',
        '---',
        pod(['containers: [{name: c, image: x, env: [{name: T, valueFrom: {secretKeyRef: {name: ci-token, key: token}}}]}]']),
      ].join('\n'),
    },
    {
      name: 'the keys of a templated ExternalSecret are unknown',
      code: [
        'apiVersion: external-secrets.io/v1',
        'kind: ExternalSecret',
        'metadata: {name: db, namespace: shop}',
        'spec:',
        '  data: [{secretKey: password, remoteRef: {key: db}}]',
        '  target: {template: {data: {DATABASE_URL: "postgres://app:{{ .password }}@db/app"}}}',
        '---',
        pod(['containers: [{name: c, image: x, env: [{name: U, valueFrom: {secretKeyRef: {name: db, key: DATABASE_URL}}}]}]']),
      ].join('\n'),
    },
    {
      name: 'a SealedSecret template adds keys to its encryptedData',
      code: [
        'apiVersion: bitnami.com/v1alpha1',
        'kind: SealedSecret',
        'metadata: {name: db, namespace: shop}',
        'spec:',
        '  encryptedData: {password: AgBy3i}',
        '  template: {data: {url: "postgres://app:{{ .password }}@db/app"}}',
        '---',
        pod(['containers: [{name: c, image: x, env: [{name: U, valueFrom: {secretKeyRef: {name: db, key: url}}}]}]']),
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a missing image pull secret is a warning: the kubelet pulls without it',
      code: pod(['imagePullSecrets: [{name: regcred}]', 'containers: [{name: c, image: registry.acme.io/web:1}]']),
      errors: [
        {
          message:
            'Pod `web` pulls images with Secret `regcred` from imagePullSecrets, but no Secret `regcred` exists in namespace `shop`, so the kubelet pulls without it',
          line: 5,
          column: 29,
          endColumn: 36,
          severity: 1,
        },
      ],
    },
    {
      name: 'configuring the rule restores its severity for image pull secrets',
      options: { rules: { 'missing-secret': 'error' } },
      code: pod(['imagePullSecrets: [{name: regcred}]', 'containers: [{name: c, image: registry.acme.io/web:1}]']),
      errors: [{ message: /^Pod `web` pulls images with Secret `regcred`/, line: 5, column: 29, severity: 2 }],
    },
    {
      name: 'a Certificate Secret has the keys cert-manager writes',
      code: [
        'apiVersion: cert-manager.io/v1',
        'kind: Certificate',
        'metadata: {name: web, namespace: shop}',
        'spec: {secretName: web-tls, issuerRef: {name: le, kind: ClusterIssuer}}',
        '---',
        pod([
          'containers: [{name: nginx, image: nginx, volumeMounts: [{name: tls, mountPath: /tls}]}]',
          'volumes:',
          '  - name: tls',
          '    secret:',
          '      secretName: web-tls',
          '      items: [{key: tls.cert, path: tls.crt}]',
        ]),
      ].join('\n'),
      errors: [
        {
          message:
            'Pod `web` container `nginx` reads key `tls.cert` of Secret `web-tls` through volume `tls`, but Secret `web-tls` has no key `tls.cert` (keys from Certificate `web`: `ca.crt`, `tls.crt`, `tls.key`); did you mean `tls.crt`?',
          line: 15,
          column: 23,
        },
      ],
    },
    {
      name: 'an ephemeral container reads a missing Secret',
      code: pod(['containers: [{name: c, image: x}]', 'ephemeralContainers: [{name: debug, image: busybox, envFrom: [{secretRef: {name: debug-env}}]}]']),
      errors: [
        {
          message:
            'Pod `web` ephemeral container `debug` reads Secret `debug-env` from envFrom, but no Secret `debug-env` exists in namespace `shop`',
          line: 6,
          column: 84,
        },
      ],
    },
  ],
});
