/**
 * Objects that exist without a manifest of their own: the ones every cluster has, and the ones
 * controllers create from another object of the run (for the index, src/resource-index.ts).
 */
import { isRecord, type Resource } from '../resource.js';

/**
 * Objects every cluster has without any manifest: the `default` ServiceAccount and the
 * `kube-root-ca.crt` ConfigMap in every namespace, the built-in namespaces, and the default
 * ClusterRoles (`cluster-admin`, `admin`, `edit`, `view`, and the `system:` ones).
 */
const WELL_KNOWN: ReadonlyMap<string, (name: string) => boolean> = new Map(Object.entries({
  '/ServiceAccount': (name: string) => name === 'default',
  '/ConfigMap': (name: string) => name === 'kube-root-ca.crt',
  '/Namespace': (name: string) => ['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name),
  'rbac.authorization.k8s.io/ClusterRole': (name: string) => ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:'),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (name: string) => name.startsWith('system:'),
}));

export function isWellKnown(kind: string, name: string): boolean {
  return WELL_KNOWN.get(kind)?.(name) ?? false;
}

export interface Provided {
  readonly kind: string;
  readonly name: string;
  readonly how: string;
}

/** The kinds (of any group) `providedBy` may find something in. */
const PROVIDING_KINDS = new Set(['SealedSecret', 'ExternalSecret', 'Certificate', 'StatefulSet']);

const NONE: readonly Provided[] = Object.freeze([]);

/**
 * Objects that controllers create from this one: Secrets from SealedSecret, ExternalSecret and
 * cert-manager Certificate; PersistentVolumeClaims from StatefulSet volumeClaimTemplates
 * (`<template>-<statefulset>-<ordinal>`).
 */
export function providedBy(resource: Resource): readonly Provided[] {
  // The index asks for every object: most kinds create nothing, known without building a string.
  if (!PROVIDING_KINDS.has(resource.kind)) return NONE;
  const value = resource.value as Record<string, unknown>;
  const spec = isRecord(value.spec) ? value.spec : {};
  const how = `${resource.kind} \`${resource.name}\``;
  switch (`${resource.group}/${resource.kind}`) {
    case 'bitnami.com/SealedSecret':
      // The controller always names the Secret after the SealedSecret (template names are ignored).
      return [{ kind: 'Secret', name: resource.name, how }];
    case 'external-secrets.io/ExternalSecret': {
      const target = isRecord(spec.target) ? spec.target : {};
      // `Merge` and `None` write into an existing Secret or none at all: they create nothing.
      if (target.creationPolicy === 'Merge' || target.creationPolicy === 'None') return [];
      return [{ kind: 'Secret', name: typeof target.name === 'string' ? target.name : resource.name, how }];
    }
    case 'cert-manager.io/Certificate':
      return typeof spec.secretName === 'string' ? [{ kind: 'Secret', name: spec.secretName, how }] : [];
    case 'apps/StatefulSet': {
      const templates = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const start = isRecord(spec.ordinals) && typeof spec.ordinals.start === 'number' ? spec.ordinals.start : 0;
      const out: Provided[] = [];
      for (const claim of templates) {
        const name = isRecord(claim) && isRecord(claim.metadata) ? claim.metadata.name : undefined;
        if (typeof name !== 'string') continue;
        for (let i = start; i < start + Math.min(replicas, 1000); i++) out.push({ kind: 'PersistentVolumeClaim', name: `${name}-${resource.name}-${i}`, how });
      }
      return out;
    }
    default:
      return [];
  }
}
