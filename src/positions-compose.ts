/**
 * Positions from composed `yaml` Documents: what the light locator declines, and what fixes edit
 * (they need yaml's nodes). Only the documents asked for are composed, each once.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { NodeRef, Range } from './model.js';
import type { PositionResolver } from './positions.js';

export type Located = { node: Node | null; pair?: Pair<unknown, unknown> };

export class ComposedFile {
  private readonly docs = new Map<number, { doc: Document.Parsed; offset: number; end: number } | undefined>();

  constructor(readonly positions: PositionResolver) {}

  /** Document `index` of the file, composed on first use, with where it starts and ends in the text. */
  document(index: number): { doc: Document.Parsed; offset: number; end: number } | undefined {
    if (!this.docs.has(index)) {
      const span = this.positions.span(index);
      const doc = span && parseDocument(this.positions.text.slice(span.offset, span.end), { strict: false, uniqueKeys: false, prettyErrors: false });
      this.docs.set(index, span && doc && { doc: doc as Document.Parsed, ...span });
    }
    return this.docs.get(index);
  }

  resolve(ref: NodeRef): Range {
    const found = this.document(ref.docIndex);
    const target = found?.doc.contents ? chooseNode(locate(found.doc.contents, ref.path), ref.key === true) : undefined;
    if (!found || !target?.range) return this.positions.toRange([0, 1]);
    return this.positions.toRange([found.offset + target.range[0], found.offset + target.range[1]]);
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
