/**
 * Findings -> LSP diagnostics, and the code actions offered on them: the rule's safe fix and its
 * suggestions, all safe fixes of the document at once, and a suppression comment for the line
 * (`# k8s-lint-disable-next-line <id> -- <reason>`, added to an existing one above the line when
 * there is one) or for the whole YAML document. Pure functions over texts and positions.
 */
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, type CodeAction, type Diagnostic, type Range as LspRange, type TextEdit } from 'vscode-languageserver/node';
import { applyFixes } from '../fix/apply.js';
import type { LintMessage, Range, TextEdit as FixEdit } from '../model.js';
import { parseRuleList, scanComments, UNUSED_DIRECTIVE } from '../suppressions.js';
import { INTERNAL_ERROR } from '../runner.js';

export const SOURCE = 'k8s-lint';
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.k8s-lint`;
/** What the inserted comment says until the user writes the real reason. */
export const REASON_PLACEHOLDER = 'TODO: why this is safe';
const UNSUPPRESSIBLE = new Set([INTERNAL_ERROR, UNUSED_DIRECTIVE]);


export function lspRange(range: Range): LspRange {
  return {
    start: { line: range.line - 1, character: range.column - 1 },
    end: { line: range.endLine - 1, character: range.endColumn - 1 },
  };
}

/** `uriOf` names a file as the client knows it (the URI of an open document, else a file URL). */
export function toDiagnostic(message: LintMessage, docsUrl: (ruleId: string) => string | undefined, uriOf: (file: string) => string): Diagnostic {
  const href = docsUrl(message.ruleId);
  const tags = message.ruleId === UNUSED_DIRECTIVE ? [DiagnosticTag.Unnecessary] : message.ruleId === 'deprecated-api-version' ? [DiagnosticTag.Deprecated] : undefined;
  return {
    range: lspRange(message),
    severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: message.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: message.message,
    ...(tags ? { tags } : {}),
    ...(message.related?.length
      ? { relatedInformation: message.related.map((r) => ({ location: { uri: uriOf(r.filePath), range: lspRange(r) }, message: r.message })) }
      : {}),
  };
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Suppression actions for the k8s-lint diagnostics in `diagnostics`, on the document `text`. */
export function suppressionActions(uri: string, text: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const lines = text.split(/\r?\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const ruleId = diagnostic.source === SOURCE && typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (!ruleId || UNSUPPRESSIBLE.has(ruleId)) continue;
    const line = diagnostic.range.start.line;
    const key = `${ruleId}:${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push({
      title: `Disable ${ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [nextLineEdit(lines, line, ruleId, eol)] } },
    });
    actions.push({
      title: `Disable ${ruleId} for this YAML document`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [documentEdit(text, lines, line, ruleId, eol)] } },
    });
  }
  return actions;
}

/** The next-line comment above `line` (0-based), or `ruleId` added to the one already there. */
function nextLineEdit(lines: readonly string[], line: number, ruleId: string, eol: string): TextEdit {
  const previous = line > 0 ? lines[line - 1] : undefined;
  const existing = previous === undefined ? null : /^(\s*#\s*k8s-lint-disable-next-line)(\s+[^]*?)?(\s+--(?:\s[^]*)?)?$/.exec(previous);
  if (existing && parseRuleList(existing[2] ?? '').rules !== undefined) {
    const at = existing[1].length + (existing[2] ?? '').length;
    return { range: { start: { line: line - 1, character: at }, end: { line: line - 1, character: at } }, newText: `, ${ruleId}` };
  }
  const pad = /^\s*/.exec(lines[line] ?? '')![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${pad}# k8s-lint-disable-next-line ${ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

/** A `k8s-lint-disable` comment at the start of the YAML document holding `line` (0-based). */
function documentEdit(text: string, lines: readonly string[], line: number, ruleId: string, eol: string): TextEdit {
  const starts = scanComments(text).segmentStarts;
  let start = 1;
  for (const s of starts) if (s <= line + 1) start = s;
  // A document that opens with `---` (or a directive) gets the comment after that line.
  let at = start - 1;
  while (at < lines.length && /^(---|%)/.test(lines[at] ?? '')) at++;
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `# k8s-lint-disable ${ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

/** What code actions need of the document: its text as linted and offset -> position. */
export interface LintedDocument {
  getText(): string;
  positionAt(offset: number): { line: number; character: number };
}

function lspEdit(document: LintedDocument, edit: FixEdit): TextEdit {
  // Fix offsets count from after a byte-order mark; editors usually drop it, but not always.
  const shift = document.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  return { range: { start: document.positionAt(edit.range[0] + shift), end: document.positionAt(edit.range[1] + shift) }, newText: edit.text };
}

/**
 * The rule's safe fix (preferred) and suggestions for each k8s-lint diagnostic of `diagnostics`,
 * from the `messages` of the run that linted exactly this text; then "fix all" when several can.
 */
export function fixActions(uri: string, document: LintedDocument, diagnostics: readonly Diagnostic[], messages: readonly LintMessage[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const message = messages.find((m) => m.ruleId === diagnostic.code && m.message === diagnostic.message && sameRange(lspRange(m), diagnostic.range));
    if (message?.fix) {
      actions.push({ title: `Fix this ${message.ruleId} problem`, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [diagnostic], edit: { changes: { [uri]: [lspEdit(document, message.fix)] } } });
    }
    for (const suggestion of message?.suggestions ?? []) {
      actions.push({ title: suggestion.desc, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [lspEdit(document, suggestion.fix)] } } });
    }
  }
  const all = fixAllAction(uri, document, messages, CodeActionKind.QuickFix);
  if (all && messages.filter((m) => m.fix).length > 1) actions.push(all);
  return actions;
}

/** Every safe fix of the document in one edit (ESLint's order and overlap rules), if any applies. */
export function fixAllAction(uri: string, document: LintedDocument, messages: readonly LintMessage[], kind: string = FIX_ALL): CodeAction | undefined {
  const text = document.getText();
  const { output, applied } = applyFixes(text, messages);
  if (applied === 0) return undefined;
  const end = document.positionAt(text.length);
  return { title: 'Fix all safe k8s-lint problems', kind, edit: { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: output }] } } };
}

function sameRange(a: LspRange, b: LspRange): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
