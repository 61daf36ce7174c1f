/**
 * The walk of a built-in kind's schema, compiled: each schema node reached is resolved once per
 * kind into a plan (its `$ref` chain followed, the types it allows as a bit mask, its properties as
 * a Map of child plans, built when a value first has that field), and every object of the kind
 * reuses it. The interpreter in src/schema-validate.ts re-read each node for each value (the ref
 * chain, `type`, `properties`, `additionalProperties`): most of schema-violation's time on large runs.
 * Findings go through the same functions (src/schema/walk.ts) in the same order, so they are the
 * interpreter's; test/schema-plan.test.ts compares the two. Custom resources (CEL rules, structural
 * pruning, branches) stay with the interpreter.
 */
import type { Definitions } from '../k8s/crd-schema.js';
import { typeOnly, typeProblem } from '../k8s/schema-types.js';
import { isRecord } from '../resource.js';
import type { JsonSchema } from '../schemas.js';
import { add, enter, leave, listDuplicates, missingFields, refName, unknownField, type SchemaIssue, type Walk } from './walk.js';

const INTEGER = 1;
const NUMBER = 2;
const STRING = 4;
const BOOLEAN = 8;
const OBJECT = 16;
const ARRAY = 32;
/** No type constraint, or one the walk does not know (which accepts any value). */
const ANY = 63;
const TYPE_BITS: ReadonlyMap<unknown, number> = new Map<unknown, number>([
  ['integer', INTEGER], ['number', NUMBER], ['string', STRING], ['boolean', BOOLEAN], ['object', OBJECT], ['array', ARRAY],
]);

interface Plan {
  /** The node after its `$ref` chain, and the definition it belongs to (for list-type exceptions). */
  readonly schema: JsonSchema;
  readonly definition: string;
  /** The value types the node allows; a value outside them gets typeProblem()'s message. */
  readonly mask: number;
  readonly properties: Record<string, JsonSchema> | undefined;
  /** Property name -> its plan (null: constrains nothing), filled as values use the fields. */
  readonly fields: Map<string, Plan | null>;
  /** `additionalProperties` is an object (or null): map keys are validated against it. */
  readonly hasAdditional: boolean;
  readonly closed: boolean;
  readonly required: readonly unknown[] | undefined;
  readonly hasItems: boolean;
  /** `x-kubernetes-list-type` is `set` or `map`: duplicates are looked for. */
  readonly listType: boolean;
  /** Compiled on first use: the plans of `additionalProperties` and `items`. */
  additional?: Plan | null;
  items?: Plan | null;
}

/** Per kind schema: resolved node -> definition -> plan (a body shared by two definitions gets two). */
interface Plans {
  readonly definitions: Definitions;
  readonly byNode: Map<JsonSchema, Map<string, Plan>>;
  readonly root: Plan | null;
}

const plansOf = new WeakMap<Definitions, WeakMap<JsonSchema, Plans>>();

/** Validates `value` against a built-in kind's schema, as visit() in src/schema-validate.ts would. */
export function validateBuiltIn(w: Walk, value: unknown, schema: { readonly root: JsonSchema; readonly definitions: Definitions }): SchemaIssue[] {
  let byRoot = plansOf.get(schema.definitions);
  if (byRoot === undefined) plansOf.set(schema.definitions, (byRoot = new WeakMap()));
  let plans = byRoot.get(schema.root);
  if (plans === undefined) {
    const partial = { definitions: schema.definitions, byNode: new Map(), root: null };
    plans = { ...partial, root: compile(partial, schema.root, '') };
    byRoot.set(schema.root, plans);
  }
  if (plans.root !== null && value !== null && value !== undefined) walk(w, plans, value, plans.root);
  return w.issues;
}

function compile(plans: Plans, node: unknown, definition: string): Plan | null {
  if (!isRecord(node)) return null; // a `properties: {x: null}` constrains nothing
  let schema = node as JsonSchema;
  for (let depth = 0; depth < 64; depth++) {
    const ref = schema.$ref;
    if (typeof ref !== 'string') break;
    definition = refName(ref);
    if (!Object.hasOwn(plans.definitions, definition) || !isRecord(plans.definitions[definition])) break;
    schema = plans.definitions[definition]!;
  }
  let byDefinition = plans.byNode.get(schema);
  if (byDefinition === undefined) plans.byNode.set(schema, (byDefinition = new Map()));
  let plan = byDefinition.get(definition);
  if (plan === undefined) byDefinition.set(definition, (plan = planOf(schema, definition)));
  return plan;
}

function planOf(schema: JsonSchema, definition: string): Plan {
  const properties = typeof schema.properties === 'object' && schema.properties !== null ? schema.properties as Record<string, JsonSchema> : undefined;
  const additional = schema.additionalProperties;
  return {
    schema, definition, mask: maskOf(schema), properties, fields: new Map(),
    hasAdditional: additional !== undefined && typeof additional === 'object', closed: additional === false,
    required: Array.isArray(schema.required) ? schema.required : undefined, hasItems: isRecord(schema.items),
    listType: schema['x-kubernetes-list-type'] === 'set' || schema['x-kubernetes-list-type'] === 'map',
  };
}

/** The types typeProblem() accepts for `schema`: `type`, int-or-string, a type-only `anyOf`. */
function maskOf(schema: JsonSchema): number {
  const type = schema.type;
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  let types: readonly unknown[] | undefined;
  if (type !== undefined && !intOrString) types = [type];
  else if (intOrString) types = ['integer', 'string'];
  else if (Array.isArray(schema.anyOf) && schema.anyOf.every(typeOnly)) types = schema.anyOf.map((branch: JsonSchema) => branch.type);
  if (types === undefined) return ANY;
  let mask = 0;
  for (const t of types) mask |= TYPE_BITS.get(t) ?? ANY;
  return mask;
}

/** The type bits of a value that is neither null nor undefined; 0 for the types no schema allows. */
function typeBits(value: unknown): number {
  switch (typeof value) {
    case 'string': return STRING;
    case 'number': return Number.isInteger(value) ? INTEGER | NUMBER : NUMBER;
    case 'boolean': return BOOLEAN;
    case 'object': return Array.isArray(value) ? ARRAY : OBJECT;
    default: return 0;
  }
}

/** A scalar of an allowed type: walk() would find nothing in it (most leaves), so the path need not grow. */
function settled(value: unknown, plan: Plan): boolean {
  return typeof value !== 'object' && (typeBits(value) & plan.mask) !== 0;
}

function walk(w: Walk, plans: Plans, value: unknown, plan: Plan): void {
  if ((typeBits(value) & plan.mask) === 0) {
    // The mask only narrows where typeProblem() must decide (and word) the mismatch.
    const problem = typeProblem(value, plan.schema);
    if (problem !== undefined) return add(w, 'wrongType', false, problem);
  }
  if (Array.isArray(value)) walkList(w, plans, value, plan);
  else if (typeof value === 'object') walkMap(w, plans, value as Record<string, unknown>, plan);
}

function walkMap(w: Walk, plans: Plans, value: Record<string, unknown>, plan: Plan): void {
  const { properties, fields } = plan;
  let suggested: Set<string> | undefined;
  for (const key in value) {
    const item = value[key];
    if (item === null || item === undefined) continue;
    let child = fields.get(key);
    if (child === undefined && properties !== undefined && Object.hasOwn(properties, key)) {
      fields.set(key, (child = compile(plans, properties[key], plan.definition)));
    }
    if (child !== undefined) {
      if (child === null || settled(item, child)) continue;
      enter(w, key, false);
      walk(w, plans, item, child);
      leave(w);
    } else if (plan.hasAdditional) {
      if (plan.additional === undefined) plan.additional = compile(plans, plan.schema.additionalProperties, plan.definition);
      if (plan.additional === null || settled(item, plan.additional)) continue;
      enter(w, key, true);
      walk(w, plans, item, plan.additional);
      leave(w);
    } else if (plan.closed) {
      const suggestion = unknownField(w, key, properties, plan.required, value);
      if (suggestion !== undefined) (suggested ??= new Set()).add(suggestion);
    }
  }
  if (plan.required !== undefined) missingFields(w, value, plan.required, suggested);
}

function walkList(w: Walk, plans: Plans, value: readonly unknown[], plan: Plan): void {
  if (plan.hasItems) {
    if (plan.items === undefined) plan.items = compile(plans, plan.schema.items, plan.definition);
    const items = plan.items;
    if (items !== null) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item === null || item === undefined || settled(item, items)) continue;
        enter(w, i, false);
        walk(w, plans, item, items);
        leave(w);
      }
    }
  }
  if (plan.listType) listDuplicates(w, value, plan.schema, plan.definition);
}
