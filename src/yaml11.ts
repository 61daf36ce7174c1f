/**
 * A js-yaml schema that types plain scalars the way kubectl does. kubectl decodes YAML with
 * go-yaml v2 (through sigs.k8s.io/yaml), whose resolver follows YAML 1.1: `yes`/`on`/`y` are
 * booleans, `0777` is octal, `1_000` is an integer, and timestamps stay strings.
 */
import jsyaml from 'js-yaml';

/** Plain scalars that are keywords (all of 5 characters or fewer) and what they resolve to. */
const KEYWORDS = new Map<string, null | boolean | number>([
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);
/** First characters (by code) of the keywords: any other scalar skips the lookup. */
const KEYWORD_START = new Set([...KEYWORDS.keys()].map((s) => s.charCodeAt(0)));
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}([Tt ]|$)/;

/** Go's strconv.ParseInt(s, 0, 64) after go-yaml removed underscores. */
function parseGoInt(plain: string): number | undefined {
  if (!GO_INT.test(plain)) return undefined;
  const negative = plain.startsWith('-');
  const digits = plain.replace(/^[-+]/, '');
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  return negative ? -value : value;
}

/** What go-yaml v2 resolves an untagged plain scalar to; `undefined` means "a string". */
export function resolvePlainScalar(text: string): null | boolean | number | undefined {
  // Most scalars are names and words: decided by their first character and length alone.
  const first = text.charCodeAt(0); // NaN for ''
  if (text.length <= 5 && KEYWORD_START.has(first)) {
    const keyword = KEYWORDS.get(text);
    if (keyword !== undefined) return keyword;
  }
  if (first === 46 /* . */) return YAML_STYLE_FLOAT.test(text) ? Number(text) : undefined;
  if (!(first >= 48 && first <= 57) && first !== 45 /* - */ && first !== 43 /* + */) return undefined;
  if (DATE_LIKE.test(text)) return undefined;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return undefined;
}

function scalarType(tag: string, matches: (v: unknown) => boolean): jsyaml.Type {
  return new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (data: string | null) => data === null || matches(resolvePlainScalar(data)),
    construct: (data: string | null) => (data === null ? null : resolvePlainScalar(data)),
  });
}

/** js-yaml exports its built-in types at run time; @types/js-yaml does not declare them. */
const builtIn = (jsyaml as unknown as { types: Record<'merge' | 'binary', jsyaml.Type> }).types;

/**
 * The strings shared while parsing: a direct-mapped cache, a slot per cheap hash of a string's
 * length and three of its characters; a string evicts the one in its slot. Repeated strings are
 * repeated close together or very often (`kind: ConfigMap`, an app's name in its labels, selectors
 * and references), so they stay; the rest pass through. Unlike a Map of every distinct string it
 * hashes no whole string and holds no more than SLOTS strings however many a run names: at 100k
 * objects the Map cost 6% of the run.
 */
let shared: string[] | undefined;
/** The table `shared` points at while parsing, kept empty between calls (so it holds no string). */
let slots: string[] | undefined;
const SLOTS = 1 << 13;
/** Longer strings are rarely repeated: copied, never shared. */
const MAX_SHARED_LENGTH = 64;

/**
 * One string for equal short strings parsed close together (or often) within `sharingStrings`, so
 * that a million `kind: ConfigMap` hold one string (each parsed copy takes 24-32 bytes, a quarter of
 * a small object). Every string returned is a copy (or shorter than 13 characters): V8 keeps a
 * string of 13 or more characters as a slice of the whole text js-yaml parsed, and one kept slice
 * would keep that text.
 */
export function share(text: string): string {
  if (shared === undefined) return text;
  const length = text.length;
  if (length > MAX_SHARED_LENGTH) return copy(text);
  if (length === 0) return text;
  const slot = (length * 977 + text.charCodeAt(0) * 131 + text.charCodeAt(length >> 1) * 31 + text.charCodeAt(length - 1)) & (SLOTS - 1);
  const known = shared[slot];
  if (known === text) return known;
  const kept = length >= 13 ? copy(text) : text;
  shared[slot] = kept;
  return kept;
}

/** `text` in a string of its own (not a slice of a longer one). */
function copy(text: string): string {
  return ` ${text}`.slice(1);
}

/** What js-yaml's `listener` is shown of its parser state. */
interface NodeState {
  result: unknown;
  readonly kind: string | null;
  readonly tag: string | null;
}

/**
 * js-yaml's `listener` while parsing manifests: each node, once read, is made to take no more memory
 * than it needs. A list gets its exact length (js-yaml fills it by `push`, which reserves room for 17
 * items: 128 bytes more than a list of one needs), and a quoted or block scalar is copied as `share`
 * copies plain ones. Aliases (no kind) stay the anchored node.
 */
export function tightenNode(event: 'open' | 'close', state: NodeState): void {
  if (event !== 'close') return;
  const result = state.result;
  if (state.kind === 'sequence') {
    if (Array.isArray(result)) state.result = result.slice();
  } else if (state.kind === 'scalar' && state.tag === null && shared !== undefined) {
    if (typeof result === 'string' && result.length >= 13) state.result = copy(result);
  }
}

/** Runs `parse` with strings shared (see `share`); nested calls share with the outer one. */
export function sharingStrings<T>(parse: () => T): T {
  if (shared !== undefined) return parse();
  // One table per thread, emptied after each outermost call (callers that parse file by file, as
  // the worker thread and the language server do, would otherwise allocate 64 KB per file).
  shared = (slots ??= new Array<string>(SLOTS).fill(''));
  try {
    return parse();
  } finally {
    slots.fill('');
    shared = undefined;
  }
}

/**
 * Every untagged plain scalar, resolved in one step: js-yaml tries implicit types in turn and calls
 * each one's `resolve`, so one type per result kind would resolve a string five times. Strings are
 * taken through `share`. An explicit `!!str` is the failsafe schema's (explicit types win by tag);
 * `!!int`, `!!bool`, `!!null` and `!!float` check their text as the plain resolution would.
 */
const plainScalar = new jsyaml.Type('tag:yaml.org,2002:str', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null,
  construct: (data: string) => {
    const value = resolvePlainScalar(data);
    return value === undefined ? share(data) : value;
  },
});

export const YAML11_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [builtIn.merge, plainScalar],
  explicit: [
    scalarType('null', (v) => v === null),
    scalarType('bool', (v) => typeof v === 'boolean'),
    scalarType('int', (v) => typeof v === 'number' && Number.isInteger(v)),
    scalarType('float', (v) => typeof v === 'number' && !Number.isInteger(v)),
    builtIn.binary,
    ...(['scalar', 'sequence', 'mapping'] as const).map(anyTag),
  ],
});

/**
 * go-yaml v2 decodes a node with a tag it does not know (`!Sub`, `!reference`, `!vault`) as the
 * untagged value, so files full of CloudFormation or GitLab tags parse for kubectl; so here.
 * A multi type with the empty prefix is js-yaml's fallback after every exact tag.
 */
function anyTag(kind: 'scalar' | 'sequence' | 'mapping'): jsyaml.Type {
  return new jsyaml.Type('', { kind, multi: true, construct: (data: unknown) => data } as jsyaml.TypeConstructorOptions);
}
