import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import { kindName, missingReference, missingScopedReference } from '../../src/k8s/object-refs.js';

const run = indexOf(`
apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: {name: vault, namespace: pay}
---
apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: {name: aws, namespace: pay}
---
apiVersion: external-secrets.io/v1
kind: SecretStore
metadata: {name: gcp, namespace: shop}
---
apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata: {name: shared}
`);
const STORE = 'external-secrets.io/SecretStore';
const KINDS = { namespaced: STORE, cluster: 'external-secrets.io/ClusterSecretStore' };

describe('missingReference', () => {
  it('is undefined for an object that exists', () => {
    expect(missingReference(run, STORE, 'pay', 'vault')).toBeUndefined();
  });
  it('suggests a near name, or the namespace that has the name; both are certain misses', () => {
    expect(missingReference(run, STORE, 'pay', 'valut')).toEqual({ managed: true, hint: '; did you mean `vault`?' });
    expect(missingReference(run, STORE, 'pay', 'gcp')).toEqual({ managed: true, hint: '; SecretStore `gcp` exists in namespace `shop`', elsewhere: 'shop' });
  });
  it('lists what the namespace defines, or says it defines none (then the object may live elsewhere)', () => {
    expect(missingReference(run, STORE, 'pay', 'hashicorp')).toEqual({ managed: true, hint: '; namespace `pay` defines SecretStore `aws`, `vault`' });
    expect(missingReference(run, STORE, 'web', 'hashicorp')).toEqual({ managed: false, hint: '; namespace `web` defines no SecretStore' });
    expect(missingReference(run, 'keda.sh/ClusterTriggerAuthentication', undefined, 'x')).toEqual({ managed: false, hint: '; the manifests define no ClusterTriggerAuthentication' });
  });
  it('names the kind of a group/Kind reference', () => {
    expect(kindName('external-secrets.io/SecretStore')).toBe('SecretStore');
    expect(kindName('Service')).toBe('Service');
  });
});

describe('missingScopedReference', () => {
  it('says to switch to the twin kind when the name exists there', () => {
    expect(missingScopedReference(run, KINDS, false, 'pay', 'shared', '`kind: ClusterSecretStore`')).toEqual({
      kind: 'SecretStore', where: ' in namespace `pay`', managed: true, hint: '; ClusterSecretStore `shared` exists: set `kind: ClusterSecretStore`',
    });
    expect(missingScopedReference(run, KINDS, true, 'pay', 'vault', '`kind: SecretStore`')).toMatchObject({ kind: 'ClusterSecretStore', where: '', managed: true });
  });
  it('is undefined when the reference resolves', () => {
    expect(missingScopedReference(run, KINDS, true, 'pay', 'shared', '')).toBeUndefined();
  });
});
