/**
 * Terminal output through eslint-formatter-pretty, with every rule id linked to its docs.
 * Colour is decided by the CLI (FORCE_COLOR) before this module loads. A run of several deploy
 * units prints each unit's findings under its name; a values line behind a finding on rendered
 * output follows its message.
 */
import pretty from 'eslint-formatter-pretty';
import type { LintMessage, LintResult } from '../model.js';
import { displayPath, type Formatter } from './index.js';

const stylish: Formatter = (results, context) => {
  const rulesMeta = Object.fromEntries(context.rules.map((rule) => [rule.id, { docs: { url: rule.docsUrl } }]));
  const withRelated = (m: LintMessage): LintMessage => (m.related?.length
    ? { ...m, message: `${m.message}\n${m.related.map((r) => `          ↳ ${r.message}: ${displayPath(r.filePath, context.cwd)}:${r.line}:${r.column}`).join('\n')}` }
    : m);
  // The formatter sorts in place: give it copies.
  const format = (list: readonly LintResult[]) => pretty(list.map((result) => ({ ...result, messages: result.messages.map(withRelated) })) as never, { rulesMeta } as never);
  const units = [...new Set(results.flatMap((r) => r.messages.map((m) => m.unit ?? '')))];
  const text = units.length <= 1
    ? format(results)
    : units.map((unit) => {
      const part = results
        .map((r) => ({ ...r, messages: r.messages.filter((m) => (m.unit ?? '') === unit) }))
        .filter((r) => r.messages.length > 0)
        .map((r) => ({ ...r, errorCount: r.messages.filter((m) => m.severity === 2).length, warningCount: r.messages.filter((m) => m.severity === 1).length }));
      return `${unit === '' ? 'Other files' : `Unit ${unit}`}:\n${format(part)}`;
    }).join('\n\n');
  return text === '' ? '' : `${text}\n`;
};

export default stylish;
