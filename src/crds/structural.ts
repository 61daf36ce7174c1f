/**
 * What the API server refuses in a CustomResourceDefinition (apiextensions.k8s.io/v1) before it
 * ever sees a custom resource: apiextensions-apiserver's `ValidateCustomResourceDefinition` and
 * the structural-schema rules (pkg/apiserver/schema/validation.go, KEP-1002). The checks here are
 * those a manifest can get wrong without breaking the CRD's own OpenAPI schema: an unknown `type`,
 * a node without a `type`, `properties` beside `additionalProperties`, types or defaults inside
 * `allOf`/`anyOf`/`oneOf`/`not`, extensions that contradict their `type`, metadata constraints
 * beyond `name` and `generateName`, no or several storage versions, and a version without schema.
 */
import type { Path, PathSegment } from '../model.js';
import { isRecord } from '../resource.js';
import { closest } from '../k8s/suggest.js';

export type CrdProblemCode = 'unknownType' | 'missingType' | 'propertiesAndAdditional' | 'junctorField' | 'extensionType' | 'metadataField' | 'storageVersions' | 'missingSchema';

export interface CrdProblem {
  readonly code: CrdProblemCode;
  readonly path: Path;
  /** Point at the key of `path` rather than its value. */
  readonly key: boolean;
  readonly data: Readonly<Record<string, string>>;
}

const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];
const JUNCTORS = ['allOf', 'anyOf', 'oneOf', 'not'] as const;
const NOT_IN_JUNCTORS = ['type', 'additionalProperties', 'default', 'nullable', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string'];

/** Problems of a CRD object (its value); empty for anything else. */
export function crdProblems(value: unknown): CrdProblem[] {
  const spec = isRecord(value) ? value.spec : undefined;
  if (!isRecord(spec) || !Array.isArray(spec.versions)) return [];
  const out: CrdProblem[] = [];
  const storage = spec.versions.filter((v) => isRecord(v) && v.storage === true).length;
  if (storage !== 1 && spec.versions.length > 0) {
    out.push({ code: 'storageVersions', path: ['spec', 'versions'], key: true, data: { count: storage === 0 ? 'no version' : `${storage} versions` } });
  }
  spec.versions.forEach((version, i) => {
    if (!isRecord(version)) return;
    const root = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    const name = String(version.name);
    if (!isRecord(root)) {
      out.push({ code: 'missingSchema', path: ['spec', 'versions', i, ...(isRecord(version.schema) ? ['schema'] : ['name'])], key: true, data: { version: name } });
      return;
    }
    const at: PathSegment[] = ['spec', 'versions', i, 'schema', 'openAPIV3Schema'];
    walk(root, at, out, { inJunctor: false, atRoot: true });
    const metadata = isRecord(root.properties) ? root.properties.metadata : undefined;
    if (isRecord(metadata)) checkMetadata(metadata, [...at, 'properties', 'metadata'], out);
  });
  return out;
}

interface Place {
  readonly inJunctor: boolean;
  readonly atRoot: boolean;
  /** Under an untyped or int-or-string node: a `type` in a junctor is already reported, or allowed. */
  readonly typeInJunctorOk?: boolean;
}

function walk(node: Record<string, unknown>, at: PathSegment[], out: CrdProblem[], place: Place): void {
  const { type } = node;
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (typeof type === 'string' && !TYPES.includes(type)) {
    const suggestion = closest(type, TYPES);
    out.push({ code: 'unknownType', path: [...at, 'type'], key: false, data: { type, hint: suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?` } });
  }
  if (place.inJunctor) {
    for (const field of NOT_IN_JUNCTORS) {
      if (field in node && !(field === 'type' && place.typeInJunctorOk === true)) out.push({ code: 'junctorField', path: [...at, field], key: true, data: { field } });
    }
  } else if ((type === undefined || type === '') && !intOrString && !preserve) {
    const typed = JUNCTORS.some((j) => JSON.stringify(node[j] ?? null).includes('"type":'));
    out.push({ code: 'missingType', path: at, key: true, data: { hint: typed ? ' (move it out of `allOf`/`anyOf`/`oneOf` into the node)' : ', or `x-kubernetes-preserve-unknown-fields: true`' } });
  }
  if (intOrString && type !== undefined) out.push({ code: 'extensionType', path: [...at, 'type'], key: true, data: { extension: 'x-kubernetes-int-or-string: true', type: 'no `type`' } });
  if (node['x-kubernetes-embedded-resource'] === true && type !== 'object') out.push({ code: 'extensionType', path: [...at, 'x-kubernetes-embedded-resource'], key: true, data: { extension: 'x-kubernetes-embedded-resource: true', type: '`type: object`' } });
  if (isRecord(node.properties) && node.additionalProperties !== undefined && node.additionalProperties !== false) {
    out.push({ code: 'propertiesAndAdditional', path: [...at, 'additionalProperties'], key: true, data: {} });
  }
  const child = { inJunctor: place.inJunctor, atRoot: false };
  if (isRecord(node.properties)) {
    for (const [name, sub] of Object.entries(node.properties)) {
      if (isRecord(sub) && !(place.atRoot && name === 'metadata')) walk(sub, [...at, 'properties', name], out, child);
    }
  }
  if (isRecord(node.additionalProperties)) walk(node.additionalProperties, [...at, 'additionalProperties'], out, child);
  if (isRecord(node.items)) walk(node.items, [...at, 'items'], out, child);
  for (const junctor of JUNCTORS) {
    const branches = node[junctor];
    const list = Array.isArray(branches) ? branches : isRecord(branches) ? [branches] : [];
    list.forEach((branch, i) => {
      const typeInJunctorOk = place.typeInJunctorOk === true || intOrString || (!place.inJunctor && (type === undefined || type === '') && !preserve);
      if (isRecord(branch)) walk(branch, Array.isArray(branches) ? [...at, junctor, i] : [...at, junctor], out, { inJunctor: true, atRoot: false, typeInJunctorOk });
    });
  }
}

/** At the root, `metadata` may only constrain `name` and `generateName` (as strings). */
function checkMetadata(metadata: Record<string, unknown>, at: PathSegment[], out: CrdProblem[]): void {
  if (!isRecord(metadata.properties)) return;
  for (const name of Object.keys(metadata.properties)) {
    if (name !== 'name' && name !== 'generateName') out.push({ code: 'metadataField', path: [...at, 'properties', name], key: true, data: { field: name } });
  }
}
