/**
 * schemas/definitions.json's bodies, each decoded and parsed when first asked for. The generator
 * writes one `"<hash>":<body>` per line (scripts/generate-schemas.mjs), and a run needs the few
 * dozen bodies its kinds reach, not the whole file (about 1,000 bodies, 430 KB of JSON: decoding and
 * parsing it all was most of a small run's schema cost). A file in any other layout is parsed whole.
 */
import type { JsonSchema } from './schemas.js';

export interface DefinitionBodies {
  get(hash: string): JsonSchema | undefined;
  /** The definition names a body returned by get() references, when known without walking it. */
  refs(body: JsonSchema): readonly string[] | undefined;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BRACE = 0x7d;
const OPEN_BRACE = 0x7b;
const COLON = 0x3a;
/** A `$ref` in JSON text: JSON.stringify writes it so, and a string value cannot hold an unescaped quote. */
const REF = /"\$ref":"#\/definitions\/([^"\\]+)"/g;

function isBlank(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0d || byte === 0x09;
}

/** The byte range of each body by hash, or undefined if the file is not one body per line. */
function lineIndex(data: Buffer): Map<string, [number, number]> | undefined {
  const lines = new Map<string, [number, number]>();
  let start = data.indexOf(NEWLINE) + 1;
  if (start === 0 || !data.toString('latin1', 0, start).trimEnd().endsWith('"bodies":{')) return undefined;
  while (start < data.length) {
    let end = data.indexOf(NEWLINE, start);
    if (end === -1) end = data.length;
    let last = end;
    while (last > start && isBlank(data[last - 1])) last--;
    if (last - start === 2 && data[start] === BRACE && data[start + 1] === BRACE) {
      return data.toString('latin1', end).trim() === '' ? lines : undefined;
    }
    // `"<hash>":{`, a hash holds no quote (a byte needle: a string one is encoded again per call).
    const colon = data.indexOf(QUOTE, start + 1);
    if (data[start] !== QUOTE || colon === -1 || colon + 2 >= last || data[colon + 1] !== COLON || data[colon + 2] !== OPEN_BRACE) return undefined;
    lines.set(data.toString('utf8', start + 1, colon), [colon + 2, data[last - 1] === COMMA ? last - 1 : last]);
    start = end + 1;
  }
  return undefined;
}

export function definitionBodies(data: Buffer): DefinitionBodies {
  const lines = lineIndex(data);
  if (lines === undefined) {
    const whole = (JSON.parse(data.toString('utf8')) as { bodies: Record<string, JsonSchema> }).bodies;
    return { get: (hash) => (Object.hasOwn(whole, hash) ? whole[hash] : undefined), refs: () => undefined };
  }
  // Parsed once per hash: schemas share sub-objects, and refsOf() caches by body identity.
  const parsed = new Map<string, JsonSchema>();
  const refsOfBody = new WeakMap<JsonSchema, readonly string[]>();
  return {
    get(hash) {
      let body = parsed.get(hash);
      if (body === undefined) {
        const at = lines.get(hash);
        if (at === undefined) return undefined;
        const json = data.toString('utf8', at[0], at[1]);
        body = JSON.parse(json) as JsonSchema;
        parsed.set(hash, body);
        // From the text just read: cheaper than walking the parsed body.
        refsOfBody.set(body, [...new Set(Array.from(json.matchAll(REF), (m) => m[1]))]);
      }
      return body;
    },
    refs: (body) => refsOfBody.get(body),
  };
}
