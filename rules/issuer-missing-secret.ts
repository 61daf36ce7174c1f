import { CERT_MANAGER_GROUP, defineRule, didYouMean, formatPath, issuerSecretRefs } from '../src/rule-api.js';

/** Where cert-manager reads a ClusterIssuer's Secrets: `--cluster-resource-namespace`, by default `cert-manager`. */
const CLUSTER_RESOURCE_NAMESPACE = 'cert-manager';

export default defineRule({
  id: 'issuer-missing-secret',
  severity: 'error',
  kinds: [`${CERT_MANAGER_GROUP}/Issuer`, `${CERT_MANAGER_GROUP}/ClusterIssuer`],
  ecosystem: 'cert-manager',
  crossResource: true,
  description: 'Issuer or ClusterIssuer reads a Secret (CA key pair, DNS01 or Vault/Venafi credentials) that does not exist',
  docs: {
    why:
      'cert-manager reads the Secrets an issuer names when it sets the issuer up and whenever it signs: the CA ' +
      'issuer\'s `ca.secretName` key pair, ACME `externalAccountBinding.keySecretRef` and the DNS01 solver ' +
      'credentials (`cloudflare.apiTokenSecretRef`, `route53.secretAccessKeySecretRef`, ...), Vault and Venafi tokens ' +
      'and CA bundles. When one is missing, the issuer is `Ready=False` (CA: "Error getting keypair for CA issuer: ' +
      'secret ... not found") or its DNS01 challenges fail, and no Certificate it serves is issued. An Issuer reads ' +
      'Secrets of its own namespace; a ClusterIssuer reads them from the cluster resource namespace ' +
      '(`--cluster-resource-namespace`, `cert-manager` by default), so for a ClusterIssuer the finding is a ' +
      'warning when no linted object lives in `cert-manager` (the Secret is then likely managed with the ' +
      'installation). The ACME `privateKeySecretRef` is not checked: cert-manager creates that Secret when it ' +
      'registers the account. Secrets created by a SealedSecret, ExternalSecret or Certificate of the run, or ' +
      'declared `external` in the configuration, count as existing.',
    fix: 'Create the Secret in the issuer\'s namespace (for a ClusterIssuer: in `cert-manager`), or fix the name.',
  },
  messages: {
    missing: '{{issuer}} reads Secret `{{secret}}` (`{{field}}`), which does not exist in namespace `{{namespace}}`, so it cannot issue certificates{{hint}}',
  },
  check({ resource, index, report }) {
    const cluster = resource.kind === 'ClusterIssuer';
    const namespace = cluster ? CLUSTER_RESOURCE_NAMESPACE : resource.namespace!;
    const outside = cluster && !index.hasNamespace(namespace);
    for (const ref of issuerSecretRefs(resource)) {
      if (index.exists('Secret', namespace, ref.name)) continue;
      report(resource.node(...ref.path), 'missing', {
        issuer: resource.label,
        secret: ref.name,
        field: formatPath(ref.path.slice(1)),
        namespace,
        hint: didYouMean(ref.name, index.names('Secret', namespace)),
      }, outside ? { severity: 'warn' } : undefined);
    }
  },
});
