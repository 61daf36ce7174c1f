/** Fix values -> YAML text in block style, quoting only what a YAML 1.1 or 1.2 reader would not read as a string. */
import { resolvePlainScalar } from '../yaml11.js';
import type { FixValue } from './edits.js';

export interface Layout {
  /** Spaces per nesting level. */
  readonly step: number;
  /** Whether `- ` items sit deeper than their parent key (`key:\n  - a`) or level with it (`key:\n- a`). */
  readonly indentSequences: boolean;
}

/** Plain in block and flow context alike: no indicator first, no `: `, ` #`, flow punctuation or trailing `:`. */
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./@+:=-]*$/;

/** `web`, `"yes"`, `"8080"`, `80`, `true`, `null`. */
export function renderScalar(value: string | number | boolean | null, quote: '"' | "'" | '' = ''): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  const plain = quote === '' && PLAIN.test(value) && !value.endsWith(':') && resolvePlainScalar(value) === undefined
    && !/^\d{4}-\d/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

const isScalar = (value: FixValue): value is string | number | boolean | null => value === null || typeof value !== 'object';

function inline(value: FixValue): string | undefined {
  if (isScalar(value)) return renderScalar(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

/** `key: value` as lines with absolute indentation `indent`. */
export function renderEntry(key: string, value: FixValue, indent: number, layout: Layout): string[] {
  const pad = ' '.repeat(indent);
  const short = inline(value);
  if (short !== undefined) return [`${pad}${renderScalar(key)}: ${short}`];
  const childIndent = Array.isArray(value) && !layout.indentSequences ? indent : indent + layout.step;
  return [`${pad}${renderScalar(key)}:`, ...renderBlock(value, childIndent, layout)];
}

/** A non-empty collection as block lines at `indent`. */
export function renderBlock(value: FixValue, indent: number, layout: Layout): string[] {
  if (isScalar(value) || inline(value) !== undefined) return [`${' '.repeat(indent)}${inline(value)}`];
  if (!Array.isArray(value)) {
    return Object.entries(value as Record<string, FixValue>).flatMap(([k, v]) => renderEntry(k, v, indent, layout));
  }
  const pad = ' '.repeat(indent);
  return (value as readonly FixValue[]).flatMap((item) => {
    const short = inline(item);
    if (short !== undefined) return [`${pad}- ${short}`];
    // The first line of a nested collection goes after `- `, the rest two columns deeper.
    const lines = renderBlock(item, indent + 2, layout);
    return [`${pad}- ${lines[0].slice(indent + 2)}`, ...lines.slice(1)];
  });
}

/** A value in flow style (`{name: web, port: {number: 80}}`), or JSON in a JSON file. */
export function renderFlow(value: FixValue, json: boolean): string {
  if (json) return JSON.stringify(value);
  if (isScalar(value)) return renderScalar(value);
  if (Array.isArray(value)) return `[${(value as readonly FixValue[]).map((item) => renderFlow(item, false)).join(', ')}]`;
  return `{${Object.entries(value as Record<string, FixValue>).map(([k, v]) => `${renderScalar(k)}: ${renderFlow(v, false)}`).join(', ')}}`;
}
