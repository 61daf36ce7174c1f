import { defineRule, didYouMean, gatewayListeners, GATEWAY_GROUP, isRecord } from '../src/rule-api.js';

/** cert-manager's gateway-shim creates a Certificate (and so the Secret) for Gateways with one of these. */
const SHIM_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'];

export default defineRule({
  id: 'gateway-missing-tls-secret',
  severity: 'warn',
  kinds: [`${GATEWAY_GROUP}/Gateway`],
  ecosystem: 'Gateway API',
  crossResource: true,
  description: 'Gateway listener TLS certificateRef names a Secret that does not exist',
  docs: {
    why:
      'A listener\'s `tls.certificateRefs` name `kubernetes.io/tls` Secrets (`kind: Secret` and group `""` are the ' +
      'defaults) in the Gateway\'s namespace unless `namespace` is set; the API server does not check them. When the ' +
      'Secret is missing the listener reports `ResolvedRefs=False` with reason `InvalidCertificateRef` (gateway-api ' +
      'gateway_types.go) and is not programmed: HTTPS and TLS connections on it fail. Secrets that a cert-manager ' +
      'Certificate, SealedSecret or ExternalSecret of the run creates count as defined, and a Gateway annotated for ' +
      'cert-manager\'s gateway-shim (`cert-manager.io/issuer` or `cert-manager.io/cluster-issuer`) is skipped: the shim ' +
      'creates a Certificate for each certificateRef. It is a warning because the Secret may be created outside ' +
      'these manifests; declare it in the configuration (`external`) then. References of other kinds are not ' +
      'checked; a cross-namespace reference without a ReferenceGrant is `missing-reference-grant`.',
    fix:
      'Create the TLS Secret (or a cert-manager Certificate with that `secretName`), fix the name, or annotate the ' +
      'Gateway with `cert-manager.io/cluster-issuer: <issuer>` to have cert-manager issue it.',
  },
  messages: {
    missing: 'listener `{{listener}}` of Gateway `{{gateway}}` uses TLS Secret `{{secret}}`, which does not exist in namespace `{{namespace}}`, so the listener is not programmed{{hint}}',
  },
  check({ resource, index, report }) {
    const annotations = resource.value.metadata?.annotations;
    if (isRecord(annotations) && SHIM_ANNOTATIONS.some((key) => typeof annotations[key] === 'string' && annotations[key] !== '')) return;
    for (const listener of gatewayListeners(resource)) {
      for (const ref of listener.certificateRefs) {
        if (ref.group !== '' || ref.kind !== 'Secret' || index.exists('Secret', ref.namespace, ref.name)) continue;
        report(resource.node(...ref.path, 'name'), 'missing', {
          listener: listener.name,
          gateway: resource.name,
          secret: ref.name,
          namespace: ref.namespace,
          hint: didYouMean(ref.name, index.names('Secret', ref.namespace)),
        });
      }
    }
  },
});
