/**
 * The scan behind the light locator (light-locator.ts): block-style YAML read line by line into a
 * light tree of nodes with yaml's ranges, or undefined as soon as something is not certain.
 */
import { Flow, isBlank, mayStartPlain, NOT_A_STRING, quotedValue, quoteEnd, SPACE, tailOf, trimmed, type Key, type LightNode, type LightPair } from './light-flow.js';

export class Scan {
  /** Offsets where the lines of the document start. */
  private readonly lines: number[] = [];
  /** The line the scan continues from. */
  private line = 0;

  constructor(private readonly text: string, from: number, private readonly to: number) {
    for (let at = from; at < to; ) {
      this.lines.push(at);
      const nl = text.indexOf('\n', at);
      at = nl === -1 || nl >= to ? to : nl + 1;
    }
  }

  /** The document's root collection, when the scan reads the whole document. */
  document(): LightNode | undefined {
    let first = 0;
    if (this.lines.length > 0 && this.isMarker(0, '---')) {
      const rest = this.text.slice(this.lines[0] + 3, this.lineEnd(0)).trim();
      if (rest !== '' && !rest.startsWith('#')) return undefined;
      first = 1;
    }
    const li = this.nextContent(first);
    if (li === -1) return undefined;
    const indent = this.indentOf(li);
    if (indent === undefined) return undefined;
    const at = this.lines[li] + indent;
    if (!this.isSeqItem(at) && !this.readKey(at, this.lineEnd(li))) return undefined;
    const root = this.node(at, li, -1);
    if (!root) return undefined;
    const rest = this.nextContent(this.line);
    return rest === -1 || this.isMarker(rest, '...') ? root : undefined;
  }

  /** A node that starts at `at` on line `li`, inside a collection indented `parent`. */
  private node(at: number, li: number, parent: number): LightNode | undefined {
    const column = at - this.lines[li];
    if (this.isSeqItem(at)) return this.sequence(at, li, column);
    if (this.readKey(at, this.lineEnd(li))) return this.map(at, li, column);
    return this.inline(at, li, parent);
  }

  private map(at: number, li: number, indent: number): LightNode | undefined {
    const pairs: LightPair[] = [];
    for (;;) {
      const key = this.readKey(at, this.lineEnd(li));
      if (!key) return undefined;
      const value = this.valueAfter(key.after, li, indent);
      if (!value) return undefined;
      pairs.push({ key: key.key, keyStart: key.start, keyEnd: key.end, value });
      const next = this.continues(indent);
      if (next === undefined) return undefined;
      if (next === -1) break;
      at = this.lines[next] + indent;
      if (this.isSeqItem(at)) return undefined;
      li = next;
    }
    const last = pairs[pairs.length - 1].value;
    return this.collection({ start: pairs[0].keyStart, end: last.empty ? undefined : tailOf(last), pairs });
  }

  private sequence(at: number, li: number, indent: number): LightNode | undefined {
    const items: LightNode[] = [];
    const start = at;
    for (;;) {
      const content = this.skipSpaces(at + 1, this.lineEnd(li));
      let item: LightNode | undefined;
      if (content === undefined) return undefined;
      if (content === this.lineEnd(li) || this.text.charCodeAt(content) === 35) {
        item = this.below(li, indent, false);
      } else {
        item = this.node(content, li, indent);
      }
      if (!item || item.empty) return undefined;
      items.push(item);
      const next = this.continues(indent);
      if (next === undefined) return undefined;
      if (next === -1) break;
      at = this.lines[next] + indent;
      if (!this.isSeqItem(at)) break;
      li = next;
    }
    return this.collection({ start, end: tailOf(items[items.length - 1]), items });
  }

  /**
   * A block collection. yaml counts some of the comment lines that follow it in its parent's range
   * (which ones depends on the indentation that follows): then that range is not known here.
   */
  private collection(node: LightNode): LightNode {
    for (let i = this.line; i < this.lines.length; i++) {
      const end = this.lineEnd(i);
      const spaces = this.spacesAt(this.lines[i], end);
      if (spaces === end - this.lines[i]) continue;
      return this.text.charCodeAt(this.lines[i] + spaces) === 35 ? { ...node, tail: Number.NaN } : node;
    }
    return node;
  }

  /**
   * After a collection's entry: the line of its next entry (same indentation), -1 when the
   * collection ends there, undefined when the next line is indented deeper (a continuation).
   */
  private continues(indent: number): number | undefined {
    const next = this.nextContent(this.line);
    if (next === -1) return -1;
    const nextIndent = this.indentOf(next);
    if (nextIndent === undefined || nextIndent > indent) return undefined;
    if (this.isMarker(next, '...')) return -1;
    return nextIndent === indent ? next : -1;
  }

  /** The value after a key's `:` on line `li` of a map indented `indent`. */
  private valueAfter(after: number, li: number, indent: number): LightNode | undefined {
    const end = this.lineEnd(li);
    const content = this.skipSpaces(after, end);
    if (content === undefined) return undefined;
    if (content < end && this.text.charCodeAt(content) !== 35) {
      if (this.isSeqItem(content)) return undefined;
      return this.inline(content, li, indent);
    }
    return this.below(li, indent, true);
  }

  /** A value on the lines below line `li`: deeper than `indent` (or a sequence at it, after a key), else empty. */
  private below(li: number, indent: number, afterKey: boolean): LightNode | undefined {
    const next = this.nextContent(li + 1);
    const nextIndent = next === -1 ? -1 : this.indentOf(next);
    if (nextIndent === undefined) return undefined;
    const at = next === -1 ? -1 : this.lines[next] + nextIndent;
    if (next !== -1 && (nextIndent > indent || (afterKey && nextIndent === indent && this.isSeqItem(at)))) {
      return this.node(at, next, indent);
    }
    this.line = li + 1;
    return { start: this.lineEnd(li), end: this.lineEnd(li), empty: true };
  }

  /** A scalar or flow collection that starts at `at` on line `li`. */
  private inline(at: number, li: number, parent: number): LightNode | undefined {
    const end = this.lineEnd(li);
    const code = this.text.charCodeAt(at);
    this.line = li + 1;
    let node: LightNode | undefined;
    if (code === 124 || code === 62) return this.blockScalar(at, li, parent);
    if (code === 123 || code === 91) node = new Flow(this.text, end).collection(at);
    else if (code === 34 || code === 39) node = this.quoted(at, end);
    else node = this.plain(at, end);
    if (!node || node.end === undefined) return undefined;
    const rest = this.skipSpaces(node.end, end);
    if (rest === end) return node;
    return rest !== undefined && rest > node.end && this.text.charCodeAt(rest) === 35 ? { ...node, tail: trimmed(this.text, rest, end) } : undefined;
  }

  private quoted(at: number, end: number): LightNode | undefined {
    const close = quoteEnd(this.text, at, end);
    return close === undefined ? undefined : { start: at, end: close };
  }

  private plain(at: number, end: number): LightNode | undefined {
    if (!mayStartPlain(this.text, at)) return undefined;
    let stop = at;
    while (stop < end && !(this.text.charCodeAt(stop) === 35 && this.text.charCodeAt(stop - 1) === SPACE)) stop++;
    if (stop < end) stop--;
    const value = this.text.slice(at, stop);
    if (/:(?:[ \t]|$)|\t#/.test(value)) return undefined;
    return { start: at, end: at + value.trimEnd().length };
  }

  /** A `|` or `>` scalar: from its indicator to the last character of its last non-blank line. */
  private blockScalar(at: number, li: number, parent: number): LightNode | undefined {
    const header = this.text.slice(at + 1, this.lineEnd(li));
    if (!/^[+-]?(?:[ \t]+#.*|[ \t]*)$/.test(header)) return undefined;
    let contentIndent = -1;
    let last = -1;
    let i = li + 1;
    for (; i < this.lines.length; i++) {
      const lineEnd = this.lineEnd(i);
      const spaces = this.spacesAt(this.lines[i], lineEnd);
      if (spaces === lineEnd - this.lines[i]) {
        if (contentIndent === -1 && spaces > parent + 1 && last === -1) return undefined;
        continue;
      }
      if (contentIndent === -1) {
        if (spaces <= parent || this.text.charCodeAt(this.lines[i] + spaces) === 9) return undefined;
        contentIndent = spaces;
      }
      if (spaces < contentIndent) break;
      last = i;
    }
    if (last === -1) return undefined;
    this.line = last + 1;
    let end = this.lineEnd(last);
    while (end > this.lines[last] && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
    return { start: at, end };
  }

  /** A `key:` at `at` (plain or quoted, on one line), or undefined. */
  private readKey(at: number, end: number): Key | undefined {
    const code = this.text.charCodeAt(at);
    if (code === 34 || code === 39) {
      const close = quoteEnd(this.text, at, end);
      if (close === undefined || this.text.charCodeAt(close) !== 58 || !isBlank(this.text.charCodeAt(close + 1))) return undefined;
      const key = quotedValue(this.text.slice(at, close));
      return key === undefined ? undefined : { key, start: at, end: close, after: close + 1 };
    }
    if (!mayStartPlain(this.text, at)) return undefined;
    for (let colon = at; colon < end; colon++) {
      if (this.text.charCodeAt(colon) !== 58 || (!isBlank(this.text.charCodeAt(colon + 1)) && colon + 1 !== end)) continue;
      const raw = this.text.slice(at, colon);
      const key = raw.trimEnd();
      if (key === '' || raw.includes(' #') || raw.includes('\t') || NOT_A_STRING.test(key)) return undefined;
      return { key, start: at, end: at + key.length, after: colon + 1 };
    }
    return undefined;
  }

  /** Whether line `li` starts with the marker `---` or `...`. */
  private isMarker(li: number, marker: string): boolean {
    return this.text.startsWith(marker, this.lines[li]) && isBlank(this.text.charCodeAt(this.lines[li] + 3));
  }

  private isSeqItem(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && isBlank(this.text.charCodeAt(at + 1));
  }

  /** Where the text after `at` continues on its line past spaces; undefined at a tab. */
  private skipSpaces(at: number, end: number): number | undefined {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i < end && this.text.charCodeAt(i) === 9 ? undefined : i;
  }

  private spacesAt(start: number, end: number): number {
    let i = start;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i - start;
  }

  /** Indentation of line `li`, undefined when a tab is part of it. */
  private indentOf(li: number): number | undefined {
    const start = this.lines[li];
    const spaces = this.spacesAt(start, this.lineEnd(li));
    return this.text.charCodeAt(start + spaces) === 9 ? undefined : spaces;
  }

  /** End of line `li`'s text, before its line break. */
  private lineEnd(li: number): number {
    let end = li + 1 < this.lines.length ? this.lines[li + 1] : this.to;
    if (end > this.lines[li] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lines[li] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The first line from `li` that holds content (not blank, not only a comment), or -1. */
  private nextContent(li: number): number {
    for (let i = li; i < this.lines.length; i++) {
      const end = this.lineEnd(i);
      let at = this.lines[i];
      while (at < end && (this.text.charCodeAt(at) === SPACE || this.text.charCodeAt(at) === 9)) at++;
      if (at < end && this.text.charCodeAt(at) !== 35) return i;
    }
    return -1;
  }
}
