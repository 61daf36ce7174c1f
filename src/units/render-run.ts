/**
 * The engine's side of rendering: renders the projects, adds the rendered documents to the run,
 * turns render failures into `yaml-syntax` findings at real lines, and moves each finding on
 * rendered output to its source line (`locate`).
 */
import { promises as fs } from 'node:fs';
import type { LoadIssue, ParsedDocument } from '../load.js';
import { loadFile } from '../load.js';
import type { LintMessage, Range, SourceFile } from '../model.js';
import { applyComments, mayHaveComments, type SuppressOptions } from '../suppressions.js';
import type { Finding } from '../runner.js';
import type { FoundProjects, RenderedFile, RenderSettings } from './index.js';
import { renderAll } from './render.js';
import { entryLine, type RelatedLocation } from './source-map.js';
import type { Tools } from './tools.js';

export interface Located {
  readonly file: SourceFile;
  readonly range: Range;
  readonly related?: RelatedLocation[];
  readonly note?: string;
}

export interface RenderedRun {
  isRendered(file: SourceFile): file is RenderedFile;
  /** The source line of a finding on rendered output; `reported` gains the file if it is new. */
  locate(finding: Finding, reported: SourceFile[]): Promise<Located>;
  /** Drops messages that a `k8s-lint-disable` comment at their values line suppresses. */
  suppressRelated(messages: LintMessage[], reported: SourceFile[], suppress: SuppressOptions): Promise<LintMessage[]>;
  /** Folds `message` into an equal one of `list` (a base several overlays share), naming both units. */
  merge(list: LintMessage[], message: LintMessage): boolean;
  /** Units that were not rendered, and why. */
  readonly notices: readonly string[];
  /** Files with render problems that were not among the linted files (a chart's templates). */
  readonly files: readonly SourceFile[];
}

/** `group/version` and `group/version/Kind` of every CustomResourceDefinition among `documents`. */
export function crdApiVersions(documents: readonly ParsedDocument[]): string[] {
  const out = new Set<string>();
  for (const { value } of documents) {
    const crd = value as { kind?: unknown; spec?: { group?: unknown; names?: { kind?: unknown }; versions?: unknown } } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || typeof crd.spec?.group !== 'string') continue;
    for (const version of Array.isArray(crd.spec.versions) ? crd.spec.versions : []) {
      const name = (version as { name?: unknown })?.name;
      if (typeof name !== 'string') continue;
      out.add(`${crd.spec.group}/${name}`);
      if (typeof crd.spec.names?.kind === 'string') out.add(`${crd.spec.group}/${name}/${crd.spec.names.kind}`);
    }
  }
  return [...out].sort();
}

async function sourceOf(path: string, reported: SourceFile[]): Promise<SourceFile> {
  const known = reported.find((f) => f.path === path && !f.contextOnly);
  if (known) return known;
  const file: SourceFile = { path, text: await fs.readFile(path, 'utf8').catch(() => '') };
  reported.push(file);
  return file;
}

const MESSAGES: Record<string, string> = {
  template: 'Helm cannot render the chart: {{reason}}',
  dependency: 'Chart dependency `{{dependency}}` (version `{{version}}`) is neither in `charts/` nor a chart of the linted tree: run `helm dependency build` for chart `{{chart}}`',
  render: '`{{tool}}` failed: {{reason}}',
};

export async function renderInto(
  projects: FoundProjects,
  documents: ParsedDocument[],
  issues: LoadIssue[],
  settings: RenderSettings & { tools: Tools; cwd: string; kubeVersion: string; defaultNamespace: string; files: readonly SourceFile[] },
): Promise<RenderedRun> {
  const rendered = await renderAll({
    projects,
    tools: settings.tools,
    cwd: settings.cwd,
    kubeVersion: settings.kubeVersion,
    defaultNamespace: settings.defaultNamespace,
    apiVersions: crdApiVersions(documents),
    charts: settings.charts,
    enableHelm: settings.enableHelm,
  });
  const known = [...settings.files];
  for (const problem of rendered.problems) {
    const file = await sourceOf(problem.file, known);
    const lines = file.text.split('\n');
    let line = Math.min(Math.max(problem.line, 1), Math.max(lines.length, 1));
    if (problem.needle) {
      const at = entryLine(lines, problem.needle);
      if (at !== -1) line = at + 1;
    }
    const text = lines[line - 1] ?? '';
    const indent = text.length - text.trimStart().length + 1;
    const column = problem.column !== undefined && problem.column <= text.length ? problem.column : indent;
    const reason = MESSAGES[problem.messageId].replace(/\{\{(\w+)\}\}/g, (_, key: string) => problem.data[key] ?? '');
    issues.push({ file, messageId: 'render', data: { unit: problem.unit, reason }, line, column, endLine: line, endColumn: Math.max(text.trimEnd().length + 1, column + 1) });
  }
  for (const file of rendered.files) {
    const loaded = loadFile(file);
    documents.push(...loaded.documents);
    issues.push(...loaded.issues);
  }
  const isRendered = (file: SourceFile): file is RenderedFile => rendered.files.includes(file as RenderedFile);
  return {
    isRendered,
    files: known.slice(settings.files.length),
    notices: rendered.notices,
    merge: mergeUnits,
    async suppressRelated(messages, reported, suppress) {
      if (!suppress.inlineConfig) return messages;
      const kept: LintMessage[] = [];
      for (const message of messages) {
        const related = message.related?.[0];
        const file = related && (await sourceOf(related.filePath, reported));
        const at = related && { ...message, line: related.line, column: related.column, endLine: related.endLine, endColumn: related.endColumn };
        if (!file || !at || !mayHaveComments(file.text) || applyComments(file.text, [at], { ...suppress, reportUnused: false }).length > 0) kept.push(message);
      }
      return kept;
    },
    async locate(finding, reported) {
      const file = finding.file as RenderedFile;
      const target = finding.target;
      const docIndex = finding.node?.docIndex ?? 0;
      const base = target?.basePath.length ?? 0;
      const mapped = await rendered.map(file, docIndex, {
        kind: target?.kind ?? '',
        name: target?.name ?? '',
        value: target?.value,
        path: finding.node?.path.slice(base) ?? [],
        key: finding.node?.key === true,
      });
      return { ...mapped, file: await sourceOf(mapped.filePath, reported) };
    },
  };
}

/** A base or template shared by several units gives one message naming them all. */
function mergeUnits(list: LintMessage[], message: LintMessage): boolean {
  const same = (m: LintMessage) => m.line === message.line && m.column === message.column && m.ruleId === message.ruleId && m.message === message.message;
  const i = list.findIndex(same);
  if (i === -1) return false;
  const units = new Set([...(list[i].unit?.split(', ') ?? []), ...(message.unit ? [message.unit] : [])]);
  list[i] = { ...list[i], ...(units.size > 0 ? { unit: [...units].sort().join(', ') } : {}) };
  return true;
}
