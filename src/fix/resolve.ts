/**
 * Edits against nodes -> one text edit per fix, over `yaml`'s node ranges so that everything the
 * fix does not touch (comments, order, quoting, indentation, line endings) stays byte for byte.
 * Each fix is checked before it is offered: the edited document must parse (as kubectl does,
 * YAML 1.1) to exactly the value the edits describe, or the fix is dropped. Loaded only for a fix
 * the light locator cannot make (light.ts).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { SourceFile } from '../model.js';
import { ComposedFile, locate, type Located } from '../positions-compose.js';
import { PositionResolver } from '../positions.js';
import type { Edit, FixValue, TextEdit } from './edits.js';
import { renderBlock, renderEntry, renderFlow, renderScalar, type Layout } from './render.js';
import { checkedEdit, documentBefore, isJsonText, scalarText as jsonOrYaml, type DocumentText, type Piece } from './verify.js';

interface Doc extends DocumentText {
  readonly contents: Node;
  readonly eol: string;
  layout?: Layout;
}

export class FixResolver {
  /**
   * `files`: resolvers that positions already composed documents with, reused here; `before`: each
   * document's value before any fix (by file path and index), parsed once however many fixes it has.
   */
  constructor(
    private readonly files = new Map<SourceFile, ComposedFile>(),
    private readonly before = new Map<string, unknown>(),
  ) {}

  /** One text edit doing all of `edits` (they must lie in one document), or undefined when it cannot be made safely. */
  resolve(edits: readonly Edit[]): TextEdit | undefined {
    if (edits.length === 0) return undefined;
    const { file, docIndex } = edits[0].at;
    if (edits.some((e) => e.at.file !== file || e.at.docIndex !== docIndex)) return undefined;
    let resolver = this.files.get(file);
    if (!resolver) this.files.set(file, (resolver = new ComposedFile(new PositionResolver(file))));
    const found = resolver.document(docIndex);
    if (!found?.doc.contents || found.doc.errors.length > 0) return undefined;
    const text = resolver.positions.text;
    const doc: Doc = {
      text, offset: found.offset, end: found.end, contents: found.doc.contents as Node,
      json: isJsonText(file.path, text), eol: text.includes('\r\n') ? '\r\n' : '\n',
    };
    const pieces: Piece[] = [];
    for (const e of edits) {
      const piece = editText(e, doc);
      if (!piece) return undefined;
      pieces.push(piece);
    }
    return checkedEdit(doc, documentBefore(this.before, doc, file, docIndex), edits, pieces);
  }
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Where the line holding `pos` ends, before its `\n` or `\r\n`. */
function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  const end = nl === -1 ? text.length : nl;
  return end > pos && text[end - 1] === '\r' ? end - 1 : end;
}

/** The end of a node's own text (yaml's ranges of block collections include trailing newlines). */
function endOf(doc: Doc, node: Node | null | undefined, fallback: number): number {
  if (!node?.range) return fallback;
  let end = doc.offset + node.range[1];
  while (end > fallback && /\s/.test(doc.text[end - 1])) end--;
  return end;
}

const startOf = (doc: Doc, node: Node | null | undefined): number | undefined =>
  node?.range ? doc.offset + node.range[0] : undefined;

const isBlockMap = (node: unknown): node is YAMLMap => isMap(node) && !node.flow;

function quoteOf(node: Scalar): '"' | "'" | '' {
  return node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
}

function scalarText(doc: Doc, value: string | number | boolean | null, like?: Scalar): string {
  return jsonOrYaml(doc.json, value, like ? quoteOf(like) : '');
}

/** Indentation step and sequence style of the document, from its first nested lines. */
function layoutOf(doc: Doc): Layout {
  if (doc.layout) return doc.layout;
  const lines = doc.text.slice(doc.offset, doc.end).split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  let step: number | undefined;
  let indentSequences: boolean | undefined;
  for (let i = 0; i + 1 < lines.length && (step === undefined || indentSequences === undefined); i++) {
    if (!/:\s*$/.test(lines[i])) continue;
    const parent = lines[i].search(/\S/) + (lines[i].trimStart().startsWith('- ') ? 2 : 0);
    const child = lines[i + 1].search(/\S/);
    if (lines[i + 1].trimStart().startsWith('- ')) indentSequences ??= child > parent;
    else if (child > parent) step ??= child - parent;
  }
  return (doc.layout = { step: step ?? 2, indentSequences: indentSequences ?? true });
}

function column(doc: Doc, pos: number): number {
  return pos - lineStart(doc.text, pos);
}

function located(doc: Doc, e: Edit): (Located & { complete: boolean }) | undefined {
  const found = locate(doc.contents, e.at.path);
  return found.complete ? found : undefined;
}

function parentMap(doc: Doc, e: Edit): YAMLMap | undefined {
  const parent = locate(doc.contents, e.at.path.slice(0, -1));
  return parent.complete && isMap(parent.node) ? parent.node : undefined;
}

/** An entry of a flow map (or a JSON object) replaced or removed in flow style. */
function flowEntry(doc: Doc, map: YAMLMap, pair: Pair<unknown, unknown>, entry?: { key: string; value: FixValue }): Piece | undefined {
  const i = map.items.indexOf(pair as never);
  const start = startOf(doc, pair.key as Node);
  if (start === undefined) return undefined;
  const end = endOf(doc, pair.value as Node | null, endOf(doc, pair.key as Node, start));
  if (entry) return { range: [start, end], text: `${doc.json ? JSON.stringify(entry.key) : renderScalar(entry.key)}: ${renderFlow(entry.value, doc.json)}` };
  // Removing: up to the next entry, or for the last one from the end of the previous entry.
  const next = startOf(doc, map.items[i + 1]?.key as Node | undefined);
  if (next !== undefined) return { range: [start, next], text: '' };
  const previous = map.items[i - 1];
  return previous ? { range: [endOf(doc, previous.value as Node | null, endOf(doc, previous.key as Node, 0)), end], text: '' } : undefined;
}

function editText(e: Edit, doc: Doc): Piece | undefined {
  const found = located(doc, e);
  if (!found) return undefined;
  const { node, pair } = found;
  switch (e.op) {
    case 'quote': {
      if (!isScalar(node) || node.type !== 'PLAIN' || node.tag || !node.range) return undefined;
      const start = doc.offset + node.range[0];
      const source = doc.text.slice(start, doc.offset + node.range[1]);
      if (source.includes('\n')) return undefined;
      return { range: [start, start + source.length], text: JSON.stringify(source), source };
    }
    case 'replace':
      return replaceText(doc, node, e.value);
    case 'renameKey': {
      const key = pair?.key as Node | undefined;
      if (!isScalar(key) || !key.range) return undefined;
      return { range: [doc.offset + key.range[0], doc.offset + key.range[1]], text: scalarText(doc, e.key, key) };
    }
    case 'replaceEntry': {
      const key = pair?.key as Node | undefined;
      const start = startOf(doc, key);
      const map = parentMap(doc, e);
      if (start === undefined || !map) return undefined;
      if (map.flow) return flowEntry(doc, map, pair!, { key: e.key, value: e.value });
      const indent = column(doc, start);
      const lines = renderEntry(e.key, e.value, indent, layoutOf(doc));
      return { range: [start, endOf(doc, (pair as Pair<Node, Node>).value, endOf(doc, key, start))], text: lines.join(doc.eol).slice(indent) };
    }
    case 'insertKey':
      return insertText(doc, node, e.key, e.value, e.before);
    case 'removeKey': {
      const key = pair?.key as Node | undefined;
      const start = startOf(doc, key);
      const map = parentMap(doc, e);
      if (start === undefined || !map || map.items.length < 2) return undefined;
      if (map.flow) return flowEntry(doc, map, pair!);
      const from = lineStart(doc.text, start);
      if (doc.text.slice(from, start).trim() !== '') return undefined;
      let to = lineEnd(doc.text, endOf(doc, (pair as Pair<Node, Node>).value, endOf(doc, key, start)));
      to += doc.text.startsWith('\r\n', to) ? 2 : doc.text[to] === '\n' ? 1 : 0;
      return { range: [from, to], text: '' };
    }
  }
}

function replaceText(doc: Doc, node: Node | null, value: FixValue): Piece | undefined {
  const start = startOf(doc, node);
  if (start === undefined) return undefined;
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    return { range: [start, doc.offset + node.range![1]], text: scalarText(doc, value, node) };
  }
  const sameKind = (isMap(node) && isRecordValue(value)) || (isSeq(node) && Array.isArray(value) && value.length > 0);
  if (!sameKind) return undefined;
  if (node.flow) return { range: [start, doc.offset + node.range![1]], text: renderFlow(value, doc.json) };
  const indent = column(doc, start);
  return { range: [start, endOf(doc, node, start)], text: renderBlock(value, indent, layoutOf(doc)).join(doc.eol).slice(indent) };
}

function isRecordValue(value: unknown): value is Record<string, FixValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;
}

function insertText(doc: Doc, node: Node | null, key: string, value: FixValue, before?: string): Piece | undefined {
  if (!isMap(node) || node.items.length === 0) return undefined;
  if (node.items.some((p) => isScalar(p.key) && String(p.key.value) === key)) return undefined;
  if (node.flow) {
    // `{a: 1}` -> `{a: 1, key: value}`, after the last entry (JSON files get JSON).
    const last = node.items[node.items.length - 1];
    const at = endOf(doc, last.value as Node | null, endOf(doc, last.key as Node, 0));
    return { range: [at, at], text: `, ${doc.json ? JSON.stringify(key) : renderScalar(key)}: ${renderFlow(value, doc.json)}` };
  }
  const first = startOf(doc, node.items[0].key as Node);
  if (first === undefined) return undefined;
  const indent = column(doc, first);
  const lines = renderEntry(key, value, indent, layoutOf(doc));
  const next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === before);
  const nextStart = startOf(doc, next?.key as Node | undefined);
  if (nextStart !== undefined && doc.text.slice(lineStart(doc.text, nextStart), nextStart).trim() === '') {
    // Before the entry's own comment lines, so they stay with it.
    let at = lineStart(doc.text, nextStart);
    while (at > doc.offset) {
      const previous = lineStart(doc.text, at - 1);
      if (!doc.text.slice(previous, at).trim().startsWith('#')) break;
      at = previous;
    }
    return { range: [at, at], text: lines.join(doc.eol) + doc.eol };
  }
  const last = node.items[node.items.length - 1];
  const at = lineEnd(doc.text, endOf(doc, last.value as Node | null, endOf(doc, last.key as Node, first)));
  return { range: [at, at], text: doc.eol + lines.join(doc.eol) };
}
