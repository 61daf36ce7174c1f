/**
 * A CustomResourceDefinition as validation needs it, whether it comes from the run (a CRD among the
 * linted files, `--context` or `--crds`), from a folder in the JSON-schema catalog layout, or from
 * the bundled catalog (src/crds/catalog.ts).
 */
import { isRecord } from '../resource.js';
import type { JsonSchema } from '../schemas.js';

export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated?: boolean;
  readonly deprecationWarning?: string;
  readonly schema?: JsonSchema;
}

export interface CrdDefinition {
  readonly group: string;
  readonly kind: string;
  readonly scope?: 'Namespaced' | 'Cluster';
  readonly versions: readonly CrdVersion[];
  /** For messages: `CustomResourceDefinition \`certificates.cert-manager.io\``. */
  readonly source: string;
  /** Where it comes from: the run, a user's folder, or the bundled catalog. */
  readonly origin: 'run' | 'folder' | 'bundled';
}

/** The definition an `apiextensions.k8s.io/v1` CRD object declares, or undefined if it is not one. */
export function definitionOf(value: unknown, name: string): CrdDefinition | undefined {
  const spec = isRecord(value) ? value.spec : undefined;
  if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  return {
    group: spec.group,
    kind: spec.names.kind,
    scope: spec.scope === 'Cluster' || spec.scope === 'Namespaced' ? spec.scope : undefined,
    versions: versions.filter((v) => typeof v.name === 'string').map((v) => ({
      name: v.name as string,
      served: v.served !== false,
      storage: v.storage === true,
      ...(v.deprecated === true ? { deprecated: true } : {}),
      ...(typeof v.deprecationWarning === 'string' ? { deprecationWarning: v.deprecationWarning } : {}),
      ...(isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? { schema: v.schema.openAPIV3Schema } : {}),
    })),
    source: `CustomResourceDefinition \`${name}\``,
    origin: 'run',
  };
}

/** The served, non-deprecated version a deprecated one should move to: the storage version first. */
export function replacementOf(definition: CrdDefinition, version: string): string | undefined {
  const candidates = definition.versions.filter((v) => v.served && !v.deprecated && v.name !== version);
  return (candidates.find((v) => v.storage) ?? candidates[0])?.name;
}
