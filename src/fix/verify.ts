/**
 * The checks every fix passes before it is offered, whichever way its edits were found (the light
 * locator's ranges, light.ts, or `yaml`'s nodes, resolve.ts): edits joined into one, and the edited
 * document parsed as kubectl reads it (YAML 1.1) to exactly the value the edits describe.
 */
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import { LOAD_OPTIONS } from '../load.js';
import type { SourceFile } from '../model.js';
import { applyToValue, type Edit, type TextEdit } from './edits.js';
import { renderScalar } from './render.js';

/** One edit's text; `source` is the text a `quote` edit quoted. */
export type Piece = TextEdit & { readonly source?: string };

/** Where a document lies in its file's text (without byte-order mark), and what it was before any fix. */
export interface DocumentText {
  readonly text: string;
  readonly offset: number;
  readonly end: number;
  /** A JSON file (or a text that starts as one): scalars are written as JSON. */
  readonly json: boolean;
}

/** Whether a file's text is written as JSON (fix text follows it). */
export function isJsonText(path: string, text: string): boolean {
  return /\.json$/i.test(path) || /^\s*[{[]/.test(text);
}

/** A scalar in the style of the document: JSON, or YAML quoted as the node it replaces (`quote`). */
export function scalarText(json: boolean, value: string | number | boolean | null, quote: '"' | "'" | '' = ''): string {
  return json ? JSON.stringify(value) : renderScalar(value, quote);
}

/** A document's value as kubectl reads it (YAML 1.1); undefined when it does not parse. */
export function parseValue(text: string): unknown {
  try {
    return jsyaml.load(text, LOAD_OPTIONS);
  } catch {
    return undefined;
  }
}

/** The value of document `docIndex` of `file` before any fix, parsed once per run into `cache`. */
export function documentBefore(cache: Map<string, unknown>, doc: DocumentText, file: SourceFile, docIndex: number): unknown {
  const key = `${file.path}\0${docIndex}`;
  if (!cache.has(key)) cache.set(key, parseValue(doc.text.slice(doc.offset, doc.end)));
  return cache.get(key);
}

/** Pieces sorted and joined into one edit (as ESLint merges a report's fixes); undefined if two overlap. */
export function merge(pieces: readonly Piece[], text: string): TextEdit | undefined {
  const sorted = [...pieces].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i].range[0] < sorted[i - 1].range[1]) return undefined;
    out += (i > 0 ? text.slice(sorted[i - 1].range[1], sorted[i].range[0]) : '') + sorted[i].text;
  }
  return { range: [sorted[0].range[0], sorted[sorted.length - 1].range[1]], text: out };
}

/**
 * `pieces` (one per edit, in order) as one checked edit of `doc`, whose value before any fix is
 * `before`; undefined when they overlap or the edited document would not read as intended.
 */
export function checkedEdit(doc: DocumentText, before: unknown, edits: readonly Edit[], pieces: readonly Piece[]): TextEdit | undefined {
  const merged = merge(pieces, doc.text);
  if (!merged || before === undefined) return undefined;
  const sources = new Map(edits.map((e, i) => [e, pieces[i].source]));
  const after = doc.text.slice(doc.offset, merged.range[0]) + merged.text + doc.text.slice(merged.range[1], doc.end);
  const expected = applyToValue(before, edits, (e) => sources.get(e));
  return expected !== undefined && isDeepStrictEqual(parseValue(after), expected) ? merged : undefined;
}
