import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import { storeRefs } from '../../src/k8s/external-secrets.js';

const run = indexOf(`
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: db, namespace: app}
spec:
  secretStoreRef: {name: vault}
  data: [{secretKey: a, remoteRef: {key: a}, sourceRef: {storeRef: {name: aws, kind: ClusterSecretStore}}}]
  dataFrom: [{extract: {key: b}, sourceRef: {storeRef: {name: gcp, kind: SecretStore}}}, {sourceRef: {generatorRef: {kind: Password, name: pw}}}]
---
apiVersion: external-secrets.io/v1
kind: ClusterExternalSecret
metadata: {name: shared}
spec: {externalSecretSpec: {secretStoreRef: {name: local}, data: [{sourceRef: {storeRef: {name: aws, kind: ClusterSecretStore}}}]}}
---
apiVersion: external-secrets.io/v1alpha1
kind: PushSecret
metadata: {name: push, namespace: app}
spec: {secretStoreRefs: [{name: vault}, {labelSelector: {matchLabels: {a: b}}}, {name: aws, kind: ClusterSecretStore}]}
---
apiVersion: external-secrets.io/v1alpha1
kind: ClusterPushSecret
metadata: {name: push-all}
spec: {pushSecretSpec: {secretStoreRefs: [{name: local}, {name: aws, kind: ClusterSecretStore}]}}
`);
const [externalSecret, clusterExternalSecret, pushSecret, clusterPushSecret] = run.resources;
const show = (refs: ReturnType<typeof storeRefs>) => refs.map((r) => `${r.cluster ? 'cluster:' : ''}${r.name}@${r.path.join('.')}`);

describe('storeRefs', () => {
  it('reads secretStoreRef and the storeRef of data and dataFrom sources (generators are no stores)', () => {
    expect(show(storeRefs(externalSecret))).toEqual([
      'vault@spec.secretStoreRef.name',
      'cluster:aws@spec.data.0.sourceRef.storeRef.name',
      'gcp@spec.dataFrom.0.sourceRef.storeRef.name',
    ]);
  });
  it('reads named PushSecret stores (a label selector names none)', () => {
    expect(show(storeRefs(pushSecret))).toEqual(['vault@spec.secretStoreRefs.0.name', 'cluster:aws@spec.secretStoreRefs.2.name']);
  });
  it('keeps only the ClusterSecretStores of cluster-wide objects', () => {
    expect(show(storeRefs(clusterExternalSecret))).toEqual(['cluster:aws@spec.externalSecretSpec.data.0.sourceRef.storeRef.name']);
    expect(show(storeRefs(clusterPushSecret))).toEqual(['cluster:aws@spec.pushSecretSpec.secretStoreRefs.1.name']);
  });
});
