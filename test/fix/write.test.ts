import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixes } from '../../src/fix/write.js';
import type { LintResult } from '../../src/model.js';

const result = (filePath: string, output?: string): LintResult => ({ filePath, messages: [], errorCount: 0, warningCount: 0, ...(output === undefined ? {} : { output }) });

describe('writeFixes', () => {
  it('writes only files with an output, and leaves a file alone that changed since it was linted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-write-'));
    const [a, b, c] = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => path.join(dir, f));
    for (const file of [a, b, c]) writeFileSync(file, 'x: yes\n');
    const linted = new Map([[a, 'x: yes\n'], [b, 'x: yes\n'], [c, 'x: on\n']]);
    const outcome = await writeFixes([result(a, 'x: "yes"\n'), result(b), result(c, 'x: "on"\n')], linted);
    expect(outcome).toEqual({ written: [a], skipped: [`${c} changed while it was linted; not fixed`] });
    expect([a, b, c].map((f) => readFileSync(f, 'utf8'))).toEqual(['x: "yes"\n', 'x: yes\n', 'x: yes\n']);
  });
});
