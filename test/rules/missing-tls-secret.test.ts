import rule from '../../rules/missing-tls-secret.js';
import { testRule } from '../helpers/test-rule.js';

const ingress = (tls: string, annotations = '') => [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  `metadata: {name: web${annotations ? `, annotations: ${annotations}` : ''}}`,
  'spec:',
  '  tls:',
  ...tls.split('\n').map((line) => `    ${line}`),
].join('\n');

const clusterIssuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: letsencrypt-prod}\nspec: {acme: {server: https://acme-v02.api.letsencrypt.org/directory}}\n---\n';

testRule(rule, {
  valid: [
    { name: 'kubernetes.io/tls-acme', code: ingress('- {hosts: [a.example.com], secretName: a-tls}', '{kubernetes.io/tls-acme: "true"}') },
    { name: 'a SealedSecret creates the Secret', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: a-tls}\nspec: {encryptedData: {tls.crt: AgBy}}\n---\n' + ingress('- {hosts: [a.example.com], secretName: a-tls}') },
  ],
  invalid: [
    {
      name: 'suggests the cert-manager annotation when the run defines an issuer',
      code: clusterIssuer + ingress('- hosts: [a.example.com]\n  secretName: a-tls'),
      errors: [{
        message: 'Ingress `web` serves TLS for `a.example.com` with Secret `a-tls`, which does not exist in namespace `default`, so the controller presents its default (self-signed) certificate; to have cert-manager create it, annotate the Ingress with `cert-manager.io/cluster-issuer: letsencrypt-prod`',
        line: 12,
        column: 19,
      }],
    },
    {
      name: 'tls-acme "false" does not count, and an entry without hosts covers every host',
      code: ingress('- secretName: web-tls', '{kubernetes.io/tls-acme: "false"}'),
      errors: [{
        message: 'Ingress `web` serves TLS for every host with Secret `web-tls`, which does not exist in namespace `default`, so the controller presents its default (self-signed) certificate',
        line: 6,
        column: 19,
      }],
    },
  ],
});
