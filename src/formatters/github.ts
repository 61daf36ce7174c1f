/**
 * GitHub Actions output: workflow-command annotations (`::error file=…,line=…::message`), a plain
 * one-line-per-problem log, and a Markdown step summary.
 *
 * Limits and syntax, from GitHub's docs and actions/toolkit (packages/core): a step shows at most
 * 10 error, 10 warning and 10 notice annotations (docs/problem-matchers.md "Limitations"), the rest
 * are dropped silently, so we show errors first and end with one notice counting what was left
 * out. `col`/`endColumn` "cannot be sent when startLine and endLine are different values"
 * (core.ts AnnotationProperties). Escaping is toolkit's command.ts escapeData/escapeProperty.
 */
import type { LintMessage, LintResult } from '../model.js';
import { displayPath, STDIN_PATH, type FormatContext, type Formatter } from './index.js';

/** Annotations of one level GitHub shows per step. */
export const ANNOTATIONS_PER_LEVEL = 10;
/** Problems listed one by one in the step summary (GitHub caps a step summary at 1 MiB). */
export const SUMMARY_PROBLEMS = 50;

/** Escapes a workflow command's message. */
export const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Escapes a workflow command's property value. */
export const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

interface Problem {
  readonly file: string;
  readonly message: LintMessage;
}

function problemsOf(results: readonly LintResult[], cwd: string): Problem[] {
  return results.flatMap((result) => result.messages.map((message) => ({ file: displayPath(result.filePath, cwd), message })));
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const severityName = (message: LintMessage): 'error' | 'warning' => (message.severity === 2 ? 'error' : 'warning');

function annotation({ file, message }: Problem): string {
  const properties: Array<[string, string | number]> = [];
  if (file !== STDIN_PATH) {
    const endLine = Math.max(message.line, message.endLine || message.line);
    properties.push(['file', file], ['line', message.line], ['endLine', endLine]);
    if (endLine === message.line) {
      // GitHub's columns are inclusive; ours end one past the range (as in ESLint).
      properties.push(['col', message.column], ['endColumn', Math.max(message.column, message.endColumn - 1)]);
    }
  }
  properties.push(['title', message.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${severityName(message)} ${props}::${escapeData(message.message)}`;
}

/**
 * Annotation commands for every problem GitHub will show (10 errors, then 10 warnings) and a
 * notice counting the rest. Empty when there are no problems. Print on stdout in a GitHub step.
 */
export function githubAnnotations(results: readonly LintResult[], context: FormatContext): string {
  const problems = problemsOf(results, context.cwd);
  const errors = problems.filter((p) => p.message.severity === 2);
  const warnings = problems.filter((p) => p.message.severity !== 2);
  const shown = [...errors.slice(0, ANNOTATIONS_PER_LEVEL), ...warnings.slice(0, ANNOTATIONS_PER_LEVEL)];
  const lines = shown.map(annotation);
  const hidden = problems.length - shown.length;
  if (hidden > 0) {
    lines.push(`::notice title=k8s-lint::${plural(hidden, 'more problem')} not shown as annotations; see the job log`);
  }
  const baselined = suppressedNote(results);
  if (baselined) lines.push(`::notice title=k8s-lint::${escapeData(baselined)}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One line per problem, `file:line:column: severity message [rule-id]`, and a total. */
export function plainLog(results: readonly LintResult[], context: FormatContext): string {
  const problems = problemsOf(results, context.cwd);
  if (problems.length === 0) return '';
  const lines = problems.map(({ file, message: m }) => {
    const text = m.message.replace(/\r\n?|\n/g, ' ');
    // A line starting with `::` is a workflow command to the runner: keep file names from forming one.
    const shown = file.trimStart().startsWith('::') ? `./${file}` : file;
    return `${shown}:${m.line}:${m.column}: ${severityName(m)} ${text} [${m.ruleId}]`;
  });
  lines.push(`k8s-lint: ${totals(problems)}`);
  return `${lines.join('\n')}\n`;
}

/** `3 errors suppressed by the baseline (k8s-lint-suppressions.json)`, or '' when nothing is. */
export function suppressedNote(results: readonly LintResult[]): string {
  const suppressed = results.flatMap((r) => r.suppressedMessages ?? []);
  if (suppressed.length === 0) return '';
  const source = suppressed[0].suppressions[0]?.justification.replace(/^baselined in /, '');
  return `${plural(suppressed.length, 'error')} suppressed by the baseline${source ? ` (${source})` : ''}`;
}

function totals(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.message.severity === 2).length;
  return `${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')})`;
}

/** `-f github`: the annotations, then the plain log, so nothing is lost past GitHub's limits. */
const github: Formatter = (results, context) => githubAnnotations(results, context) + plainLog(results, context);

export default github;

// ---------------------------------------------------------------------------------------------
// Step summary

/**
 * The base of links to files at the commit under test, from a GitHub Actions environment
 * (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_SHA`), or undefined outside one.
 */
export function githubBlobUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (!server || !repository || !sha) return undefined;
  return `${server.replace(/\/+$/, '')}/${repository}/blob/${sha}`;
}

const escapeMarkdown = (text: string): string => text.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>|~]/g, '\\$&');

/** One table cell of inline Markdown: code spans kept (pipes escaped, as GFM tables need), the rest escaped. */
function cell(text: string): string {
  const parts = text.replace(/\r\n?|\n/g, ' ').split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(parts.join('`'));
  return parts.map((part, i) => (i % 2 === 0 ? escapeMarkdown(part) : `\`${part.replace(/\|/g, '\\|')}\``)).join('');
}

function code(text: string): string {
  const safe = text.replace(/`/g, "'").replace(/\|/g, '\\|');
  return `\`${safe}\``;
}

function locationCell({ file, message }: Problem, blobUrl: string | undefined): string {
  const label = code(`${file}:${message.line}`);
  const linkable = blobUrl && file !== STDIN_PATH && !file.startsWith('/') && !/^[A-Za-z]:\//.test(file);
  if (!linkable) return label;
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  const lines = message.endLine > message.line ? `L${message.line}-L${message.endLine}` : `L${message.line}`;
  return `[${label}](${blobUrl}/${encoded}#${lines})`;
}

/**
 * A Markdown summary for `$GITHUB_STEP_SUMMARY`: totals, problems per rule with links to the
 * rules' docs, and the first 50 problems with links to the lines (when `blobUrl` is given, see
 * githubBlobUrl).
 */
export function githubStepSummary(results: readonly LintResult[], context: FormatContext, options: { blobUrl?: string } = {}): string {
  const problems = problemsOf(results, context.cwd);
  const files = plural(results.length, 'file');
  const baselined = suppressedNote(results);
  const note = baselined ? `\n${cell(baselined)}.\n` : '';
  if (problems.length === 0) return `### k8s-lint\n\nNo problems in ${files}.\n${note}`;

  const docs = new Map(context.rules.map((rule) => [rule.id, rule.docsUrl]));
  const ruleLink = (id: string): string => (docs.has(id) ? `[${code(id)}](${docs.get(id)})` : code(id));
  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const { message } of problems) {
    const counts = byRule.get(message.ruleId) ?? { errors: 0, warnings: 0 };
    if (message.severity === 2) counts.errors += 1;
    else counts.warnings += 1;
    byRule.set(message.ruleId, counts);
  }
  const rules = [...byRule].sort(([a, x], [b, y]) => y.errors + y.warnings - (x.errors + x.warnings) || a.localeCompare(b));
  const withProblems = new Set(problems.map((p) => p.file)).size;

  const lines = [
    '### k8s-lint',
    '',
    `**${totals(problems)}** in ${withProblems} of ${files}.`,
    '',
    '| Rule | Errors | Warnings |',
    '| --- | ---: | ---: |',
    ...rules.map(([id, counts]) => `| ${ruleLink(id)} | ${counts.errors} | ${counts.warnings} |`),
    '',
    '| Location | Severity | Rule | Message |',
    '| --- | --- | --- | --- |',
    ...problems
      .slice(0, SUMMARY_PROBLEMS)
      .map((p) => `| ${locationCell(p, options.blobUrl)} | ${severityName(p.message)} | ${ruleLink(p.message.ruleId)} | ${cell(p.message.message)} |`),
  ];
  if (problems.length > SUMMARY_PROBLEMS) {
    lines.push('', `Showing the first ${SUMMARY_PROBLEMS} of ${problems.length} problems; see the job log for the rest.`);
  }
  return `${lines.join('\n')}\n${note}`;
}
