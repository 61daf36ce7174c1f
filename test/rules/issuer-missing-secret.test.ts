import rule from '../../rules/issuer-missing-secret.js';
import { testRule } from '../helpers/test-rule.js';

testRule(rule, {
  valid: [
    { name: 'a SealedSecret creates it', code: 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: vault-token}\nspec: {encryptedData: {token: AgBy}}\n---\napiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: vault}\nspec: {vault: {server: https://vault, path: pki/sign/x, auth: {tokenSecretRef: {name: vault-token, key: token}}}}\n' },
  ],
  invalid: [
    {
      name: 'a ClusterIssuer without the cert-manager namespace in the run: a warning',
      code: 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: venafi}\nspec: {venafi: {zone: z, cloud: {apiTokenSecretRef: {name: venafi-token, key: k}}}}\n',
      errors: [{ message: 'ClusterIssuer `venafi` reads Secret `venafi-token` (`venafi.cloud.apiTokenSecretRef.name`), which does not exist in namespace `cert-manager`, so it cannot issue certificates', line: 4, column: 60, severity: 1 }],
    },
  ],
});
