import rule from '../../rules/missing-secret-store.js';
import { testRule } from '../helpers/test-rule.js';

const externalSecret = (ref: string) => `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: app}\nspec:\n  secretStoreRef: ${ref}\n  target: {name: db}\n`;

testRule(rule, {
  valid: [
    { name: 'a ClusterSecretStore declared in the configuration', code: externalSecret('{name: vault, kind: ClusterSecretStore}'), options: { external: ['external-secrets.io/ClusterSecretStore/vault'] } },
    { name: 'the SecretStore of a ClusterExternalSecret resolves per namespace', code: 'apiVersion: external-secrets.io/v1\nkind: ClusterExternalSecret\nmetadata: {name: db}\nspec: {externalSecretSpec: {secretStoreRef: {name: local}}}\n' },
  ],
  invalid: [
    {
      name: 'a warning when the run defines no SecretStore in the namespace',
      code: externalSecret('{name: vault}'),
      errors: [{
        message: 'ExternalSecret `db` uses SecretStore `vault`, which does not exist in namespace `app`: the controller reports SecretSyncedError and writes no Secret; namespace `app` defines no SecretStore',
        line: 5,
        column: 26,
        severity: 1,
      }],
    },
    {
      name: 'an error when the name is a ClusterSecretStore',
      code: 'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata: {name: vault}\nspec: {provider: {fake: {data: []}}}\n---\n' + externalSecret('{name: vault}'),
      errors: [{ message: /SecretStore `vault`, which does not exist in namespace `app`.*; ClusterSecretStore `vault` exists: set `kind: ClusterSecretStore`$/, line: 10, column: 26, severity: 2 }],
    },
  ],
});
