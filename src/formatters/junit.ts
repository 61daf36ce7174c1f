/**
 * JUnit XML for CI systems that show test reports (GitLab `artifacts:reports:junit`, Jenkins
 * `junit`, Azure Pipelines, CircleCI). One testsuite `k8s-lint`, one testcase per linted file:
 * a file with errors fails (one `<failure>` listing all its problems, since the common readers take
 * a single failure per testcase), a file with only warnings passes with them in `<system-out>`,
 * as the exit code does. `classname` has no dot: Jenkins splits it at the last dot into package
 * and class, which would cut `deploy.yaml` in two.
 */
import type { LintMessage } from '../model.js';
import { displayPath, type Formatter } from './index.js';

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const severityName = (message: LintMessage): string => (message.severity === 2 ? 'error' : 'warning');

const junit: Formatter = (results, context) => {
  const lines = (file: string, messages: readonly LintMessage[]): string =>
    messages.map((m) => `${file}:${m.line}:${m.column} ${severityName(m)} ${m.ruleId} ${m.message}`).join('\n');

  const cases = results.map((result) => {
    const file = displayPath(result.filePath, context.cwd);
    const open = `    <testcase classname="k8s-lint" name="${escapeXmlAttribute(file)}" file="${escapeXmlAttribute(file)}" time="0"`;
    if (result.messages.length === 0) return `${open} />`;
    if (result.errorCount === 0) {
      return `${open}>\n      <system-out>${escapeXmlText(lines(file, result.messages))}</system-out>\n    </testcase>`;
    }
    const first = result.messages.find((m) => m.severity === 2)!;
    const summary = `${plural(result.messages.length, 'problem')} (${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')}): ${first.message}`;
    return [
      `${open}>`,
      `      <failure message="${escapeXmlAttribute(summary)}" type="${escapeXmlAttribute(first.ruleId)}">${escapeXmlText(lines(file, result.messages))}</failure>`,
      '    </testcase>',
    ].join('\n');
  });

  const tests = results.length;
  const failures = results.filter((r) => r.errorCount > 0).length;
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="0" time="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="k8s-lint" ${counts}>`,
    `  <testsuite name="k8s-lint" ${counts}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

export default junit;
