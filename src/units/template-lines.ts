/**
 * Finding a key path in text that is YAML only once rendered: a Helm template (YAML with
 * `{{ }}` actions), or a patch. Lines that hold only actions (`{{- if }}`, `{{- end }}`) take no
 * part in the structure; a list item is chosen by its `name:` when the rendered item has one
 * (templates loop, so the n-th rendered item is rarely the n-th written one). Where the path
 * runs into an action that inserts values (`{{ toYaml .Values.resources | nindent 12 }}`, `{{ .Values.x }}`),
 * the rest of the path is looked up in the values instead.
 */
import type { Path, Range } from '../model.js';

interface Line {
  /** Position in its document's line list. */
  index: number;
  /** 0-based line in the whole text. */
  readonly number: number;
  readonly text: string;
  /** Column (0-based) of the first character, or of the key after `- `. */
  readonly col: number;
  /** Column of the `- ` that starts a list item on this line, or -1. */
  readonly dash: number;
  readonly key?: string;
  /** Text after `key:`. */
  readonly value: string;
  /** Only actions or comments: no YAML structure. */
  readonly structureless: boolean;
}

export interface TemplateMatch {
  /** The key line (or the value on it) in the text, 1-based with an exclusive end. */
  readonly range: Range;
  /** Every segment of the path was found in the text. */
  readonly complete: boolean;
  /** Where the rest of the path comes from: `.Values` segments plus what follows, if the text says. */
  readonly valuesPath?: Path;
  /** Else the named template the value comes from (`include "x"`), and the path below it. */
  readonly include?: string;
  readonly rest?: Path;
}

const ACTION_ONLY = /^\s*(\{\{.*?\}\}\s*)+$/;
const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"{][^#]*?)):(?:\s+|$)(.*)$/;
const VALUES_REF = /\.Values((?:\.[A-Za-z_][\w-]*)+)/;
const INCLUDE = /\{\{-?\s*(?:include|template)\s+"([^"]+)"/;

function parseLine(text: string, index: number): Line {
  const trimmed = text.trimStart();
  let col = text.length - trimmed.length;
  let rest = trimmed;
  let dash = -1;
  if (/^-(\s|$)/.test(rest)) {
    dash = col;
    const after = rest.slice(1).trimStart();
    col += rest.length - after.length;
    rest = after;
  }
  const structureless = trimmed === '' || trimmed.startsWith('#') || ACTION_ONLY.test(trimmed) || trimmed === '---';
  const key = KEY.exec(rest);
  return { index, number: index, text, col, dash, key: key ? (key[1] ?? key[2] ?? key[3]).trim() : undefined, value: key ? key[4] : rest, structureless: structureless && dash === -1 };
}

/** The lines of the YAML document of `text` that defines `kind` (templates may hold several). */
function documentLines(text: string, kind: string | undefined, name?: string): Line[] {
  const all = text.split('\n').map(parseLine);
  const docs: Line[][] = [[]];
  for (const line of all) {
    if (/^---\s*$/.test(line.text)) docs.push([]);
    else docs[docs.length - 1].push(line);
  }
  for (const doc of docs) doc.forEach((line, i) => (line.index = i));
  const ofKind = docs.filter((doc) => kind !== undefined && doc.some((l) => l.key === 'kind' && l.col === 0 && unquote(l.value) === kind));
  // Several of that kind: the one whose metadata name the rendered name contains (kustomize adds prefixes).
  const nameIn = (doc: Line[], match: (written: string) => boolean) => doc.some((l) => l.key === 'name' && l.col === 2 && match(unquote(l.value)));
  const named = name ? ofKind.find((doc) => nameIn(doc, (w) => w === name)) ?? ofKind.find((doc) => nameIn(doc, (w) => w !== '' && name.includes(w))) : undefined;
  return named ?? ofKind[0] ?? docs.find((d) => d.some((l) => !l.structureless)) ?? all;
}

const unquote = (value: string) => value.trim().replace(/^["']|["']$/g, '');

interface Block {
  readonly lines: Line[];
  /** Column of the block's keys or item dashes; -1 when not known yet. */
  readonly from: number;
  readonly to: number;
}

function firstChild(block: Block): Line | undefined {
  for (let i = block.from; i < block.to; i++) if (!block.lines[i].structureless) return block.lines[i];
  return undefined;
}

/** Lines after `at` that are indented past `col` (a list at the key's own column counts too). */
function blockAfter(lines: Line[], at: number, col: number, keyColumn: boolean): Block {
  let end = at + 1;
  while (end < lines.length) {
    const line = lines[end];
    if (!line.structureless) {
      const start = line.dash !== -1 ? line.dash : line.col;
      if (start < col || (start === col && !(keyColumn && line.dash === col))) break;
    }
    end++;
  }
  return { lines, from: at + 1, to: end };
}

/** The value the template inserts at a line: `.Values.a.b` in it, or `toYaml .` inside `with .Values.a.b`. */
function valuesSource(lines: Line[], at: number): string[] | undefined {
  const direct = VALUES_REF.exec(lines[at].text);
  if (direct) return direct[1].slice(1).split('.');
  if (!/\btoYaml\s+\.\s*\|?/.test(lines[at].text) && !/\{\{-?\s*\.\s*\}\}/.test(lines[at].text)) return undefined;
  for (let i = at - 1; i >= 0; i--) {
    const scope = /\{\{-?\s*(?:with|range)\s+(?:\$\w+\s*:?=\s*)?\.Values((?:\.[A-Za-z_][\w-]*)+)/.exec(lines[i].text);
    if (scope) return scope[1].slice(1).split('.');
  }
  return undefined;
}

function lineRange(line: Line, valueOnly: boolean): Range {
  const text = line.text.trimEnd();
  const keyEnd = line.key !== undefined ? text.indexOf(':', line.col) + 1 : line.col;
  const valueStart = valueOnly && line.key !== undefined && line.value.trim() !== '' ? text.length - line.value.trimEnd().length : line.col;
  const start = valueOnly ? valueStart : line.col;
  const end = valueOnly || line.key === undefined ? text.length : Math.max(keyEnd - 1, start + 1);
  return { line: line.number + 1, column: start + 1, endLine: line.number + 1, endColumn: Math.max(end, start + 1) + 1 };
}

/**
 * Where `path` (below the object root) is written in `text`. `rendered` is the rendered object,
 * used to pick list items by name; `kind` picks the document of a multi-document template.
 */
export function findInTemplate(text: string, path: Path, rendered: unknown, kind?: string, wantKey = false): TemplateMatch | undefined {
  const metadata = rendered && typeof rendered === 'object' ? (rendered as { metadata?: { name?: unknown } }).metadata : undefined;
  const lines = documentLines(text, kind, typeof metadata?.name === 'string' ? metadata.name : undefined);
  let block: Block = { lines, from: 0, to: lines.length };
  let found: Line | undefined;
  let value: unknown = rendered;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    const child = firstChild(block);
    let next: Line | undefined;
    if (typeof segment === 'number') {
      const items: Line[] = [];
      for (let i = block.from; i < block.to; i++) if (lines[i].dash !== -1 && lines[i].dash === child?.dash) items.push(lines[i]);
      const item = Array.isArray(value) ? value[segment] : undefined;
      const name = item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? (item as { name: string }).name : undefined;
      // The item of that name; else, among items whose name is templated (or absent), the n-th.
      const named = name !== undefined ? items.find((l) => itemName(lines, l) === name) : undefined;
      const open = name !== undefined ? items.filter((l) => { const n = itemName(lines, l); return n === undefined || n.includes('{{'); }) : items;
      next = named ?? open[Math.min(segment, open.length - 1)] ?? items[Math.min(segment, items.length - 1)];
      if (next) block = { lines, from: next.index, to: blockAfter(lines, next.index, next.dash + 1, false).to };
    } else if (child) {
      const col = child.col;
      for (let i = block.from; i < block.to; i++) {
        const line = lines[i];
        if (line.key === String(segment) && line.col === col) {
          next = line;
          break;
        }
      }
      if (next) block = blockAfter(lines, next.index, next.col, true);
    }
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
    if (!next) return found && withValues(lines, found, block, path.slice(depth), false);
    found = next;
  }
  return found && withValues(lines, found, block, [], !wantKey);
}

/** The `name:` of the list item starting at `item`, as written (a template expression stays as is). */
function itemName(lines: Line[], item: Line): string | undefined {
  for (let i = item.index; i < lines.length; i++) {
    const line = lines[i];
    if (i > item.index && (line.dash !== -1 && line.dash <= item.dash)) break;
    if (line.key === 'name' && line.col === item.col) return unquote(line.value);
  }
  return undefined;
}

function withValues(lines: Line[], found: Line, block: Block, rest: Path, valueOnly: boolean): TemplateMatch {
  let source = valuesSource(lines, found.index);
  let include = INCLUDE.exec(found.text)?.[1];
  // `key:` followed by `{{- toYaml .Values.x | nindent n }}` (or an `include`) on the lines of its block.
  for (let i = block.from; i < block.to && !source && !include && lines[i].structureless; i++) {
    source = valuesSource(lines, i);
    include = INCLUDE.exec(lines[i].text)?.[1];
  }
  return {
    range: lineRange(found, valueOnly && rest.length === 0),
    complete: rest.length === 0,
    ...(source ? { valuesPath: [...source, ...rest] } : include ? { include, rest } : {}),
  };
}

/** The `.Values` path a named template (`{{ define "name" }}` in `helpers`) reads first, if any. */
export function valuesOfDefine(helpers: string, name: string): string[] | undefined {
  const start = helpers.search(new RegExp(`\\{\\{-?\\s*define\\s+"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  if (start === -1) return undefined;
  const end = helpers.indexOf('define "', start + 8);
  const found = VALUES_REF.exec(helpers.slice(start, end === -1 ? undefined : end));
  return found ? found[1].slice(1).split('.') : undefined;
}
