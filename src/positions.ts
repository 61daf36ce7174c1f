/**
 * NodeRef -> line/column. Built with `yaml`'s Document API, lazily and only for files that have
 * findings: the common path never pays for a second, position-keeping parse. Within such a file,
 * only the documents with findings are composed: yaml's Lexer (no CST, no nodes) finds where each
 * document starts, which costs a fraction of composing all of them.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { NodeRef, Range, SourceFile } from './model.js';

export type Located = { node: Node | null; pair?: Pair<unknown, unknown> };

/** Lexer control tokens: markers, not text, so they take no room in the source. */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);
const DOCUMENT_MODE = '\u0002';

/**
 * Offsets where each document starts: at every `---`, and where content starts a document
 * without one (the lexer marks that with a document-mode token not followed by `---`).
 */
export function documentStarts(text: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  let pending = -1;
  for (const token of new Lexer().lex(text)) {
    if (token === DOCUMENT_MODE) {
      pending = offset;
      continue;
    }
    if (CONTROL.has(token)) continue;
    if (token === '---') starts.push(offset);
    else if (pending !== -1) starts.push(pending);
    pending = -1;
    offset += token.length;
  }
  if (pending !== -1) starts.push(pending);
  return starts;
}

export class PositionResolver {
  private readonly docs = new Map<number, { doc: Document.Parsed; offset: number; end: number } | undefined>();
  private starts: number[] | undefined;
  private lineStarts: number[] | undefined;
  /** The file's text without its byte-order mark: offsets (and fix ranges) count from here. */
  readonly text: string;

  constructor(readonly file: SourceFile) {
    this.text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  }

  /** Document `index` of the file, composed on first use, with where it starts and ends in `text`. */
  document(index: number): { doc: Document.Parsed; offset: number; end: number } | undefined {
    if (!this.docs.has(index)) {
      this.starts ??= documentStarts(this.text);
      const start = this.starts[index];
      if (start === undefined) return undefined;
      const end = this.starts[index + 1] ?? this.text.length;
      const doc = parseDocument(this.text.slice(start, end), { strict: false, uniqueKeys: false, prettyErrors: false });
      this.docs.set(index, { doc: doc as Document.Parsed, offset: start, end });
    }
    return this.docs.get(index);
  }

  resolve(ref: NodeRef): Range {
    const found = this.document(ref.docIndex);
    if (!found?.doc.contents) return this.toRange(0, 1);
    const target = chooseNode(locate(found.doc.contents, ref.path), ref.key === true);
    if (!target?.range) return this.toRange(0, 1);
    const start = found.offset + target.range[0];
    return this.toRange(start, trimEnd(this.text, start, found.offset + target.range[1]));
  }

  private toRange(start: number, end: number): Range {
    const a = this.linePos(start);
    const b = this.linePos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** 1-based line and column of `offset` (binary search over line starts, built once). */
  private linePos(offset: number): { line: number; col: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - this.lineStarts[low] + 1 };
  }
}

/** Follows `path` as far as it exists; `complete` tells whether every segment was found. */
export function locate(root: Node, path: NodeRef['path']): Located & { complete: boolean } {
  let current: Located = { node: root };
  for (const segment of path) {
    const node = current.node && isAlias(current.node) ? null : current.node;
    let next: Located | undefined;
    if (node && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (pair) next = { node: (pair.value as Node | null) ?? null, pair };
    } else if (node && isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item) next = { node: item };
    }
    if (!next) return { ...current, complete: false };
    current = next;
  }
  return { ...current, complete: true };
}

/**
 * The smallest node that explains the finding: the value itself when the path exists (its key
 * when asked for, or when the value is empty); the key of the nearest existing parent otherwise,
 * rather than the parent's whole multi-line body.
 */
function chooseNode(found: Located & { complete: boolean }, wantKey: boolean): Node | null | undefined {
  const key = found.pair && isPair(found.pair) ? (found.pair.key as Node | null) : null;
  if (!found.complete || wantKey) return key ?? found.node;
  if (!found.node || (found.node.range && found.node.range[0] === found.node.range[1])) return key ?? found.node;
  return found.node;
}

/** Trailing whitespace and newlines are not part of what we point at. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start + 1 && /\s/.test(text[e - 1])) e--;
  return e;
}
