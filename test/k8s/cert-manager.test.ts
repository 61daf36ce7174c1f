import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { issuerReferences, issuerSecretRefs } from '../../src/k8s/cert-manager.js';

function resources(text: string) {
  return toResources(loadFile({ path: 'test.yaml', text }).documents, 'default');
}

describe('cert-manager references', () => {
  it('applies the issuerRef defaults and reads the shim annotations', () => {
    const [certificate, ingress, gateway, bare] = resources(`
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: a}
spec: {secretName: a, issuerRef: {name: ca}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: b, annotations: {cert-manager.io/issuer: x, cert-manager.io/issuer-kind: ClusterIssuer, cert-manager.io/cluster-issuer: le}}
spec: {tls: [{secretName: b-tls}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: c, annotations: {cert-manager.io/issuer: z}}
spec: {listeners: [{name: h, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c-tls}]}}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: d, annotations: {cert-manager.io/issuer: z}}
spec: {listeners: [{name: h, port: 80, protocol: HTTP}]}
`);
    expect(issuerReferences(certificate)).toEqual([{ name: 'ca', kind: 'Issuer', group: 'cert-manager.io', path: ['spec', 'issuerRef', 'name'] }]);
    expect(issuerReferences(ingress).map((r) => `${r.kind}/${r.name}`)).toEqual(['ClusterIssuer/x', 'ClusterIssuer/le']);
    expect(issuerReferences(gateway).map((r) => `${r.kind}/${r.name}`)).toEqual(['Issuer/z']);
    expect(issuerReferences(bare)).toEqual([]);
  });

  it('lists the Secrets an issuer reads, but not the ACME account key', () => {
    const [issuer] = resources(`
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: i}
spec:
  acme:
    privateKeySecretRef: {name: account}
    externalAccountBinding: {keyID: k, keySecretRef: {name: eab}}
    solvers:
      - http01: {ingress: {}}
      - dns01: {cloudflare: {apiTokenSecretRef: {name: cf}}, route53: {secretAccessKeySecretRef: {name: aws}}}
`);
    expect(issuerSecretRefs(issuer).map((r) => `${r.name}@${r.path.join('.')}`)).toEqual([
      'eab@spec.acme.externalAccountBinding.keySecretRef.name',
      'cf@spec.acme.solvers.1.dns01.cloudflare.apiTokenSecretRef.name',
      'aws@spec.acme.solvers.1.dns01.route53.secretAccessKeySecretRef.name',
    ]);
  });
});
