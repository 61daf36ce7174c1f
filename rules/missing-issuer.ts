import { CERT_MANAGER_GROUP, defineRule, didYouMean, GATEWAY_GROUP, issuerReferences, type IssuerReference, type Resource, type ResourceIndex } from '../src/rule-api.js';

const ISSUER = `${CERT_MANAGER_GROUP}/Issuer`;
const CLUSTER_ISSUER = `${CERT_MANAGER_GROUP}/ClusterIssuer`;

/** The issuer meant: the same name under the other kind, an Issuer of another namespace, or a near name. */
function hint(index: ResourceIndex, ref: IssuerReference, namespace: string, annotated: boolean): string {
  if (ref.kind === 'Issuer') {
    if (index.exists(CLUSTER_ISSUER, undefined, ref.name)) {
      return annotated ? `; a ClusterIssuer \`${ref.name}\` exists: use the \`cert-manager.io/cluster-issuer\` annotation` : `; a ClusterIssuer \`${ref.name}\` exists: set \`kind: ClusterIssuer\``;
    }
    const elsewhere = index.named(ISSUER, ref.name).find((i) => i.namespace !== namespace);
    if (elsewhere) return `; an Issuer \`${ref.name}\` exists in namespace \`${elsewhere.namespace}\`, but an Issuer serves only its own namespace: use a ClusterIssuer`;
    return didYouMean(ref.name, index.names(ISSUER, namespace));
  }
  if (index.exists(ISSUER, namespace, ref.name)) {
    return annotated ? `; an Issuer \`${ref.name}\` exists in namespace \`${namespace}\`: use the \`cert-manager.io/issuer\` annotation` : `; an Issuer \`${ref.name}\` exists in namespace \`${namespace}\`: set \`kind: Issuer\``;
  }
  return didYouMean(ref.name, index.names(CLUSTER_ISSUER, undefined));
}

const where = (ref: IssuerReference, resource: Resource) => (ref.kind === 'ClusterIssuer' ? '' : ` in namespace \`${resource.namespace}\``);

export default defineRule({
  id: 'missing-issuer',
  severity: 'error',
  kinds: [`${CERT_MANAGER_GROUP}/Certificate`, `${CERT_MANAGER_GROUP}/CertificateRequest`, 'networking.k8s.io/Ingress', 'extensions/Ingress', `${GATEWAY_GROUP}/Gateway`],
  ecosystem: 'cert-manager',
  crossResource: true,
  description: 'Certificate issuerRef, or cert-manager Ingress/Gateway annotation, naming no Issuer or ClusterIssuer',
  docs: {
    why:
      'A Certificate is issued by the Issuer (in its own namespace) or ClusterIssuer its `spec.issuerRef` names ' +
      '(`kind` defaults to Issuer, `group` to cert-manager.io). When it does not exist, cert-manager\'s ' +
      'CertificateRequest controllers leave the request pending with reason `IssuerNotFound` ("Referenced ' +
      '\\"Issuer\\" not found"), the Certificate stays `Ready=False`, and its Secret is never written: pods mounting ' +
      'it stay in ContainerCreating and TLS listeners fall back to a default certificate. An Ingress or Gateway ' +
      'annotated `cert-manager.io/issuer` (with optional `issuer-kind`) or `cert-manager.io/cluster-issuer` gets a ' +
      'Certificate with that issuerRef from cert-manager\'s shim (only when it has TLS entries), with the same ' +
      'result. Issuers of other API groups (external issuers such as AWS PCA or step-issuer) are not checked. ' +
      'ClusterIssuers are cluster-wide and usually installed with cert-manager (like IngressClasses), so a ' +
      'ClusterIssuer reference is checked only when the linted files define ClusterIssuers (or the configuration ' +
      'declares them, `external`). An Issuer lives in the application\'s namespace, so a missing one is reported ' +
      'always: as an error when the linted files define some Issuer or ClusterIssuer, as a warning when they define ' +
      'none (the issuers are then probably managed elsewhere; declare them `external`). A ClusterIssuer reference ' +
      'naming an Issuer of the namespace is a warning even when no ClusterIssuer is defined.',
    fix: 'Name an existing Issuer of the namespace or a ClusterIssuer (check `kind`), or create the issuer.',
  },
  messages: {
    missing: '{{owner}} requests its certificate from {{kind}} `{{name}}`, which does not exist{{where}}, so no certificate is issued (IssuerNotFound){{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    const annotated = resource.group !== CERT_MANAGER_GROUP;
    for (const ref of issuerReferences(resource)) {
      if (ref.group !== CERT_MANAGER_GROUP || (ref.kind !== 'Issuer' && ref.kind !== 'ClusterIssuer')) continue;
      const cluster = ref.kind === 'ClusterIssuer';
      if (index.exists(cluster ? CLUSTER_ISSUER : ISSUER, cluster ? undefined : namespace, ref.name)) continue;
      const clusterIssuers = index.names(CLUSTER_ISSUER, undefined).length;
      // Installed with cert-manager, like IngressClasses: only an Issuer of that name makes the slip likely.
      const sameNameIssuer = cluster && index.exists(ISSUER, namespace, ref.name);
      if (cluster && clusterIssuers === 0 && !sameNameIssuer) continue;
      const noneDefined = clusterIssuers === 0 && (cluster || index.list(ISSUER).length === 0);
      report(resource.node(...ref.path), 'missing', {
        owner: resource.label,
        kind: ref.kind,
        name: ref.name,
        where: where(ref, resource),
        hint: hint(index, ref, namespace, annotated),
      }, noneDefined ? { severity: 'warn' } : undefined);
    }
  },
});
