import rule from '../../rules/missing-issuer.js';
import { testRule } from '../helpers/test-rule.js';

const certificate = (issuerRef: string) => `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\nspec:\n  secretName: web-tls\n  issuerRef: ${issuerRef}\n`;
const issuer = (kind: string, name: string) => `apiVersion: cert-manager.io/v1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec: {selfSigned: {}}\n---\n`;

testRule(rule, {
  valid: [
    { name: 'a ClusterIssuer when the set defines none (installed with cert-manager)', code: issuer('Issuer', 'ca') + certificate('{name: letsencrypt, kind: ClusterIssuer}') },
    { name: 'declared external', code: certificate('{name: vault, kind: ClusterIssuer}'), options: { external: ['cert-manager.io/ClusterIssuer/vault'] } },
    { name: 'issuer-group annotation of an external issuer', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: w, annotations: {cert-manager.io/issuer: pca, cert-manager.io/issuer-group: awspca.cert-manager.io, cert-manager.io/issuer-kind: AWSPCAIssuer}}\nspec: {tls: [{secretName: w-tls}]}\n' },
  ],
  invalid: [
    {
      name: 'no issuer defined at all: a warning',
      code: certificate('{name: selfsigned}'),
      errors: [{ message: 'Certificate `web` requests its certificate from Issuer `selfsigned`, which does not exist in namespace `default`, so no certificate is issued (IssuerNotFound)', line: 6, column: 21, severity: 1 }],
    },
    {
      name: 'a ClusterIssuer naming an Issuer',
      code: issuer('Issuer', 'ca') + certificate('{name: ca, kind: ClusterIssuer}'),
      errors: [{ message: 'Certificate `web` requests its certificate from ClusterIssuer `ca`, which does not exist, so no certificate is issued (IssuerNotFound); an Issuer `ca` exists in namespace `default`: set `kind: Issuer`', line: 11, column: 21, severity: 1 }],
    },
    {
      name: 'issuer-kind annotation',
      code: issuer('ClusterIssuer', 'letsencrypt') + 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: w, annotations: {cert-manager.io/issuer: letsencrypt-staging, cert-manager.io/issuer-kind: ClusterIssuer}}\nspec: {tls: [{secretName: w-tls}]}\n',
      errors: [{ message: 'Ingress `w` requests its certificate from ClusterIssuer `letsencrypt-staging`, which does not exist, so no certificate is issued (IssuerNotFound)', line: 8, column: 59 }],
    },
  ],
});
