/**
 * A node of rendered output -> the line a person edits. Helm: the template `# Source:` names,
 * then the key's line in it, plus the values file line when the value comes from `.Values`.
 * Kustomize: the file the origin annotation names (or the patch that set the field), then the
 * key's line in it. Never a line of the rendered text or of a temporary file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Path, Range } from '../model.js';
import { KUSTOMIZATION_FILES } from './discover.js';
import { findInTemplate, valuesOfDefine, type TemplateMatch } from './template-lines.js';

export interface RelatedLocation extends Range {
  readonly filePath: string;
  readonly message: string;
}

export interface Mapped {
  readonly filePath: string;
  readonly range: Range;
  readonly related?: RelatedLocation[];
  /** Said in the message when the key's own line could not be found. */
  readonly note?: string;
}

/** What is known about the rendered object a finding is on. */
export interface RenderedNode {
  readonly kind: string;
  readonly name: string;
  /** The rendered object (list items are picked by name). */
  readonly value: unknown;
  /** Path below the object. */
  readonly path: Path;
  readonly key: boolean;
}

/** The line (0-based, -1 if none) of a list entry naming `name`: `- name: x` (a chart dependency) or `- x` (a kustomization entry). */
export function entryLine(lines: readonly string[], name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s*-?\\s*(?:name:\\s*)?["']?${escaped}["']?\\s*$`);
  return lines.findIndex((line) => pattern.test(line));
}

export class TextCache {
  private readonly texts = new Map<string, Promise<string | undefined>>();

  read(file: string): Promise<string | undefined> {
    let text = this.texts.get(file);
    if (!text) this.texts.set(file, (text = fs.readFile(file, 'utf8').catch(() => undefined)));
    return text;
  }
}

const FIRST_LINE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The object's own line in `text`: its `name:` under metadata, else the first line. */
function objectLine(text: string, node: RenderedNode): Range {
  return findInTemplate(text, ['metadata', 'name'], node.value, node.kind, true)?.range ?? FIRST_LINE;
}

function noteFor(match: TemplateMatch | undefined): string | undefined {
  return match ? undefined : 'no line of this file could be matched to the field, pointing at the object';
}

/** Helm: `file` is the template `# Source:` names; `values` the values files, lowest precedence first. */
export async function mapHelm(cache: TextCache, file: string, values: readonly string[], node: RenderedNode, chartFile: string): Promise<Mapped> {
  const text = await cache.read(file);
  // A packaged dependency (`charts/x-1.0.0.tgz`) has no template file to point at: its chart's Chart.yaml.
  if (text === undefined) {
    const dependency = path.basename(path.dirname(path.dirname(file)));
    const lines = (await cache.read(chartFile))?.split('\n') ?? [];
    const at = Math.max(0, entryLine(lines, dependency));
    const column = (lines[at] ?? '').search(/\S/) + 1 || 1;
    const range = { line: at + 1, column, endLine: at + 1, endColumn: Math.max((lines[at] ?? '').trimEnd().length + 1, column + 1) };
    return { filePath: chartFile, range, note: `from \`${dependency}\`, a packaged dependency` };
  }
  const match = findInTemplate(text, node.path, node.value, node.kind, node.key);
  const valuesPath = match?.valuesPath ?? (match?.include ? await includedValues(cache, file, match.include, match.rest ?? []) : undefined);
  const related = valuesPath ? await valuesLine(cache, values, valuesPath) : undefined;
  const range = match?.range ?? objectLine(text, node);
  return { filePath: file, range, ...(related ? { related: [related] } : {}), ...(noteFor(match) && !related ? { note: noteFor(match) } : {}) };
}

/** `include "name"`: the `.Values` path its `define` (in the chart's `templates/*.tpl`) reads. */
async function includedValues(cache: TextCache, template: string, name: string, rest: Path): Promise<Path | undefined> {
  let dir = path.dirname(template);
  while (path.basename(dir) !== 'templates' && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const helpers = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.tpl')).sort();
  for (const helper of helpers) {
    const text = await cache.read(path.join(dir, helper));
    const found = text === undefined ? undefined : valuesOfDefine(text, name);
    if (found) return [...found, ...rest];
  }
  return undefined;
}

/** The values file line that sets `valuesPath` (or its longest prefix), highest precedence first. */
export async function valuesLine(cache: TextCache, files: readonly string[], valuesPath: Path): Promise<RelatedLocation | undefined> {
  const { parseDocument, isMap, isSeq, isScalar, LineCounter } = await import('yaml');
  let best: { file: string; depth: number; offset: [number, number]; lines: InstanceType<typeof LineCounter> } | undefined;
  for (const file of [...files].reverse()) {
    const text = await cache.read(file);
    if (text === undefined) continue;
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, strict: false, uniqueKeys: false });
    let node: unknown = doc.contents;
    let keyRange: [number, number] | undefined;
    let depth = 0;
    for (const segment of valuesPath) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair || !isScalar(pair.key) || !pair.key.range) break;
        keyRange = [pair.key.range[0], pair.key.range[1]];
        const value = pair.value as { range?: [number, number, number] } | null;
        if (isScalar(pair.value) && value?.range) keyRange = [pair.key.range[0], value.range[1]];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment];
        const range = (node as { range?: [number, number] }).range;
        if (range) keyRange = [range[0], range[1]];
      } else break;
      depth++;
    }
    if (keyRange && (!best || depth > best.depth)) best = { file, depth, offset: keyRange, lines };
    if (depth === valuesPath.length) break;
  }
  if (!best) return undefined;
  const start = best.lines.linePos(best.offset[0]);
  const end = best.lines.linePos(best.offset[1]);
  const shown = valuesPath.slice(0, best.depth).join('.');
  return { filePath: best.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, message: `value \`${shown}\` set here` };
}

/**
 * Kustomize: `origin` is the file the object came from; `patches` the patch files of the
 * kustomizations that changed it, in order (the last one that writes the field wins).
 */
export async function mapKustomize(
  cache: TextCache,
  origin: string | undefined,
  patches: readonly string[],
  node: RenderedNode,
  fallback: string,
  /** Kustomizations and transformer configurations that changed the object, in order. */
  transformers: readonly string[] = [],
): Promise<Mapped> {
  for (const patch of [...patches].reverse()) {
    const text = await cache.read(patch);
    if (text === undefined || !text.includes(node.kind)) continue;
    const match = findInTemplate(text, node.path, node.value, node.kind, node.key);
    if (match?.complete && node.path.length > 0) return { filePath: patch, range: match.range };
  }
  const file = origin ?? fallback;
  const text = await cache.read(file);
  if (text === undefined) return { filePath: file, range: FIRST_LINE, note: 'the source file could not be read' };
  if (KUSTOMIZATION_FILES.includes(path.basename(file)) || /^apiVersion:\s*kustomize\.config\.k8s\.io\//m.test(text)) {
    // Generated (configMapGenerator, ...): the generator entry that names it, unless a transformer set the field.
    const set = await setByTransformer(cache, transformers, node.path);
    if (set) return set;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^\s*-?\s*name:\s*/.test(l) && node.name.startsWith(l.replace(/^\s*-?\s*name:\s*/, '').trim().replace(/^["']|["']$/g, '')));
    const line = at === -1 ? 0 : at;
    return { filePath: file, range: { line: line + 1, column: 1, endLine: line + 1, endColumn: lines[line].trimEnd().length + 1 }, note: 'generated by this kustomization' };
  }
  const match = findInTemplate(text, node.path, node.value, node.kind, node.key);
  if (!match?.complete) {
    const set = await setByTransformer(cache, transformers, node.path);
    if (set) return set;
  }
  return { filePath: file, range: match?.range ?? objectLine(text, node), ...(noteFor(match) ? { note: noteFor(match) } : {}) };
}

/**
 * Metadata a transformer adds (a label, an annotation, the namespace) is written in the
 * transformer's file or the kustomization that configures it, not in the resource: its key line there.
 */
async function setByTransformer(cache: TextCache, files: readonly string[], objectPath: Path): Promise<Mapped | undefined> {
  if (objectPath[0] !== 'metadata' || objectPath.length < 2) return undefined;
  const key = String(objectPath[objectPath.length - 1]);
  const pattern = new RegExp(`^(\\s*(?:-\\s+)?)(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2:(\\s|$)`);
  for (const file of [...files].reverse()) {
    const lines = (await cache.read(file))?.split('\n') ?? [];
    const at = lines.findIndex((line) => pattern.test(line));
    if (at === -1) continue;
    const column = pattern.exec(lines[at])![1].length + 1;
    return { filePath: file, range: { line: at + 1, column, endLine: at + 1, endColumn: lines[at].trimEnd().length + 1 } };
  }
  return undefined;
}
