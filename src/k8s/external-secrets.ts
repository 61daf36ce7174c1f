/**
 * External Secrets Operator (`external-secrets.io` v1, v1beta1; PushSecret v1alpha1): the stores
 * an ExternalSecret, ClusterExternalSecret, PushSecret or ClusterPushSecret reads from or writes to.
 *
 * Evidence (external-secrets/external-secrets): apis/externalsecrets/v1 `SecretStoreRef` (`kind`
 * defaults to `SecretStore`, a store of the object's own namespace; `ClusterSecretStore` is
 * cluster-wide); pkg/controllers/secretstore `resolvers` / externalsecret controller (a store that
 * does not exist: "could not get SecretStore", condition `SecretSyncedError`, no Secret written).
 * A ClusterExternalSecret or ClusterPushSecret creates its objects in namespaces chosen by selectors,
 * so only its ClusterSecretStore references can be resolved offline.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';

export const ESO_KINDS = { SecretStore: 'external-secrets.io/SecretStore', ClusterSecretStore: 'external-secrets.io/ClusterSecretStore' } as const;

export interface StoreRef {
  readonly name: string;
  readonly cluster: boolean;
  /** Path of the `name` value. */
  readonly path: Path;
}

function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function storeRef(value: unknown, path: Path): StoreRef[] {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') return [];
  return [{ name: value.name, cluster: value.kind === 'ClusterSecretStore', path: [...path, 'name'] }];
}

/** `secretStoreRef` and the `storeRef` of each `data` / `dataFrom` source of an ExternalSecret spec at `base`. */
function externalSecretRefs(spec: unknown, base: Path): StoreRef[] {
  if (!isRecord(spec)) return [];
  const out = storeRef(spec.secretStoreRef, [...base, 'secretStoreRef']);
  for (const field of ['data', 'dataFrom'] as const) {
    items(spec[field]).forEach((entry, i) => {
      if (isRecord(entry) && isRecord(entry.sourceRef)) out.push(...storeRef(entry.sourceRef.storeRef, [...base, field, i, 'sourceRef', 'storeRef']));
    });
  }
  return out;
}

function pushSecretRefs(spec: unknown, base: Path): StoreRef[] {
  if (!isRecord(spec)) return [];
  return items(spec.secretStoreRefs).flatMap((ref, i) => storeRef(ref, [...base, 'secretStoreRefs', i]));
}

/** Store references the run can resolve: all of a namespaced object, the cluster ones of a cluster-wide object. */
export function storeRefs(resource: Resource): StoreRef[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  switch (resource.kind) {
    case 'ExternalSecret':
      return externalSecretRefs(spec, ['spec']);
    case 'PushSecret':
      return pushSecretRefs(spec, ['spec']);
    case 'ClusterExternalSecret':
      return externalSecretRefs(spec.externalSecretSpec, ['spec', 'externalSecretSpec']).filter((ref) => ref.cluster);
    case 'ClusterPushSecret':
      return pushSecretRefs(spec.pushSecretSpec, ['spec', 'pushSecretSpec']).filter((ref) => ref.cluster);
    default:
      return [];
  }
}
