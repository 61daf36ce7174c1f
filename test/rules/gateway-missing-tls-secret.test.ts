import rule from '../../rules/gateway-missing-tls-secret.js';
import { testRule } from '../helpers/test-rule.js';

const gateway = (annotations = '') =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge${annotations}}\nspec:\n  gatewayClassName: x\n  listeners:\n    - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: edge-tls}, {group: example.com, kind: Vault, name: v}]}}\n`;

testRule(rule, {
  valid: [
    { name: 'gateway-shim (issuer)', code: gateway(', annotations: {cert-manager.io/issuer: ca}') },
    { name: 'a SealedSecret creates it', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: edge-tls}\nspec: {encryptedData: {tls.crt: AgBy}}\n---\n' + gateway() },
  ],
  invalid: [
    {
      name: 'an empty shim annotation does not count; other kinds are not checked',
      code: gateway(', annotations: {cert-manager.io/issuer: ""}'),
      errors: [{
        message: 'listener `https` of Gateway `edge` uses TLS Secret `edge-tls`, which does not exist in namespace `default`, so the listener is not programmed',
        line: 7,
        column: 80,
        severity: 1,
      }],
    },
  ],
});
