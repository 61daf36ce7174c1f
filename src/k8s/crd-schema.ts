/**
 * Custom resources for src/schema-validate.ts: the `openAPIV3Schema` that a CustomResourceDefinition
 * (of the run, `--crds` or the bundled catalog) declares for the served version of a custom resource, and the OpenAPI v3 value
 * constraints (enum, bounds, lengths, pattern) that such schemas carry and the built-in ones do not.
 */
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { lookupKind, type JsonSchema } from '../schemas.js';
import { customDefinition, type CrdDefinition } from '../crds/index.js';

export type Definitions = Readonly<Record<string, JsonSchema>>;

/** On a schema node: validate below it as a built-in type (CR metadata is ObjectMeta). */
export const BUILT_IN = Symbol('built-in definitions');

export interface BuiltInSwitch {
  readonly definitions: Definitions;
  /** For messages: `ObjectMeta in Kubernetes 1.35`. */
  readonly source: string;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface CrdSchema {
  readonly root: JsonSchema;
  /** The built-in definitions ObjectMeta needs, in the target version. */
  readonly definitions: Definitions;
  readonly custom: true;
  /** `CustomResourceDefinition \`widgets.example.com\``, for messages. */
  readonly source: string;
  /** apiVersion, kind and metadata, implicit at the root and in `x-kubernetes-embedded-resource` objects. */
  readonly implicitFields: Readonly<Record<string, JsonSchema>>;
}

const schemasByDefinition = new WeakMap<CrdDefinition, Map<string, CrdSchema | null>>();
const patterns = new Map<string, RegExp | null>();

/**
 * The schema of `resource` from its CustomResourceDefinition (src/crds: the run's, `--crds`, or the
 * bundled catalog), for the version its apiVersion names if the CRD serves it; built once per
 * definition, served version and target version. `apiVersion`, `kind` and `metadata` are implicit.
 */
export function crdSchema(resource: Resource, index: ResourceIndex, version: string): CrdSchema | undefined {
  const definition = customDefinition(resource, index);
  if (definition === undefined) return undefined;
  let byVersion = schemasByDefinition.get(definition);
  if (byVersion === undefined) schemasByDefinition.set(definition, (byVersion = new Map()));
  const served = resource.apiVersion.slice(resource.group.length + 1);
  const key = `${version}\0${served}`;
  let schema = byVersion.get(key);
  if (schema === undefined) {
    const root = definition.versions.find((v) => v.name === served && v.served)?.schema;
    const definitions = lookupKind(version, 'v1', 'ConfigMap')!.schema.definitions as Definitions;
    const implicit = implicitFields({ definitions, source: `ObjectMeta in Kubernetes ${version}` });
    schema = !isRecord(root) ? null : {
      root: { ...root, properties: { ...(isRecord(root.properties) ? root.properties : {}), ...implicit } },
      definitions,
      custom: true,
      source: definition.source,
      implicitFields: implicit,
    };
    byVersion.set(key, schema);
  }
  return schema ?? undefined;
}

function implicitFields(metadata: BuiltInSwitch): Record<string, JsonSchema> {
  return {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { $ref: `#/definitions/${OBJECT_META}`, [BUILT_IN]: metadata },
  };
}

/** `the string "3"`, `the boolean true`, `a map`: a value in a message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string \`${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} \`${String(value)}\``;
  return Array.isArray(value) ? 'a list' : 'a map';
}

/** What `value` violates among the schema's enum, bounds, lengths, pattern and item counts. */
export function valueProblems(value: unknown, schema: JsonSchema): string[] {
  const { enum: allowed, minimum, maximum, minLength, maxLength, minItems, maxItems, multipleOf } = schema as Record<string, unknown>;
  if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
    const shown = allowed.map((a) => `\`${typeof a === 'string' ? a : JSON.stringify(a)}\``).join(', ');
    return [`expected one of ${shown}, got ${describeValue(value)}`];
  }
  const problems: string[] = [];
  if (typeof value === 'number') {
    const aboveMin = schema.exclusiveMinimum === true ? 'greater than' : 'at least';
    const belowMax = schema.exclusiveMaximum === true ? 'less than' : 'at most';
    if (typeof minimum === 'number' && (value < minimum || (aboveMin === 'greater than' && value === minimum))) problems.push(`must be ${aboveMin} ${minimum}, got ${value}`);
    if (typeof maximum === 'number' && (value > maximum || (belowMax === 'less than' && value === maximum))) problems.push(`must be ${belowMax} ${maximum}, got ${value}`);
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) problems.push(`must be a multiple of ${multipleOf}, got ${value}`);
  } else if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof minLength === 'number' && length < minLength) problems.push(`must be at least ${minLength} characters long, got ${describeValue(value)}`);
    if (typeof maxLength === 'number' && length > maxLength) problems.push(`must be at most ${maxLength} characters long, got ${length}`);
    const pattern = typeof schema.pattern === 'string' ? compilePattern(schema.pattern) : null;
    if (pattern !== null && !pattern.test(value)) problems.push(`${describeValue(value)} does not match the pattern \`${String(schema.pattern)}\``);
  } else if (Array.isArray(value)) {
    if (typeof minItems === 'number' && value.length < minItems) problems.push(`must have at least ${minItems} item(s), got ${value.length}`);
    if (typeof maxItems === 'number' && value.length > maxItems) problems.push(`must have at most ${maxItems} item(s), got ${value.length}`);
  }
  return problems;
}

function compilePattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null; // RE2 syntax that JavaScript lacks: leave it to the API server.
    }
    patterns.set(pattern, re);
  }
  return re;
}
