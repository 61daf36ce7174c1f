/**
 * Text -> documents. The common path parses values with js-yaml (an order of magnitude faster
 * than building `yaml` Documents) using kubectl's YAML 1.1 typing; positions are computed later,
 * and only for files with findings (see positions.ts).
 */
import { createRequire } from 'node:module';
import jsyaml from 'js-yaml';
import type { Range, SourceFile } from './model.js';
import { streamBatches, textBatches, type Batch } from './batches.js';
import { compactValue } from './compact.js';
import { share, sharingStrings, tightenNode, YAML11_SCHEMA } from './yaml11.js';

export interface ParsedDocument {
  readonly file: SourceFile;
  readonly docIndex: number;
  readonly value: unknown;
}

/** A `yaml-syntax` finding; `messageId` names a message of rules/yaml-syntax.ts. */
export interface LoadIssue extends Range {
  readonly file: SourceFile;
  readonly messageId: 'syntax' | 'helm' | 'binary' | 'tooLarge' | 'aliasBomb' | 'tooDeep' | 'unreadable' | 'render';
  readonly data: Record<string, string | number>;
}

export interface LoadResult {
  readonly documents: ParsedDocument[];
  readonly issues: LoadIssue[];
}

/**
 * Nesting deeper than this is a `yaml-syntax` finding. kubectl's decoder stops at 10000 levels; the
 * parsers here recurse per level, so the limit is what they can read within Node's default stack
 * with room to spare (js-yaml overflows near 2000). Real manifests stay far below it: the deepest
 * CRD schema of ../shared/crds nests 39 levels, and js-yaml's own default of 100 is too few for some.
 */
export const MAX_DEPTH = 1000;
/** Files from this size on are large: a run holds their objects, not their text too. */
export const LARGE_FILE = 1024 * 1024;
/** js-yaml's options for manifests (also used to check that a fix parses as intended). */
export const LOAD_OPTIONS = { schema: YAML11_SCHEMA, maxDepth: MAX_DEPTH } as jsyaml.LoadOptions;
/** The options of the run's parse: nodes kept compact as they are read (see `tightenNode`). */
const PARSE_OPTIONS: jsyaml.LoadOptions = { ...LOAD_OPTIONS, listener: tightenNode as unknown as jsyaml.LoadOptions['listener'] };

const HELM_LINE = /^[ \t]*(?:-[ \t]+)?(?:[^\s#'"][^#]*?:[ \t]+)?\{\{/;
/** A document start or end marker at the start of a line. */
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
/** Nodes a document may hold per byte of text before we call it an alias bomb. */
const ALIAS_EXPANSION_FACTOR = 4;

export function fileIssue(file: SourceFile, messageId: LoadIssue['messageId'], data: LoadIssue['data']): LoadIssue {
  return { file, messageId, data, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function loadFile(file: SourceFile): LoadResult {
  const documents: ParsedDocument[] = [];
  const issues = readDocuments(file, (doc) => documents.push(doc));
  return { documents, issues };
}

/**
 * Parses `file`, handing each document that parsed to `onDocument` (so that a caller keeps what it
 * needs of each, not every document at once); returns the file's `yaml-syntax` issues.
 */
export function readDocuments(file: SourceFile, onDocument: (doc: ParsedDocument) => void): LoadIssue[] {
  return sharingStrings(() => parseDocuments(file, onDocument));
}

function parseDocuments(file: SourceFile, onDocument: (doc: ParsedDocument) => void): LoadIssue[] {
  const issues: LoadIssue[] = [];
  // A large file is rebuilt compactly, without slices of its text (which the engine releases).
  const compact = file.size !== undefined && file.size >= LARGE_FILE;
  const emitter = (batch: Batch, json: boolean) => {
    const check = guard(file, batch, json);
    const aliases = batch.text.includes('*') && batch.text.includes('&');
    return (docIndex: number, parsed: unknown) => {
      const problem = check(parsed);
      if (problem) return issues.push(problem);
      const value = compact ? compactValue(parsed, aliases ? new Map() : undefined) : parsed;
      onDocument({ file, docIndex, value: shareStrings(value) });
    };
  };
  let batches: Iterable<Batch>;
  let notOurs = false;
  if (file.pieces) {
    batches = streamBatches(file.pieces());
  } else {
    const whole = file.text;
    if (file.unreadable !== undefined) return [fileIssue(file, 'unreadable', { reason: file.unreadable })];
    if (whole.slice(0, 8192).includes('\u0000')) return [fileIssue(file, 'binary', {})];
    const text = whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole;
    const json = tryJson(text, file.path);
    if (json !== undefined) {
      emitter({ text, line: 0 }, true)(0, json);
      return issues;
    }
    // A `.json` file that is neither JSON nor YAML and names no apiVersion is some other tool's file
    // (tsconfig.json with comments, package manifests): not a manifest, so not our business.
    notOurs = file.path.endsWith('.json') && !text.includes('"apiVersion"');
    batches = notOurs ? [{ text, line: 0 }] : textBatches(text);
  }
  let docIndex = 0;
  for (const batch of batches) {
    const emit = emitter(batch, false);
    let values: unknown[];
    try {
      values = jsyaml.loadAll(batch.text, undefined, PARSE_OPTIONS);
    } catch (error) {
      if (!(error instanceof jsyaml.YAMLException)) throw error;
      if (notOurs) return [];
      const starts = documentOffsets(batch.text);
      const base = docIndex;
      for (const issue of loadDocumentByDocument(file, batch.text, starts, batch.line, (i, value) => emit(base + i, value))) issues.push(issue);
      docIndex += starts.length;
      continue;
    }
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      values[i] = undefined; // the caller decides what stays
      emit(docIndex++, value);
    }
  }
  return issues;
}

/**
 * The strings every object repeats (`apiVersion`, `kind`, `metadata.namespace`) shared between
 * objects, also when quoted or read from JSON (plain scalars are shared while parsing).
 */
function shareStrings(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  if (typeof object.apiVersion === 'string' && Object.hasOwn(object, 'apiVersion')) object.apiVersion = share(object.apiVersion);
  if (typeof object.kind === 'string' && Object.hasOwn(object, 'kind')) object.kind = share(object.kind);
  const metadata = Object.hasOwn(object, 'metadata') ? object.metadata : undefined;
  if (isMap(metadata) && typeof metadata.namespace === 'string' && Object.hasOwn(metadata, 'namespace')) metadata.namespace = share(metadata.namespace);
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tryJson(text: string, path: string): unknown {
  const first = text.trimStart()[0];
  if (!(path.endsWith('.json') || first === '{' || first === '[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One document failed: split the stream with yaml's CST so each document gets its own verdict. */
function loadDocumentByDocument(file: SourceFile, text: string, starts: number[], firstLine: number, emit: (docIndex: number, value: unknown) => void): LoadIssue[] {
  const issues: LoadIssue[] = [];
  let lineOffset = firstLine;
  let counted = 0;
  starts.forEach((start, docIndex) => {
    const end = docIndex + 1 < starts.length ? starts[docIndex + 1] : text.length;
    lineOffset += countLines(text, counted, start);
    counted = start;
    const slice = text.slice(start, end);
    let value: unknown;
    try {
      value = jsyaml.load(slice, PARSE_OPTIONS);
    } catch (error) {
      if (!(error instanceof jsyaml.YAMLException)) throw error;
      issues.push(syntaxIssue(file, slice, lineOffset, error));
      return;
    }
    emit(docIndex, value);
  });
  return issues;
}

/** Offsets (at line starts) where each YAML document of the stream begins (yaml's CST). */
function documentOffsets(text: string): number[] {
  // A single document needs no parse (a 200,000-deep one would cost yaml's parser 300 MB).
  MARKER.lastIndex = 1;
  if (!MARKER.test(text)) return [0];
  // Loaded on demand: only files that fail the fast parse pay for the `yaml` package.
  const { Parser } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const offsets: number[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') offsets.push(text.lastIndexOf('\n', token.offset - 1) + 1);
  }
  return offsets.length > 0 ? offsets : [0];
}

/** Newlines in `text` from `start` to `end`. */
function countLines(text: string, start: number, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function syntaxIssue(file: SourceFile, slice: string, lineOffset: number, error: jsyaml.YAMLException): LoadIssue {
  const helm = helmLine(slice);
  const errorLine = error.mark?.line ?? 0;
  // A template explains the error when it is a control line at the left margin (`{{- if }}`) or sits
  // on the failing line; `{{ }}` inside a block scalar (Alertmanager templates)
  // is ordinary text, and the real error elsewhere deserves its own message.
  if (helm && (helm.column === 0 || helm.line === errorLine)) {
    const line = lineOffset + helm.line + 1;
    return { file, messageId: 'helm', data: {}, line, column: helm.column + 1, endLine: line, endColumn: helm.endColumn + 1 };
  }
  const mark = error.mark;
  const line = lineOffset + (mark?.line ?? 0) + 1;
  const tooDeep = /nesting exceeded maxDepth/.test(error.reason);
  const lineText = slice.split('\n')[mark?.line ?? 0] ?? '';
  const column = Math.min((mark?.column ?? 0) + 1, lineText.trimEnd().length + 1);
  const endColumn = Math.max(column + 1, lineText.trimEnd().length + 1);
  if (tooDeep) return { file, messageId: 'tooDeep', data: { limit: MAX_DEPTH }, line, column, endLine: line, endColumn };
  return { file, messageId: 'syntax', data: { reason: describe(error.reason) }, line, column, endLine: line, endColumn };
}

function describe(reason: string): string {
  if (/duplicated mapping key/.test(reason)) return 'duplicate key: a mapping may define each key once (kubectl rejects it)';
  if (/tab characters/.test(reason)) return 'tab character used for indentation: YAML indents with spaces only';
  return reason;
}

function helmLine(text: string): { line: number; column: number; endColumn: number } | undefined {
  if (!text.includes('{{')) return undefined;
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    if (!HELM_LINE.test(lines[line])) continue;
    const column = lines[line].indexOf('{{');
    const close = lines[line].indexOf('}}', column);
    return { line, column, endColumn: close === -1 ? lines[line].trimEnd().length : close + 2 };
  }
  return undefined;
}

/**
 * Post-parse checks on documents that parsed: unrendered Helm templates, alias bombs and, where the
 * parser set no depth limit (JSON) or aliases nest one structure in another, nesting depth.
 */
function guard(file: SourceFile, { text, line }: Batch, json: boolean): (value: unknown) => LoadIssue | undefined {
  const mayHaveAliases = !json && text.includes('*') && text.includes('&');
  const mayBeHelm = !json && text.includes('{{');
  if (!json && !mayHaveAliases && !mayBeHelm) return () => undefined;
  const budget = json ? Infinity : text.length * ALIAS_EXPANSION_FACTOR + 1000;
  return (value) => {
    const scan = scanValue(value, budget);
    if (scan === 'bomb') return fileIssue(file, 'aliasBomb', { limit: budget });
    if (scan === 'helm') return helmIssue(file, text, line);
    if (scan === 'deep') return fileIssue(file, 'tooDeep', { limit: MAX_DEPTH });
    return undefined;
  };
}

function helmIssue(file: SourceFile, text: string, lineOffset: number): LoadIssue {
  const found = helmLine(text) ?? { line: 0, column: 0, endColumn: 1 };
  const line = lineOffset + found.line + 1;
  return { file, messageId: 'helm', data: {}, line, column: found.column + 1, endLine: line, endColumn: found.endColumn + 1 };
}

/**
 * Walks a parsed value once (iteratively), counting nodes (aliases are shared references, so an
 * alias bomb shows up as far more nodes than the text could hold), measuring depth, and spotting
 * `{{ ... }}` parsed as a flow mapping used as a key, which is how an unrendered Helm expression parses.
 */
function scanValue(root: unknown, budget: number): 'ok' | 'bomb' | 'helm' | 'deep' {
  let nodes = 0;
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const value = stack.pop();
    const depth = depths.pop()!;
    if (++nodes > budget) return 'bomb';
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return 'deep';
    if (Array.isArray(value)) {
      for (const item of value) {
        stack.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key in value) {
      if (key === '[object Object]') return 'helm';
      stack.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return 'ok';
}
