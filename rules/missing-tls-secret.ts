import { defineRule, didYouMean, isRecord } from '../src/rule-api.js';

/** cert-manager's ingress-shim creates a Certificate (and so the Secret) for Ingresses with one of these. */
const SHIM_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'kubernetes.io/tls-acme'];

export default defineRule({
  id: 'missing-tls-secret',
  severity: 'warn',
  kinds: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  description: 'Ingress TLS entry names a Secret that does not exist in the Ingress namespace',
  crossResource: true,
  docs: {
    why:
      'An Ingress `spec.tls[].secretName` names a `kubernetes.io/tls` Secret of the Ingress\'s own namespace; the API ' +
      'server does not check that it exists. When it is missing the controller still serves the hosts over HTTPS, ' +
      'with its default certificate: ingress-nginx (internal/ingress/controller/controller.go) logs "Error getting SSL certificate ... local SSL certificate ' +
      '... was not found. Using default certificate" and presents its self-signed "Kubernetes Ingress Controller ' +
      'Fake Certificate", so browsers and clients reject the connection. Secrets that a cert-manager Certificate, ' +
      'SealedSecret or ExternalSecret of the run creates count as defined, and an Ingress annotated for ' +
      'cert-manager\'s ingress-shim (`cert-manager.io/cluster-issuer`, `cert-manager.io/issuer` or ' +
      '`kubernetes.io/tls-acme`) is skipped: ingress-shim creates a Certificate that writes the Secret. It is a ' +
      'warning because the Secret may be created outside these manifests; declare it in the configuration ' +
      '(`external`) then. A TLS entry without `secretName` (the controller\'s default certificate on purpose) is not ' +
      'reported.',
    fix:
      'Create the TLS Secret (or a cert-manager Certificate with that `secretName`) in the Ingress namespace, fix the ' +
      'name, or annotate the Ingress with `cert-manager.io/cluster-issuer: <issuer>` to have cert-manager issue it.',
  },
  messages: {
    missing:
      'Ingress `{{ingress}}` serves TLS for {{hosts}} with Secret `{{secret}}`, which does not exist in namespace `{{namespace}}`, so the controller presents its default (self-signed) certificate{{hint}}',
  },
  check({ resource, index, report }) {
    const metadata = resource.value.metadata;
    const annotations = isRecord(metadata?.annotations) ? metadata.annotations : {};
    if (SHIM_ANNOTATIONS.some((key) => annotations[key] !== undefined && annotations[key] !== null && String(annotations[key]) !== 'false')) return;
    const spec = resource.value.spec;
    const tls = isRecord(spec) && Array.isArray(spec.tls) ? spec.tls : [];
    const namespace = resource.namespace!;
    tls.forEach((entry, i) => {
      if (!isRecord(entry) || typeof entry.secretName !== 'string' || entry.secretName === '') return;
      const secret = entry.secretName;
      if (index.exists('Secret', namespace, secret)) return;
      const hostList = Array.isArray(entry.hosts) ? entry.hosts.map((h) => `\`${String(h)}\``) : [];
      const hosts = hostList.length > 0 ? hostList.join(', ') : 'every host';
      const elsewhere = index.named('Secret', secret).find((s) => s.namespace !== namespace);
      const issuer = index.list('cert-manager.io/ClusterIssuer')[0] ?? index.list('cert-manager.io/Issuer', namespace)[0];
      const hint = elsewhere
        ? `; a Secret \`${secret}\` exists in namespace \`${elsewhere.namespace}\`, but an Ingress can only use Secrets of its own namespace`
        : didYouMean(secret, index.names('Secret', namespace)) ||
          (issuer ? `; to have cert-manager create it, annotate the Ingress with \`cert-manager.io/${issuer.kind === 'ClusterIssuer' ? 'cluster-issuer' : 'issuer'}: ${issuer.name}\`` : '');
      report(resource.node('spec', 'tls', i, 'secretName'), 'missing', { ingress: resource.name, hosts, secret, namespace, hint });
    });
  },
});
