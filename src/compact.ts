/**
 * Parsed values of large files, rebuilt to take less memory (a run may hold a million objects):
 * maps get exactly the slots they need (a `{}` that js-yaml fills keeps room for four properties,
 * a `metadata: {name: x}` wastes three), lists their exact length, and strings of 13 or more
 * characters are copied (V8 keeps such a string as a slice of the whole file's text, which would keep
 * the text alive after the engine released it). The walk recurses per level: the loader limits
 * nesting (MAX_DEPTH), and alias bombs were refused before.
 */

/** Maps with more keys than this keep their layout (they are few, and their slack is small). */
const MAX_KEYS = 32;
/** Distinct key lists kept as templates; past it, maps of new shapes keep their layout. */
const MAX_SHAPES = 2000;
const templates = new Map<string, object>();

/** An object with exactly `keys`, whose copies (`{ ...template }`) share its compact layout. */
function template(keys: readonly string[]): object | undefined {
  const id = keys.join('\u0000');
  let found = templates.get(id);
  if (found === undefined && templates.size < MAX_SHAPES) {
    found = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, 0])))) as object;
    templates.set(id, found);
  }
  return found;
}

/** `value` rebuilt compactly; `shared` maps nodes already rebuilt (YAML aliases share nodes). */
export function compactValue(value: unknown, shared?: Map<object, unknown>): unknown {
  if (typeof value === 'string') return value.length >= 13 ? ` ${value}`.slice(1) : value;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  const known = shared?.get(value);
  if (known !== undefined) return known;
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => compactValue(item, shared));
  } else {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source);
    const shape = keys.length <= MAX_KEYS && !keys.includes('__proto__') ? template(keys) : undefined;
    const target = (shape ? { ...shape } : source) as Record<string, unknown>;
    for (const key of keys) {
      const item = compactValue(source[key], shared);
      if (key === '__proto__') Object.defineProperty(target, key, { value: item, enumerable: true, writable: true, configurable: true });
      else target[key] = item;
    }
    out = target;
  }
  shared?.set(value, out);
  return out;
}
