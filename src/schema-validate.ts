/**
 * Validates an object against the schema of its kind, as the API server decodes it with
 * `fieldValidation=Strict` (kubectl's default `--validate=strict`): unknown fields, wrong types,
 * missing required fields, duplicates in `x-kubernetes-list-type: map|set` lists. Custom resources
 * are checked against the `openAPIV3Schema` of their CustomResourceDefinition (src/crds), CEL rules included.
 *
 * Design: an interpreter walking schema and value together, not ajv. The built-in schemas use
 * `type`, `properties`, `additionalProperties`, `required`, `items`, `$ref` and the type-only
 * `anyOf` of IntOrString/Quantity, so there is nothing to compile. `node scripts/measure-schema.mjs`
 * on this 2-core machine: ajv 8 compiles the 1.35 Deployment in 160-260 ms cold under any options
 * (`inlineRefs: false`, `code.optimize: false` and `allErrors` change it by a third at most),
 * Service/Ingress/ConfigMap in 40-75 ms each, after ~30 ms to import ajv; then validates a
 * Deployment in ~3.5 µs. The interpreter needs no compile (first Deployment ~1 ms) and validates a
 * warm Deployment in ~8 µs, a Service in ~2.5 µs: ~80-170 ms for 10,000 objects, against ~400 ms of
 * ajv compiles per kind mix and version, and no build-time artefact per version (ajv standalone).
 * It also yields one finding per mistake by construction: a value of the wrong type is not
 * descended into, an unknown field is not validated, alternatives are summarised as one type
 * error, and `null` (an absent field for Kubernetes) is skipped without copying the frozen value.
 * test/schema-validate.test.ts holds it to ajv as an oracle on the same schemas. Built-in kinds take
 * the same walk compiled once per kind (src/schema/plan.ts); custom resources take this interpreter.
 */
import { BUILT_IN, crdSchema, valueProblems, type BuiltInSwitch, type Definitions } from './k8s/crd-schema.js';
import { ruleIssues } from './crds/validation-rules.js';
import { isRecord, type Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';
import { lookupKind, resolveVersion, versionsServing, type JsonSchema } from './schemas.js';
import { PairMemo } from './k8s/memo.js';
import { typeOnly, typeProblem } from './k8s/schema-types.js';
import { validateBuiltIn } from './schema/plan.js';
import { add, enter, leave, listDuplicates, missingFields, refName, unknownField, type SchemaIssue, type Walk } from './schema/walk.js';

export type { SchemaIssue, SchemaIssueCode } from './schema/walk.js';

export interface ObjectSchema {
  readonly root: JsonSchema;
  readonly definitions: Definitions;
  /** Custom resource: structural-schema rules (objects prune unknown fields unless they preserve them). */
  readonly custom: boolean;
  /** For messages: `apps/v1 Deployment in Kubernetes 1.35`, `CustomResourceDefinition \`widgets.example.com\``. */
  readonly source: string;
  /** Custom resources: the fields `x-kubernetes-embedded-resource` objects have implicitly. */
  readonly implicitFields?: Readonly<Record<string, JsonSchema>>;
}

/** Per resolved version: apiVersion -> kind -> the built-in schema (null: none). */
const builtInSchemas = new Map<string, PairMemo<ObjectSchema | null>>();

/** The schema `resource` is validated against in `version`, or undefined when it is not ours to check:
 * a built-in kind the version does not serve (removed-api-version owns it) or a kind without a
 * CustomResourceDefinition. `v1.30.4` means 1.30; an unsupported version throws RangeError. */
export function objectSchema(resource: Resource, index: ResourceIndex, spelledVersion: string): ObjectSchema | undefined {
  const version = resolveVersion(spelledVersion) ?? spelledVersion;
  const { apiVersion, kind } = resource;
  let schemas = builtInSchemas.get(version);
  if (schemas === undefined) builtInSchemas.set(version, (schemas = new PairMemo()));
  let schema = schemas.get(apiVersion, kind);
  if (schema === undefined) {
    const found = lookupKind(version, apiVersion, kind);
    schema = schemas.set(apiVersion, kind, found === undefined ? null : {
      root: found.schema,
      definitions: found.schema.definitions as Definitions,
      custom: false,
      source: `${apiVersion} ${kind} in Kubernetes ${version}`,
    });
  }
  if (schema !== null) return schema;
  if (versionsServing(apiVersion, kind).length > 0 || !apiVersion.includes('/')) return undefined;
  return crdSchema(resource, index, version);
}

export function validateObject(value: unknown, schema: ObjectSchema): SchemaIssue[] {
  return schema.custom ? interpretObject(value, schema) : validateBuiltIn(walkOf(schema), value, schema);
}

/** validateObject() by the interpreter for any schema: test/schema-plan.test.ts holds the compiled walk of built-in kinds to it. */
export function interpretObject(value: unknown, schema: ObjectSchema): SchemaIssue[] {
  const walk = walkOf(schema);
  visit(walk, value, schema.root, '');
  return schema.custom ? [...walk.issues, ...ruleIssues(value, schema.root, walk.issues).map((i) => ({ ...i, code: 'ruleFailed' as const }))] : walk.issues;
}

function walkOf(schema: ObjectSchema): Walk {
  return {
    issues: [], path: [], mapKeys: [], implicitFields: schema.implicitFields, source: schema.source,
    definitions: schema.definitions, custom: schema.custom, branch: false,
  };
}

function visit(w: Walk, value: unknown, node: JsonSchema, definition: string): void {
  if (value === null || value === undefined || !isRecord(node)) return; // a CRD's `properties: {x: null}` constrains nothing
  const { definitions, custom, source } = w;
  let schema = node;
  for (let depth = 0; depth < 64; depth++) {
    if (w.custom) {
      const switched = (schema as { [BUILT_IN]?: BuiltInSwitch })[BUILT_IN];
      if (switched !== undefined) {
        w.definitions = switched.definitions;
        w.source = switched.source;
        w.custom = false;
      }
    }
    const ref = schema.$ref;
    if (typeof ref !== 'string') break;
    definition = refName(ref);
    if (!Object.hasOwn(w.definitions, definition) || !isRecord(w.definitions[definition])) break;
    const target = w.definitions[definition];
    schema = target;
  }
  if (checkType(w, value, schema)) {
    if (Array.isArray(value)) visitList(w, value, schema, definition);
    else if (typeof value === 'object') visitMap(w, value as Record<string, unknown>, schema, definition);
    if (w.custom) checkConstraints(w, value, schema);
  }
  w.definitions = definitions;
  w.custom = custom;
  w.source = source;
}

function visitMap(w: Walk, value: Record<string, unknown>, schema: JsonSchema, definition: string): void {
  let properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (typeof properties !== 'object' || properties === null) properties = undefined;
  if (w.custom && schema['x-kubernetes-embedded-resource'] === true) properties = { ...properties, ...w.implicitFields };
  const additional = schema.additionalProperties;
  const closed = !w.branch && (additional === false || (w.custom && additional === undefined
    && schema['x-kubernetes-preserve-unknown-fields'] !== true && (schema.type === 'object' || properties !== undefined)));
  let suggested: Set<string> | undefined;
  for (const key in value) {
    const item = value[key];
    if (item === null) continue;
    if (properties !== undefined && Object.hasOwn(properties, key)) {
      enter(w, key, false);
      visit(w, item, properties[key]!, definition);
      leave(w);
    } else if (additional !== undefined && typeof additional === 'object') {
      enter(w, key, true);
      visit(w, item, additional as JsonSchema, definition);
      leave(w);
    } else if (closed) {
      const suggestion = unknownField(w, key, properties, schema.required, value);
      if (suggestion !== undefined) (suggested ??= new Set()).add(suggestion);
    }
  }
  if (Array.isArray(schema.required)) missingFields(w, value, schema.required, suggested);
}

function visitList(w: Walk, value: readonly unknown[], schema: JsonSchema, definition: string): void {
  const items = isRecord(schema.items) ? (schema.items as JsonSchema) : undefined;
  if (items !== undefined) {
    for (let i = 0; i < value.length; i++) {
      enter(w, i, false);
      visit(w, value[i], items, definition);
      leave(w);
    }
  }
  listDuplicates(w, value, schema, definition);
}

function checkType(w: Walk, value: unknown, schema: JsonSchema): boolean {
  const problem = typeProblem(value, schema);
  if (problem !== undefined) add(w, 'wrongType', false, problem);
  return problem === undefined;
}

/** CRD schemas only: value constraints, then allOf/anyOf/oneOf/not (branches decide no field's existence). */
function checkConstraints(w: Walk, value: unknown, schema: JsonSchema): void {
  for (const problem of valueProblems(value, schema)) add(w, 'invalidValue', false, problem);
  const attempt = (branch: unknown): SchemaIssue[] => {
    if (!isRecord(branch)) return [];
    const trial: Walk = { ...w, issues: [], path: [...w.path], mapKeys: [...w.mapKeys], branch: true };
    visit(trial, value, branch, '');
    return trial.issues;
  };
  if (Array.isArray(schema.allOf)) for (const branch of schema.allOf) for (const issue of attempt(branch)) w.issues.push(issue);
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches) || branches.length === 0 || (keyword === 'anyOf' && branches.every(typeOnly))) continue;
    const results = branches.map(attempt);
    const passing = results.filter((issues) => issues.length === 0).length;
    if (passing === 0) for (const issue of results.reduce((a, b) => (b.length < a.length ? b : a))) w.issues.push(issue);
    else if (keyword === 'oneOf' && passing > 1) add(w, 'invalidValue', false, 'matches more than one of the alternatives of its `oneOf`; it must match exactly one');
  }
  if (isRecord(schema.not) && attempt(schema.not).length === 0) add(w, 'invalidValue', false, 'matches the schema its `not` forbids');
}
