import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import { missingHint, missingKeys, referenceData, resolveReference } from '../../src/k8s/reference-resolution.js';
import { podReferences } from '../../src/k8s/references.js';

function indexOf(text: string) {
  const { documents } = loadFile({ path: 'test.yaml', text });
  const index = new ResourceIndex(toResources(documents, 'default'));
  const owner = index.resources.find((r) => index.podTemplate(r) !== undefined)!;
  return { index, template: index.podTemplate(owner)! };
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      imagePullSecrets: [{name: regcred}]
      initContainers:
        - name: init
          image: busybox
          envFrom: [{secretRef: {name: init-secrets}}]
      containers:
        - name: app
          image: api
          envFrom:
            - configMapRef: {name: api-config, optional: true}
            - prefix: X_
          env:
            - {name: PLAIN, value: x}
            - name: LEVEL
              valueFrom: {configMapKeyRef: {name: api-config, key: level}}
            - name: TOKEN
              valueFrom: {secretKeyRef: {name: api-secrets, key: token}}
          volumeMounts: [{name: conf, mountPath: /conf}, {name: all, mountPath: /all}]
          volumeDevices: [{name: raw, devicePath: /dev/raw}]
        - name: sidecar
          image: proxy
          volumeMounts: [{name: conf, mountPath: /conf}]
      volumes:
        - name: conf
          configMap: {name: api-config, items: [{key: app.yaml, path: app.yaml}]}
        - name: all
          projected:
            sources:
              - serviceAccountToken: {path: token}
              - configMap: {name: extra}
              - secret: {name: tls, items: [{key: tls.crt, path: tls.crt}], optional: true}
        - name: raw
          persistentVolumeClaim: {claimName: raw-disk}
        - name: unused
          secret: {secretName: old}
        - name: scratch
          ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}
`;

describe('podReferences', () => {
  it('finds every reference form with its path, keys and readers', () => {
    const { template } = indexOf(deployment);
    const refs = podReferences(template).map((r) => ({
      kind: r.kind,
      name: r.name,
      source: r.source,
      where: r.where,
      containers: r.containers.map((c) => c.container.name),
      unused: r.unused,
      optional: r.optional,
      path: r.path.join('.'),
      keys: r.keys.map((k) => `${k.key}@${k.path.join('.')}`),
    }));
    const t = 'spec.template.spec';
    expect(refs).toEqual([
      { kind: 'ConfigMap', name: 'api-config', source: 'volume', where: 'through volume `conf`', containers: ['app', 'sidecar'], unused: false, optional: false, path: `${t}.volumes.0.configMap.name`, keys: [`app.yaml@${t}.volumes.0.configMap.items.0.key`] },
      { kind: 'ConfigMap', name: 'extra', source: 'projected', where: 'through projected volume `all`', containers: ['app'], unused: false, optional: false, path: `${t}.volumes.1.projected.sources.1.configMap.name`, keys: [] },
      { kind: 'Secret', name: 'tls', source: 'projected', where: 'through projected volume `all`', containers: ['app'], unused: false, optional: true, path: `${t}.volumes.1.projected.sources.2.secret.name`, keys: [`tls.crt@${t}.volumes.1.projected.sources.2.secret.items.0.key`] },
      { kind: 'PersistentVolumeClaim', name: 'raw-disk', source: 'volume', where: 'through volume `raw`', containers: ['app'], unused: false, optional: false, path: `${t}.volumes.2.persistentVolumeClaim.claimName`, keys: [] },
      { kind: 'Secret', name: 'old', source: 'volume', where: 'through volume `unused`', containers: [], unused: true, optional: false, path: `${t}.volumes.3.secret.secretName`, keys: [] },
      { kind: 'ConfigMap', name: 'api-config', source: 'envFrom', where: 'from envFrom', containers: ['app'], unused: false, optional: true, path: `${t}.containers.0.envFrom.0.configMapRef.name`, keys: [] },
      { kind: 'ConfigMap', name: 'api-config', source: 'env', where: 'from env `LEVEL`', containers: ['app'], unused: false, optional: false, path: `${t}.containers.0.env.1.valueFrom.configMapKeyRef.name`, keys: [`level@${t}.containers.0.env.1.valueFrom.configMapKeyRef.key`] },
      { kind: 'Secret', name: 'api-secrets', source: 'env', where: 'from env `TOKEN`', containers: ['app'], unused: false, optional: false, path: `${t}.containers.0.env.2.valueFrom.secretKeyRef.name`, keys: [`token@${t}.containers.0.env.2.valueFrom.secretKeyRef.key`] },
      { kind: 'Secret', name: 'init-secrets', source: 'envFrom', where: 'from envFrom', containers: ['init'], unused: false, optional: false, path: `${t}.initContainers.0.envFrom.0.secretRef.name`, keys: [] },
      { kind: 'Secret', name: 'regcred', source: 'imagePullSecrets', where: 'from imagePullSecrets', containers: [], unused: false, optional: false, path: `${t}.imagePullSecrets.0.name`, keys: [] },
    ]);
  });

  it('skips StatefulSet template volumes that a volumeClaimTemplate replaces', () => {
    const { template } = indexOf(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    spec:
      containers: [{name: pg, image: postgres, volumeMounts: [{name: data, mountPath: /d}, {name: conf, mountPath: /c}]}]
      volumes:
        - {name: data, persistentVolumeClaim: {claimName: whatever}}
        - {name: conf, configMap: {name: pg-conf}}
  volumeClaimTemplates: [{metadata: {name: data}}]
`);
    expect(podReferences(template).map((r) => r.name)).toEqual(['pg-conf']);
  });

  it('ignores references without a usable name', () => {
    const { template } = indexOf(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: x, envFrom: [{configMapRef: {}}, {secretRef: {name: ""}}], env: [{name: A, valueFrom: {configMapKeyRef: {name: 7, key: k}}}]}]
  imagePullSecrets: [{}, null]
`);
    expect(podReferences(template)).toEqual([]);
  });
});

describe('resolveReference', () => {
  const objects = `
apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: shop}
data: {a: "1"}
binaryData: {b: AA==}
---
apiVersion: v1
kind: Secret
metadata: {name: token, namespace: shop}
type: kubernetes.io/service-account-token
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: shop}
spec:
  encryptedData: {password: AgB}
  template: {data: {url: "postgres://{{ .password }}@db"}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: legacy, namespace: shop}
spec: {data: AgBxyz}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: templated, namespace: shop}
spec:
  data: [{secretKey: raw, remoteRef: {key: k}}]
  target: {template: {data: {config.json: "{}"}}}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec:
  secretName: web-tls
  additionalOutputFormats: [{type: CombinedPEM}]
---
apiVersion: v1
kind: Secret
metadata: {name: elsewhere, namespace: other}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: api
          env:
            - {name: A, valueFrom: {configMapKeyRef: {name: app, key: b}}}
            - {name: B, valueFrom: {secretKeyRef: {name: token, key: token}}}
            - {name: C, valueFrom: {secretKeyRef: {name: sealed, key: url}}}
            - {name: D, valueFrom: {secretKeyRef: {name: legacy, key: anything}}}
            - {name: E, valueFrom: {secretKeyRef: {name: templated, key: anything}}}
            - {name: F, valueFrom: {secretKeyRef: {name: web-tls, key: tls.cert}}}
            - {name: G, valueFrom: {configMapKeyRef: {name: kube-root-ca.crt, key: ca.cert}}}
            - {name: H, valueFrom: {secretKeyRef: {name: elsewhere, key: x}}}
            - {name: I, valueFrom: {configMapKeyRef: {name: ap, key: a}}}
          volumeMounts: [{name: v, mountPath: /v}]
      volumes:
        - {name: v, configMap: {name: app, items: [{key: b, path: b}]}}
`;

  it('knows which keys each kind of object will hold, and where they are unknown', () => {
    const { index, template } = indexOf(objects);
    const refs = podReferences(template);
    const byEnv = (name: string) => refs.find((r) => r.where === `from env \`${name}\``)!;
    const missing = (r: (typeof refs)[number]) => missingKeys(r, resolveReference(index, template, r)).map(({ key, keys, unreadable, hint }) => ({ key, keys, unreadable, hint }));

    expect(missing(byEnv('A'))).toEqual([{ key: 'b', keys: 'keys: `a`', unreadable: true, hint: '' }]);
    expect(missing(refs[0])).toEqual([]); // a volume reads binaryData
    expect(missing(byEnv('B'))).toEqual([]);
    expect(missing(byEnv('C'))).toEqual([]);
    expect(resolveReference(index, template, byEnv('D'))).toEqual({ exists: true, keys: undefined });
    expect(resolveReference(index, template, byEnv('E'))).toEqual({ exists: true, keys: undefined });
    expect(missing(byEnv('F'))).toEqual([
      { key: 'tls.cert', keys: 'keys from Certificate `web`: `ca.crt`, `tls-combined.pem`, `tls.crt`, `tls.key`', unreadable: false, hint: '; did you mean `tls.crt`?' },
    ]);
    expect(missing(byEnv('G'))).toEqual([{ key: 'ca.cert', keys: 'keys: `ca.crt`', unreadable: false, hint: '; did you mean `ca.crt`?' }]);
  });

  it('merges the keys of an object defined twice and of its provider, each once, in order', () => {
    const { index, template } = indexOf(`
apiVersion: v1
kind: ConfigMap
metadata: {name: dup, namespace: shop}
data: {b: '1', a: '2'}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dup, namespace: shop}
data: {a: '3', c: '4'}
binaryData: {z: eA==, b: eA==}
---
apiVersion: v1
kind: Secret
metadata: {name: both, namespace: shop}
data: {tls.key: eA==}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec: {secretName: both}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: api
          env:
            - {name: A, valueFrom: {configMapKeyRef: {name: dup, key: x}}}
            - {name: B, valueFrom: {secretKeyRef: {name: both, key: x}}}
          volumeMounts: [{name: v, mountPath: /v}]
      volumes:
        - {name: v, configMap: {name: dup}}
`);
    const [volume, a, b] = podReferences(template);
    expect(resolveReference(index, template, a)).toEqual({ exists: true, keys: { keys: ['b', 'a', 'c'], unreadable: ['z', 'b'], from: undefined } });
    expect(resolveReference(index, template, volume)).toEqual({ exists: true, keys: { keys: ['b', 'a', 'c', 'z'], unreadable: [], from: undefined } });
    expect(resolveReference(index, template, b)).toEqual({ exists: true, keys: { keys: ['tls.key', 'ca.crt', 'tls.crt'], unreadable: [], from: undefined } });
    expect(missingKeys(volume, resolveReference(index, template, volume))).toEqual([]);
  });

  it('says where else a missing object exists, or what it may have meant', () => {
    const { index, template } = indexOf(objects);
    const refs = podReferences(template);
    const h = refs.find((r) => r.name === 'elsewhere')!;
    const resolution = resolveReference(index, template, h);
    expect(resolution).toMatchObject({ exists: false, otherNamespace: 'other' });
    expect(missingHint(h, resolution)).toBe('; Secret `elsewhere` exists in namespace `other`, but a pod can only use one from its own namespace');
    const i = refs.find((r) => r.name === 'ap')!;
    expect(missingHint(i, resolveReference(index, template, i))).toBe('; did you mean `app`?');
  });

  it('names the first other namespace that defines or provides it, in the order of the run', () => {
    const { index, template } = indexOf(`
apiVersion: v1
kind: ConfigMap
metadata: {name: shared, namespace: shop}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: b-team}
spec: {encryptedData: {k: AgB}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed, namespace: a-team}
spec: {encryptedData: {k: AgB}}
---
apiVersion: v1
kind: Secret
metadata: {name: shared, namespace: z-team}
---
apiVersion: v1
kind: Secret
metadata: {name: shared, namespace: y-team}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: api
          envFrom: [{secretRef: {name: sealed}}, {secretRef: {name: shared}}, {secretRef: {name: nowhere}}]
`);
    const other = (name: string) => {
      const resolution = resolveReference(index, template, podReferences(template).find((r) => r.name === name)!);
      return resolution.exists ? 'exists' : resolution.otherNamespace;
    };
    // Providers: the namespace the run mentions first; defined objects: the first defined (a ConfigMap of the same name is no Secret).
    expect([other('sealed'), other('shared'), other('nowhere')]).toEqual(['b-team', 'z-team', undefined]);
  });
});

describe('referenceData', () => {
  it('names the workload and the containers that read the reference', () => {
    const { template } = indexOf(deployment);
    const subjects = podReferences(template).map((r) => referenceData(template, r).subject);
    expect(subjects).toContain('Deployment `api` (containers `app`, `sidecar`)');
    expect(subjects).toContain('Deployment `api` container `app`');
    expect(subjects).toContain('Deployment `api` init container `init`');
    expect(subjects).toContain('Deployment `api`');
    expect(referenceData(template, podReferences(template)[0])).toMatchObject({ name: 'api-config', namespace: 'shop', where: 'through volume `conf`' });
  });
});
