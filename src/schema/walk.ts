/**
 * The state and the findings of a schema walk, shared by src/schema-validate.ts (the interpreter,
 * for custom resources) and src/schema/plan.ts (the compiled walk of built-in kinds): both report
 * through these functions, so their findings are the same by construction.
 */
import type { Definitions } from '../k8s/crd-schema.js';
import { duplicates, ownedByRule, rejectsDuplicates } from '../k8s/list-types.js';
import { closest } from '../k8s/suggest.js';
import type { Path, PathSegment } from '../model.js';
import { isRecord, own } from '../resource.js';
import type { JsonSchema } from '../schemas.js';

export type SchemaIssueCode = 'unknownField' | 'wrongType' | 'missingField' | 'duplicateEntry' | 'invalidValue' | 'ruleFailed';

export interface SchemaIssue {
  readonly code: SchemaIssueCode;
  /** Where to point, below the object: the node at `path`, or its mapping key when `key` is set. */
  readonly path: Path;
  readonly key: boolean;
  /** `field`: the field path as the API server prints it (`spec.containers[0].name`); `detail`: the rest. */
  readonly data: { readonly field: string; readonly detail: string };
  /** Set when the API server accepts the object (with a warning) but server-side apply rejects it. */
  readonly severity?: 'warn';
}

export interface Walk {
  readonly issues: SchemaIssue[];
  readonly path: PathSegment[];
  /** Parallel to `path`: whether the segment is a map key (printed `[key]`) rather than a field. */
  readonly mapKeys: boolean[];
  readonly implicitFields: Readonly<Record<string, JsonSchema>> | undefined;
  source: string;
  definitions: Definitions;
  custom: boolean;
  /** Inside an anyOf/allOf/oneOf/not branch: only the main schema decides which fields exist. */
  branch: boolean;
}

const refNames = new Map<string, string>();
export function refName(ref: string): string {
  let name = refNames.get(ref);
  if (name === undefined) refNames.set(ref, (name = ref.slice(ref.lastIndexOf('/') + 1)));
  return name;
}

export function enter(w: Walk, segment: PathSegment, mapKey: boolean): void {
  w.path.push(segment);
  w.mapKeys.push(mapKey);
}

export function leave(w: Walk): void {
  w.path.pop();
  w.mapKeys.pop();
}

export function add(w: Walk, code: SchemaIssueCode, key: boolean, detail: string): void {
  w.issues.push({ code, path: [...w.path], key, data: { field: field(w), detail } });
}

/** `spec.template.spec.containers[0].env[1].value`, `metadata.labels[app.kubernetes.io/name]`. */
function field(w: Walk): string {
  let out = '';
  w.path.forEach((segment, i) => {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (w.mapKeys[i]) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  });
  return out;
}

/** Reports `key` of `value` as a field the schema does not have; returns the field suggested instead, if any. */
export function unknownField(w: Walk, key: string, properties: Record<string, JsonSchema> | undefined, required: unknown, value: Record<string, unknown>): string | undefined {
  const suggestion = properties === undefined ? undefined : suggest(key, properties, required, value);
  enter(w, key, false);
  add(w, 'unknownField', true, suggestion === undefined
    ? `, which ${w.source} does not ${w.custom ? 'declare' : 'have'}`
    : `; did you mean \`${suggestion}\`?`);
  leave(w);
  return suggestion;
}

/** The nearest field name, preferring a required field the map lacks (`nmae` -> `name`, not `image`). */
function suggest(key: string, properties: Record<string, JsonSchema>, required: unknown, value: Record<string, unknown>): string | undefined {
  const missing = Array.isArray(required) ? required.filter((r) => typeof r === 'string' && own(value, r) == null) : [];
  return closest(key, missing) ?? closest(key, Object.keys(properties));
}

/** Reports each name of `required` that `value` lacks, except those an unknown field was suggested to be. */
export function missingFields(w: Walk, value: Record<string, unknown>, required: readonly unknown[], suggested: Set<string> | undefined): void {
  for (const name of required) {
    if (typeof name !== 'string' || (own(value, name) !== undefined && own(value, name) !== null) || suggested?.has(name)) continue;
    const parent = [...w.path];
    const last = parent[parent.length - 1];
    const first = Object.keys(value)[0];
    const at = parent.length === 0 ? ['kind'] : typeof last === 'number' && first !== undefined ? [...parent, first] : parent;
    enter(w, name, false);
    w.issues.push({ code: 'missingField', path: at, key: true, data: { field: field(w), detail: '' } });
    leave(w);
  }
}

/** Reports the duplicate entries of an `x-kubernetes-list-type: set|map` list (the walk stands at the list). */
export function listDuplicates(w: Walk, value: readonly unknown[], schema: JsonSchema, definition: string): void {
  const listType = schema['x-kubernetes-list-type'];
  if (value.length < 2 || (listType !== 'set' && listType !== 'map')) return;
  const items = isRecord(schema.items) ? (schema.items as JsonSchema) : undefined;
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  const keys = Array.isArray(mapKeys) ? mapKeys.filter((k): k is string => typeof k === 'string') : [];
  const listField = String(w.path[w.path.length - 1]);
  if ((listType === 'map' && keys.length === 0) || (!w.custom && ownedByRule(definition, listField))) return;
  const warn = !w.custom && !rejectsDuplicates(definition, listField);
  for (const { index, first, shown, keyField } of duplicates(value, keys, (key) => keyDefault(w, items, key))) {
    w.issues.push({
      code: 'duplicateEntry', path: keyField === undefined ? [...w.path, index] : [...w.path, index, keyField], key: false,
      data: { field: field(w), detail: `${shown} appears twice (items ${first} and ${index}); keep one` },
      ...(warn ? { severity: 'warn' as const } : {}),
    });
  }
}

/** A list-map key's default: the schema's `default` (CRDs) or `protocol: TCP` (ports). */
function keyDefault(w: Walk, items: JsonSchema | undefined, key: string): unknown {
  let node = items;
  if (typeof node?.$ref === 'string') node = own(w.definitions, refName(node.$ref)) as JsonSchema | undefined;
  const property = own(node?.properties, key);
  return own(property, 'default') ?? (key === 'protocol' ? 'TCP' : undefined);
}
