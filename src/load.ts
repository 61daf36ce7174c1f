/**
 * Text -> documents. The common path parses values with js-yaml (an order of magnitude faster
 * than building `yaml` Documents) using kubectl's YAML 1.1 typing; positions are computed later,
 * and only for files with findings (see positions.ts).
 */
import { createRequire } from 'node:module';
import jsyaml from 'js-yaml';
import type { Range, SourceFile } from './model.js';
import { YAML11_SCHEMA } from './yaml11.js';

export interface ParsedDocument {
  readonly file: SourceFile;
  readonly docIndex: number;
  readonly value: unknown;
}

/** A `yaml-syntax` finding; `messageId` names a message of rules/yaml-syntax.ts. */
export interface LoadIssue extends Range {
  readonly file: SourceFile;
  readonly messageId: 'syntax' | 'helm' | 'binary' | 'tooLarge' | 'aliasBomb' | 'unreadable';
  readonly data: Record<string, string | number>;
}

export interface LoadResult {
  readonly documents: ParsedDocument[];
  readonly issues: LoadIssue[];
}

/** kubectl's decoder allows 10000 levels of nesting; deep CRD schemas need far more than js-yaml's 100. */
export const LOAD_OPTIONS = { schema: YAML11_SCHEMA, maxDepth: 2000 } as jsyaml.LoadOptions;

const HELM_LINE = /^[ \t]*(?:-[ \t]+)?(?:[^\s#'"][^#]*?:[ \t]+)?\{\{/;
/** Nodes a document may hold per byte of text before we call it an alias bomb. */
const ALIAS_EXPANSION_FACTOR = 4;

export function fileIssue(file: SourceFile, messageId: LoadIssue['messageId'], data: LoadIssue['data']): LoadIssue {
  return { file, messageId, data, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function loadFile(file: SourceFile): LoadResult {
  if (file.text.slice(0, 8192).includes('\u0000')) {
    return { documents: [], issues: [fileIssue(file, 'binary', {})] };
  }
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  const json = tryJson(text, file.path);
  if (json !== undefined) return guard(file, text, [{ file, docIndex: 0, value: json }], []);
  try {
    const values = jsyaml.loadAll(text, undefined, LOAD_OPTIONS);
    return guard(file, text, values.map((value, docIndex) => ({ file, docIndex, value })), []);
  } catch (error) {
    if (!(error instanceof jsyaml.YAMLException)) throw error;
    // A `.json` file that is neither JSON nor YAML and names no apiVersion is some other tool's file
    // (tsconfig.json with comments, package manifests): not a manifest, so not our business.
    if (file.path.endsWith('.json') && !text.includes('"apiVersion"')) return { documents: [], issues: [] };
    return loadDocumentByDocument(file, text, documentOffsets(text));
  }
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
function loadDocumentByDocument(file: SourceFile, text: string, starts: number[]): LoadResult {
  const documents: ParsedDocument[] = [];
  const issues: LoadIssue[] = [];
  starts.forEach((start, docIndex) => {
    const end = docIndex + 1 < starts.length ? starts[docIndex + 1] : text.length;
    const lineOffset = countLines(text, start);
    const slice = text.slice(start, end);
    try {
      documents.push({ file, docIndex, value: jsyaml.load(slice, LOAD_OPTIONS) });
    } catch (error) {
      if (!(error instanceof jsyaml.YAMLException)) throw error;
      issues.push(syntaxIssue(file, slice, lineOffset, error));
    }
  });
  return guard(file, text, documents, issues);
}

/** Offsets (at line starts) where each YAML document of the stream begins (yaml's CST). */
function documentOffsets(text: string): number[] {
  // Loaded on demand: only files that fail the fast parse pay for the `yaml` package.
  const { Parser } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const offsets: number[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') offsets.push(text.lastIndexOf('\n', token.offset - 1) + 1);
  }
  return offsets.length > 0 ? offsets : [0];
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
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
  const lineText = slice.split('\n')[mark?.line ?? 0] ?? '';
  const column = Math.min((mark?.column ?? 0) + 1, lineText.trimEnd().length + 1);
  const endColumn = Math.max(column + 1, lineText.trimEnd().length + 1);
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

/** Post-parse checks on documents that parsed: unrendered Helm templates and alias bombs. */
function guard(file: SourceFile, text: string, documents: ParsedDocument[], issues: LoadIssue[]): LoadResult {
  const mayHaveAliases = text.includes('*') && text.includes('&');
  const mayBeHelm = text.includes('{{');
  if (!mayHaveAliases && !mayBeHelm) return { documents, issues };
  const budget = text.length * ALIAS_EXPANSION_FACTOR + 1000;
  const kept: ParsedDocument[] = [];
  for (const doc of documents) {
    const scan = scanValue(doc.value, budget);
    if (scan === 'bomb') issues.push(fileIssue(file, 'aliasBomb', { limit: budget }));
    else if (scan === 'helm') issues.push(helmIssue(file, text));
    else kept.push(doc);
  }
  return { documents: kept, issues };
}

function helmIssue(file: SourceFile, text: string): LoadIssue {
  const found = helmLine(text) ?? { line: 0, column: 0, endColumn: 1 };
  return { file, messageId: 'helm', data: {}, line: found.line + 1, column: found.column + 1, endLine: found.line + 1, endColumn: found.endColumn + 1 };
}

/**
 * Walks a parsed value once, counting nodes (aliases are shared references, so an alias bomb
 * shows up as far more nodes than the text could hold) and spotting `{{ ... }}` parsed as a
 * flow mapping used as a key, which is how an unrendered Helm expression parses.
 */
function scanValue(root: unknown, budget: number): 'ok' | 'bomb' | 'helm' {
  let nodes = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (++nodes > budget) return 'bomb';
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '[object Object]') return 'helm';
      stack.push(item);
    }
  }
  return 'ok';
}
