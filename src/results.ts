/**
 * Findings -> results: positions resolved, fixes and related
 * places resolved to text, rendered findings moved to their sources, comment directives applied,
 * sorted by file, line, column and rule id. A failure in one file (composing its YAML for positions,
 * scanning its comments) becomes an `internal-error` finding on that file; the others are unaffected.
 */
import type { LintMessage, LintResult, Range, SourceFile } from './model.js';
import type { KeptFiles } from './positions.js';
import { INTERNAL_ERROR, internalFinding, type Finding } from './runner.js';
import { applyComments, mayHaveComments, type SuppressOptions } from './suppressions.js';
import type { RenderedRun } from './units/render-run.js';

const FILE_START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export interface ResultOptions {
  readonly suppress: SuppressOptions;
  /** Rendered units: findings move to their sources; `showUnits` names the unit in each message. */
  readonly units: { readonly rendered?: RenderedRun; readonly showUnits: boolean };
  /** Resolve fixes and suggestions to text edits. */
  readonly resolveFixes: boolean;
  /** Collects the messages that carry a safe fix. */
  readonly withFix: Set<LintMessage>;
  /** Resolve the places rules name as related to a finding. */
  readonly withRelated: boolean;
}

export async function toResults(
  files: readonly SourceFile[],
  findings: readonly Finding[],
  { suppress, units, resolveFixes, withFix, withRelated }: ResultOptions,
): Promise<LintResult[]> {
  const byFile = new Map<SourceFile, LintMessage[]>();
  // Positions are loaded only when something is reported (and yaml only for what the light locator declines).
  const located = findings.filter((f) => !f.range && f.node);
  const nodes = located.map((f) => f.node!);
  const relatedNodes = withRelated ? located.flatMap((f) => (f.related ?? []).map((r) => r.node)) : [];
  // Fix text reuses the light trees and composed documents positions made: only for findings that carry a fix.
  const fixable = resolveFixes ? findings.filter((f) => f.fix || f.suggestions) : [];
  const kept: KeptFiles = { files: new Set(fixable.map((f) => f.file)), scanned: new Map(), composed: new Map() };
  const { ranges: resolved, failures } = nodes.length > 0
    ? await (await import('./positions.js')).resolveAll([...nodes, ...relatedNodes], kept)
    : { ranges: [], failures: new Map<SourceFile, unknown>() };
  const rangeOf = new Map(located.map((f, i) => [f, resolved[i]]));
  const relatedOf = new Map<Finding, Array<Range & { filePath: string; message: string }>>();
  let next = nodes.length;
  for (const finding of withRelated ? located : []) {
    if (!finding.related) continue;
    const places = finding.related.map((r) => ({ filePath: r.node.file.path, message: r.message, range: resolved[next++] }));
    relatedOf.set(finding, places.flatMap(({ range, ...place }) => (range ? [{ ...place, ...range }] : [])));
  }
  const reported = [...files];
  const fixes = fixable.length > 0 ? await (await import('./fix/fixes.js')).resolveFixes(fixable, kept.composed, kept.scanned) : undefined;
  for (const finding of findings) {
    let range: Range = finding.range ?? rangeOf.get(finding) ?? FILE_START;
    let file = finding.file;
    const related = relatedOf.get(finding);
    let message: LintMessage = {
      ...toMessage(finding, range),
      ...(finding.unit && units.showUnits ? { unit: finding.unit } : {}),
      ...(related ? { related } : {}),
      // A fix edits the text it was found in: never a rendered file, which is nobody's source.
      ...(units.rendered?.isRendered(file) ? {} : fixes?.get(finding)),
    };
    if (finding.fix && !units.rendered?.isRendered(file)) withFix.add(message);
    // A finding on rendered output moves to the template, values, resource or patch line.
    if (units.rendered?.isRendered(file)) {
      const mapped = await units.rendered.locate(finding, reported);
      ({ file, range } = mapped);
      message = { ...message, ...range, message: mapped.note ? `${message.message} (${mapped.note})` : message.message, ...(mapped.related ? { related: [...(message.related ?? []), ...mapped.related] } : {}) };
    }
    const list = byFile.get(file);
    if (!list) byFile.set(file, [message]);
    else if (!units.rendered?.merge(list, message)) list.push(message);
  }
  for (const [file, error] of failures) {
    const message = toMessage(internalFinding('locating findings in', error, file), FILE_START);
    const list = byFile.get(file);
    if (list) list.push(message);
    else byFile.set(file, [message]);
  }
  if (units.rendered) for (const [file, messages] of byFile) byFile.set(file, await units.rendered.suppressRelated(messages, reported, suppress));
  // Comment directives and Helm sources: scanned only in files that have findings and may hold them.
  const scanAll = suppress.inlineConfig && suppress.reportUnused;
  for (const file of reported) {
    const messages = byFile.get(file);
    if (file.contextOnly || (!messages && !scanAll) || !mayHaveComments(file.text)) continue;
    try {
      byFile.set(file, applyComments(file.text, messages ?? [], suppress));
    } catch (error) {
      byFile.set(file, [...(messages ?? []), toMessage(internalFinding('reading the comments of', error, file), FILE_START)]);
    }
  }
  return reported.filter((file) => !file.contextOnly).map((file) => {
    const messages = (byFile.get(file) ?? []).sort(
      (a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
    );
    return {
      filePath: file.path,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    };
  });
}

function toMessage(finding: Finding, range: Range): LintMessage {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    ...(finding.resource ? { resource: finding.resource } : {}),
  };
}

export function hasInternalError(results: readonly LintResult[]): boolean {
  return results.some((result) => result.messages.some((m) => m.ruleId === INTERNAL_ERROR));
}
