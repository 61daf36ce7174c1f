/**
 * The `type` checks of src/schema-validate.ts: `type`, `x-kubernetes-int-or-string` and the
 * type-only `anyOf` of IntOrString/Quantity, with the message and hint for a value of another type.
 */
import { describeValue } from './crd-schema.js';
import { isRecord } from '../resource.js';
import type { JsonSchema } from '../schemas.js';

const EXPECTED: ReadonlyMap<unknown, string> = new Map(Object.entries({
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean', object: 'a map', array: 'a list',
}));

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'object': return isRecord(value);
    case 'array': return Array.isArray(value);
    default: return true;
  }
}

/** Why `value` does not have the type `schema` allows (`type`, int-or-string, type-only alternatives), or undefined. */
export function typeProblem(value: unknown, schema: JsonSchema): string | undefined {
  const type = schema.type;
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (type !== undefined && !intOrString) return hasType(value, type) ? undefined : typeError(value, [type]);
  const types = intOrString ? INT_OR_STRING : alternativeTypes(schema);
  if (types === undefined || types.some((t) => hasType(value, t))) return undefined;
  return typeError(value, types);
}

const INT_OR_STRING: readonly unknown[] = ['integer', 'string'];

/** The types of a type-only `anyOf` (IntOrString, Quantity), read once per schema node. */
const alternatives = new WeakMap<JsonSchema, readonly unknown[] | null>();
function alternativeTypes(schema: JsonSchema): readonly unknown[] | undefined {
  let types = alternatives.get(schema);
  if (types === undefined) {
    types = Array.isArray(schema.anyOf) && schema.anyOf.every(typeOnly) ? schema.anyOf.map((branch: JsonSchema) => branch.type) : null;
    alternatives.set(schema, types);
  }
  return types ?? undefined;
}

function typeError(value: unknown, types: readonly unknown[]): string {
  return `expected ${types.map((t) => EXPECTED.get(t) ?? `type \`${String(t)}\``).join(' or ')}, got ${describeValue(value)}${hint(value, types)}`;
}

export function typeOnly(branch: unknown): boolean {
  return isRecord(branch) && typeof branch.type === 'string' && Object.keys(branch).length === 1;
}

function hint(value: unknown, types: readonly unknown[]): string {
  const onlyString = types.length === 1 && types[0] === 'string';
  if (onlyString && typeof value === 'boolean') {
    const words = value ? '`yes`, `on`, `y` and `true`' : '`no`, `off`, `n` and `false`';
    return ` (unquoted ${words} are booleans in YAML 1.1); quote the value`;
  }
  if (onlyString && typeof value === 'number') return '; quote the value';
  if (typeof value === 'string') {
    const unquoted = value.trim();
    if ((types.includes('integer') && /^[-+]?\d+$/.test(unquoted)) || (types.includes('number') && unquoted !== '' && !Number.isNaN(Number(unquoted)))) return '; remove the quotes';
    if (types.includes('boolean')) return /^(true|false)$/.test(unquoted) ? '; remove the quotes' : '; write `true` or `false`';
  }
  if (types.includes('array') && isRecord(value)) return '; write each entry as a `- ` list item';
  if (types.includes('array') && !Array.isArray(value)) return '; write it as a list';
  return '';
}
