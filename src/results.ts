/**
 * Findings -> results: positions resolved, comment directives applied, sorted by file, line,
 * column and rule id. A failure in one file (composing its YAML for positions, scanning its
 * comments) becomes an `internal-error` finding on that file; the others are unaffected.
 */
import type { LintMessage, LintResult, Range, SourceFile } from './model.js';
import { INTERNAL_ERROR, internalFinding, type Finding } from './runner.js';
import { applyComments, mayHaveComments, type SuppressOptions } from './suppressions.js';

const FILE_START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

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

export async function toResults(
  files: readonly SourceFile[],
  findings: readonly Finding[],
  suppress: SuppressOptions,
  workers: boolean,
): Promise<LintResult[]> {
  const byFile = new Map<SourceFile, LintMessage[]>();
  const add = (file: SourceFile, message: LintMessage) => {
    const list = byFile.get(file);
    if (list) list.push(message);
    else byFile.set(file, [message]);
  };
  // Positions need yaml's document API: loaded only when something is reported.
  const located = findings.filter((f) => !f.range && f.node);
  const { ranges, failures } = located.length > 0
    ? await (await import('./position-pool.js')).resolveAll(located.map((f) => f.node!), workers)
    : { ranges: [], failures: new Map<SourceFile, unknown>() };
  let next = 0;
  for (const finding of findings) {
    const range = finding.range ?? (finding.node ? ranges[next++] : undefined) ?? FILE_START;
    add(finding.file, toMessage(finding, range));
  }
  for (const [file, error] of failures) add(file, toMessage(internalFinding('locating findings in', error, file), FILE_START));
  // Comment directives and Helm sources: scanned only in files that have findings and may hold them.
  const scanAll = suppress.inlineConfig && suppress.reportUnused;
  for (const file of files) {
    const messages = byFile.get(file);
    if (file.contextOnly || (!messages && !scanAll) || !mayHaveComments(file.text)) continue;
    try {
      byFile.set(file, applyComments(file.text, messages ?? [], suppress));
    } catch (error) {
      add(file, toMessage(internalFinding('reading the comments of', error, file), FILE_START));
    }
  }
  return files.filter((file) => !file.contextOnly).map((file) => {
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

export function hasInternalError(results: readonly LintResult[]): boolean {
  return results.some((result) => result.messages.some((m) => m.ruleId === INTERNAL_ERROR));
}
