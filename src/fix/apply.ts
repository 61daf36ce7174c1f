/**
 * Applies the fixes of a file's messages to its text, as ESLint's SourceCodeFixer does: in order
 * of their ranges, skipping any that overlaps one already applied (it is retried on the next pass,
 * against the new text). Ranges count from after the byte-order mark, which is kept.
 */
import type { LintMessage } from '../model.js';

export interface FixOutcome {
  readonly output: string;
  /** How many fixes were applied. */
  readonly applied: number;
}

const BOM = '\uFEFF';

export function applyFixes(text: string, messages: readonly LintMessage[]): FixOutcome {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const fixes = messages
    .flatMap((m) => (m.fix ? [m.fix] : []))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let last = -Infinity;
  let applied = 0;
  for (const fix of fixes) {
    const [start, end] = fix.range;
    if (start <= last || start < 0 || end > body.length) continue;
    output += body.slice(Math.max(0, last), start) + fix.text;
    last = end;
    applied++;
  }
  if (applied === 0) return { output: text, applied: 0 };
  return { output: bom + output + body.slice(last), applied };
}
