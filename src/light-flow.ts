/**
 * The pieces of the light locator (light-locator.ts): its node shapes, the character classes of
 * YAML it needs, quoted scalars, and one-line flow collections (`{a: 1, b: [x, "y"]}`).
 */

/** A node of a document: where its text starts and ends (undefined: not known with certainty). */
export interface LightNode {
  readonly start: number;
  readonly end: number | undefined;
  readonly pairs?: readonly LightPair[];
  readonly items?: readonly LightNode[];
  /** A value with no text (null): positions point at its key. */
  readonly empty?: boolean;
  /** Where the comment on its last line ends (yaml counts it in a parent's range); NaN: not known. */
  readonly tail?: number;
}

export interface LightPair {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: LightNode;
}

export interface Key {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Just after the `:`. */
  readonly after: number;
}

/** Plain keys that yaml's core schema reads as numbers, booleans or null (whose text is not their String()). */
export const NOT_A_STRING = /^(?:[-+.0-9~]|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)/;
/** Characters that start something other than a plain scalar (or that we leave to yaml). */
const INDICATOR = /[&*!?|>'"%@`,[\]{}#]/;
export const SPACE = 32;

export const isBreak = (code: number) => Number.isNaN(code) || code === 10 || code === 13;
export const isBlank = (code: number) => code === SPACE || isBreak(code);

/** Whether a plain scalar (or a plain key) may start at `at`: not at an indicator, not at a `- ` item. */
export function mayStartPlain(text: string, at: number): boolean {
  return !INDICATOR.test(text[at]) && !(text[at] === '-' && isBlank(text.charCodeAt(at + 1)));
}

/** The end of a node's range with its comments (yaml's third range offset), trailing whitespace excluded. */
export function tailOf(node: LightNode): number | undefined {
  return node.tail === undefined ? node.end : Number.isNaN(node.tail) ? undefined : node.tail;
}

/** `end` moved back over whitespace, not before `start`. */
export function trimmed(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** Just after the closing quote of the one-line quoted scalar at `at`, or undefined. */
export function quoteEnd(text: string, at: number, end: number): number | undefined {
  const quote = text[at];
  for (let i = at + 1; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return undefined;
}

/** A quoted key's string; undefined for escapes (left to yaml). */
export function quotedValue(source: string): string | undefined {
  const inner = source.slice(1, -1);
  if (source[0] === "'") return inner.replaceAll("''", "'");
  return inner.includes('\\') ? undefined : inner;
}

/** One-line flow collections: `{a: 1, b: [x, "y"]}`. */
export class Flow {
  constructor(private readonly text: string, private readonly end: number) {}

  collection(at: number): LightNode | undefined {
    const map = this.text.charCodeAt(at) === 123;
    const close = map ? 125 : 93;
    const pairs: LightPair[] = [];
    const items: LightNode[] = [];
    let i = this.space(at + 1);
    if (this.text.charCodeAt(i) === close) return { start: at, end: i + 1, ...(map ? { pairs } : { items }) };
    for (;;) {
      if (map) {
        const key = this.key(i);
        if (!key) return undefined;
        const value = this.value(this.space(key.after));
        if (!value || value.end === undefined) return undefined;
        pairs.push({ key: key.key, keyStart: key.start, keyEnd: key.end, value });
        i = this.space(value.end);
      } else {
        const item = this.value(i);
        if (!item || item.end === undefined) return undefined;
        items.push(item);
        i = this.space(item.end);
      }
      const code = this.text.charCodeAt(i);
      if (code === close) return { start: at, end: i + 1, ...(map ? { pairs } : { items }) };
      if (code !== 44) return undefined;
      i = this.space(i + 1);
      if (i >= this.end || this.text.charCodeAt(i) === close) return undefined;
    }
  }

  private key(at: number): Key | undefined {
    const code = this.text.charCodeAt(at);
    let end: number | undefined;
    let key: string | undefined;
    if (code === 34 || code === 39) {
      end = quoteEnd(this.text, at, this.end);
      key = end === undefined ? undefined : quotedValue(this.text.slice(at, end));
    } else {
      end = this.plainEnd(at);
      key = end === undefined ? undefined : this.text.slice(at, end);
      if (key !== undefined && NOT_A_STRING.test(key)) return undefined;
    }
    if (end === undefined || key === undefined || this.text.charCodeAt(end) !== 58 || this.text.charCodeAt(end + 1) !== SPACE) return undefined;
    return { key, start: at, end, after: end + 1 };
  }

  private value(at: number): LightNode | undefined {
    const code = this.text.charCodeAt(at);
    if (code === 123 || code === 91) return this.collection(at);
    if (code === 34 || code === 39) {
      const end = quoteEnd(this.text, at, this.end);
      return end === undefined || this.text.charCodeAt(end) === 58 ? undefined : { start: at, end };
    }
    const end = this.plainEnd(at);
    return end === undefined || this.text.charCodeAt(end) === 58 ? undefined : { start: at, end };
  }

  /** End of a plain scalar in a flow collection (before `,`, `]`, `}`, or `: `), trailing spaces excluded. */
  private plainEnd(at: number): number | undefined {
    if (at >= this.end || this.text[at] === ':' || !mayStartPlain(this.text, at)) return undefined;
    let i = at;
    while (i < this.end) {
      const c = this.text[i];
      if (c === ',' || c === ']' || c === '}' || c === '[' || c === '{' || c === '\t') break;
      if (c === ':' && (isBlank(this.text.charCodeAt(i + 1)) || ',]}'.includes(this.text[i + 1]))) break;
      if (c === '#' && this.text[i - 1] === ' ') return undefined;
      i++;
    }
    while (i > at && this.text.charCodeAt(i - 1) === SPACE) i--;
    const stop = this.text[i] ?? '';
    return i > at && !'[{\t'.includes(stop) ? i : undefined;
  }

  private space(at: number): number {
    let i = at;
    while (i < this.end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }
}
