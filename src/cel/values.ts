/**
 * JSON values as CEL sees them under a structural schema (k8s.io/apiserver/pkg/cel/common/values.go
 * and escaping.go): `integer` (and int-or-string numbers) are `int`, `number` is `double`, declared
 * properties are reachable under their escaped names (`x-kubernetes` -> `x__dash__kubernetes`,
 * `namespace` -> `__namespace__`), maps (`additionalProperties`) keep their keys, fields a schema does
 * not declare are pruned unless it preserves unknown fields, and `null` is an absent field.
 */
import type { JsonSchema } from '../schemas.js';

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

/** The CEL name of a declared property, or undefined when CEL cannot reach it. */
export function escapeProperty(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__|[.\-/]/g, (s) => ({ __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' })[s]!);
}

const EMBEDDED: JsonSchema = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' } } } },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` as CEL data under `schema`; without a schema (or under one that preserves unknown fields)
 * an integral number is an `int`, as Kubernetes decodes unstructured JSON.
 */
export function celValue(value: unknown, schema?: JsonSchema): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const integer = schema === undefined || schema.type === 'integer' || schema['x-kubernetes-int-or-string'] === true
      || (schema.type === undefined && schema['x-kubernetes-preserve-unknown-fields'] === true);
    return integer && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    const items = isObject(schema?.items) ? (schema.items as JsonSchema) : undefined;
    return value.map((item) => celValue(item, schema === undefined ? undefined : items ?? {}));
  }
  if (!isObject(value)) return value;
  if (schema === undefined) {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key in value) if (value[key] !== null) out[key] = celValue(value[key]);
    return out;
  }
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : undefined;
  const embedded = schema['x-kubernetes-embedded-resource'] === true ? (EMBEDDED.properties as Record<string, JsonSchema>) : undefined;
  const additional = isObject(schema.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key in value) {
    const item = value[key];
    if (item === null) continue;
    const declared = properties !== undefined && Object.hasOwn(properties, key) ? properties[key]
      : embedded !== undefined && Object.hasOwn(embedded, key) ? embedded[key] : undefined;
    if (declared !== undefined) {
      const name = escapeProperty(key);
      if (name !== undefined) out[name] = celValue(item, declared);
    } else if (additional !== undefined) {
      out[key] = celValue(item, additional);
    } else if (preserve || (properties === undefined && schema.type === undefined)) {
      out[key] = celValue(item);
    }
  }
  return out;
}
