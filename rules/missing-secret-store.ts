import { defineRule, ESO_KINDS, missingScopedReference, storeRefs } from '../src/rule-api.js';

const STORES = { namespaced: ESO_KINDS.SecretStore, cluster: ESO_KINDS.ClusterSecretStore };

export default defineRule({
  id: 'missing-secret-store',
  severity: 'error',
  kinds: ['external-secrets.io/ExternalSecret', 'external-secrets.io/ClusterExternalSecret', 'external-secrets.io/PushSecret', 'external-secrets.io/ClusterPushSecret'],
  crossResource: true,
  description: 'External Secrets object names a SecretStore or ClusterSecretStore that does not exist',
  ecosystem: 'External Secrets',
  docs: {
    why:
      'An ExternalSecret reads through `spec.secretStoreRef` and the `sourceRef.storeRef` of its `data` and ' +
      '`dataFrom` entries; a PushSecret writes through `spec.secretStoreRefs`. `kind` defaults to `SecretStore`, a ' +
      "store of the object's own namespace; `ClusterSecretStore` is cluster-wide. When the store does not exist the " +
      'controller logs "could not get SecretStore", sets `Ready=False` with reason `SecretSyncedError` and writes ' +
      'no Secret (a PushSecret reports `Ready=False`, reason `Errored`, and pushes nothing), so pods that mount the Secret stay in `ContainerCreating`. For ClusterExternalSecret and ' +
      'ClusterPushSecret only ClusterSecretStore references are checked (their namespaces come from selectors). ' +
      'The finding is a warning when the run defines no store of that kind there (stores are often installed by ' +
      'the platform team). A ClusterSecretStore `conditions` list restricting namespaces is not evaluated.',
    fix: 'Create the store, fix its name, or set `kind: ClusterSecretStore` to use a cluster-wide store.',
  },
  messages: {
    missing: '{{owner}} uses {{kind}} `{{name}}`, which does not exist{{where}}: {{effect}}{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace;
    const effect = resource.kind.includes('Push') ? 'the controller reports Errored and pushes nothing' : 'the controller reports SecretSyncedError and writes no Secret';
    for (const ref of storeRefs(resource)) {
      const switchTo = `\`kind: ${ref.cluster ? 'SecretStore' : 'ClusterSecretStore'}\``;
      const missing = missingScopedReference(index, STORES, ref.cluster, namespace, ref.name, switchTo);
      if (!missing) continue;
      const data = { owner: `${resource.kind} \`${resource.name}\``, kind: missing.kind, name: ref.name, where: missing.where, effect, hint: missing.hint };
      report(resource.node(...ref.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
