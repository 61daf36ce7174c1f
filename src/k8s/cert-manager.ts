/**
 * cert-manager references: the issuer a Certificate (or an annotated Ingress or Gateway) asks for,
 * and the Secrets an Issuer or ClusterIssuer reads.
 *
 * Evidence (cert-manager/cert-manager): pkg/apis/certmanager/v1 types_certificate.go `IssuerRef`
 * (`kind` defaults to Issuer, `group` to cert-manager.io; other groups are external issuers),
 * pkg/controller/certificate-shim/helper.go (annotations `cert-manager.io/issuer`,
 * `cert-manager.io/cluster-issuer`, `cert-manager.io/issuer-kind`, `cert-manager.io/issuer-group`;
 * shim acts only on Ingress `spec.tls` entries and Gateway listeners with TLS), and
 * types_issuer.go (the Secret references of the CA, ACME, Vault and Venafi issuers; ACME
 * `privateKeySecretRef` is written by cert-manager itself, so it is not a reference to check).
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';

export const CERT_MANAGER_GROUP = 'cert-manager.io';

export interface IssuerReference {
  readonly name: string;
  /** `Issuer`, `ClusterIssuer`, or an external issuer's kind. */
  readonly kind: string;
  readonly group: string;
  /** Path of the name (the issuerRef name, or the annotation value). */
  readonly path: Path;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Whether an Ingress or Gateway has something for cert-manager's shim to issue a certificate for. */
function shimHasWork(resource: Resource, spec: Record<string, unknown>): boolean {
  if (resource.kind === 'Ingress') return Array.isArray(spec.tls) && spec.tls.some((t) => isRecord(t) && str(t.secretName) !== undefined);
  const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
  return listeners.some((l) => isRecord(l) && isRecord(l.tls) && Array.isArray(l.tls.certificateRefs) && l.tls.certificateRefs.length > 0);
}

/** The issuer references of a Certificate, CertificateRequest, or an Ingress/Gateway annotated for cert-manager. */
export function issuerReferences(resource: Resource): IssuerReference[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  if (resource.group === CERT_MANAGER_GROUP) {
    const ref = isRecord(spec.issuerRef) ? spec.issuerRef : {};
    const name = str(ref.name);
    if (name === undefined) return [];
    return [{ name, kind: str(ref.kind) ?? 'Issuer', group: str(ref.group) ?? CERT_MANAGER_GROUP, path: ['spec', 'issuerRef', 'name'] }];
  }
  const metadata = resource.value.metadata;
  const annotations = isRecord(metadata?.annotations) ? metadata.annotations : {};
  if (!shimHasWork(resource, spec)) return [];
  const out: IssuerReference[] = [];
  const issuer = str(annotations['cert-manager.io/issuer']);
  if (issuer !== undefined) {
    const kind = str(annotations['cert-manager.io/issuer-kind']) ?? 'Issuer';
    const group = str(annotations['cert-manager.io/issuer-group']) ?? CERT_MANAGER_GROUP;
    out.push({ name: issuer, kind, group, path: ['metadata', 'annotations', 'cert-manager.io/issuer'] });
  }
  const clusterIssuer = str(annotations['cert-manager.io/cluster-issuer']);
  if (clusterIssuer !== undefined) out.push({ name: clusterIssuer, kind: 'ClusterIssuer', group: CERT_MANAGER_GROUP, path: ['metadata', 'annotations', 'cert-manager.io/cluster-issuer'] });
  return out;
}

/** Secret references of an Issuer or ClusterIssuer spec, as paths below `spec` ending in the name field. */
const SECRET_REFS: readonly Path[] = [
  ['ca', 'secretName'],
  ['acme', 'externalAccountBinding', 'keySecretRef', 'name'],
  ['vault', 'auth', 'tokenSecretRef', 'name'],
  ['vault', 'auth', 'appRole', 'secretRef', 'name'],
  ['vault', 'auth', 'kubernetes', 'secretRef', 'name'],
  ['vault', 'auth', 'clientCertificate', 'secretName'],
  ['vault', 'caBundleSecretRef', 'name'],
  ['vault', 'clientCertSecretRef', 'name'],
  ['vault', 'clientKeySecretRef', 'name'],
  ['venafi', 'tpp', 'credentialsRef', 'name'],
  ['venafi', 'tpp', 'caBundleSecretRef', 'name'],
  ['venafi', 'cloud', 'apiTokenSecretRef', 'name'],
];

/** DNS01 provider credentials, as paths below `dns01` of an ACME solver. */
const DNS01_REFS: readonly Path[] = [
  ['acmeDNS', 'accountSecretRef'],
  ['akamai', 'accessTokenSecretRef'], ['akamai', 'clientSecretSecretRef'], ['akamai', 'clientTokenSecretRef'],
  ['azureDNS', 'clientSecretSecretRef'],
  ['cloudDNS', 'serviceAccountSecretRef'],
  ['cloudflare', 'apiKeySecretRef'], ['cloudflare', 'apiTokenSecretRef'],
  ['digitalocean', 'tokenSecretRef'],
  ['rfc2136', 'tsigSecretSecretRef'],
  ['route53', 'accessKeyIDSecretRef'], ['route53', 'secretAccessKeySecretRef'],
].map((p) => [...p, 'name']);

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) current = isRecord(current) ? current[segment as string] : undefined;
  return current;
}

export interface IssuerSecretReference {
  readonly name: string;
  /** Path from the issuer's root to the name field. */
  readonly path: Path;
}

/** Every Secret an Issuer or ClusterIssuer reads (not the ACME account key, which cert-manager creates). */
export function issuerSecretRefs(issuer: Resource): IssuerSecretReference[] {
  const spec = isRecord(issuer.value.spec) ? issuer.value.spec : {};
  const out: IssuerSecretReference[] = [];
  const add = (base: Path, value: unknown, paths: readonly Path[]) => {
    for (const path of paths) {
      const name = str(at(value, path));
      if (name !== undefined) out.push({ name, path: [...base, ...path] });
    }
  };
  add(['spec'], spec, SECRET_REFS);
  const solvers = isRecord(spec.acme) && Array.isArray(spec.acme.solvers) ? spec.acme.solvers : [];
  solvers.forEach((solver, i) => {
    if (isRecord(solver)) add(['spec', 'acme', 'solvers', i, 'dns01'], solver.dns01, DNS01_REFS);
  });
  return out;
}
