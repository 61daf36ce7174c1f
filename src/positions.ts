/**
 * NodeRef -> line/column. Built with `yaml`'s Document API and LineCounter, lazily and only for
 * files that have findings: the common path never pays for a second, position-keeping parse.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { NodeRef, Range, SourceFile } from './model.js';

type Located = { node: Node | null; pair?: Pair<unknown, unknown> };

export class PositionResolver {
  private docs: Document.Parsed[] | undefined;
  private readonly lines = new LineCounter();
  private readonly text: string;

  constructor(readonly file: SourceFile) {
    this.text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  }

  private documents(): Document.Parsed[] {
    this.docs ??= parseAllDocuments(this.text, {
      lineCounter: this.lines,
      strict: false,
      uniqueKeys: false,
      prettyErrors: false,
    }) as Document.Parsed[];
    return this.docs;
  }

  resolve(ref: NodeRef): Range {
    const doc = this.documents()[ref.docIndex];
    if (!doc?.contents) return this.toRange(0, 1);
    const found = locate(doc.contents, ref.path);
    const target = chooseNode(found, ref.key === true);
    if (!target?.range) return this.toRange(0, 1);
    return this.toRange(target.range[0], trimEnd(this.text, target.range[0], target.range[1]));
  }

  private toRange(start: number, end: number): Range {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(end, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }
}

/** Follows `path` as far as it exists; `complete` tells whether every segment was found. */
function locate(root: Node, path: NodeRef['path']): Located & { complete: boolean } {
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
