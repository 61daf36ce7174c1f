import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/apply.js';
import type { LintMessage } from '../../src/model.js';

const message = (range: [number, number], text: string): LintMessage => ({
  ruleId: 'r', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, fix: { range, text },
});

describe('applyFixes', () => {
  it('applies fixes in order of their ranges, skipping one that overlaps an applied fix', () => {
    const out = applyFixes('abcdef', [message([4, 5], 'E'), message([0, 2], 'AB'), message([1, 3], 'x'), { ...message([0, 0], ''), fix: undefined }]);
    expect(out).toEqual({ output: 'ABcdEf', applied: 2 });
  });

  it('counts ranges after the byte-order mark and keeps it', () => {
    expect(applyFixes('\uFEFFa: yes', [message([3, 6], '"yes"')]).output).toBe('\uFEFFa: "yes"');
  });

  it('returns the text untouched without fixes, and ignores a range outside the text', () => {
    expect(applyFixes('a', [message([0, 9], 'b')])).toEqual({ output: 'a', applied: 0 });
  });
});
