/**
 * Small versions of `npm run stress` (scripts/stress.mjs): deep nesting, many empty documents, every
 * input of the YAML test suite, and a large file read from disk in pieces. Each ends with a finding
 * or a clean result, never an internal error or a crash.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import { SHARED_ROOT, hasShared } from '../helpers/shared.js';
import { ROOT } from '../helpers/test-rule.js';

async function messages(text: string, name = 'input.yaml') {
  const output = await lint([{ path: name, text }]);
  expect(output.errors).toEqual([]);
  return output.results.flatMap((r) => r.messages);
}

describe('large and deep inputs', () => {
  it('reports a 20,000-deep flow sequence as too deep', async () => {
    for (const text of [`a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, `${'['.repeat(20000)}${']'.repeat(20000)}`, `a: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}`]) {
      const found = await messages(text);
      expect(found.map((m) => [m.ruleId, m.message])).toEqual([['yaml-syntax', expect.stringMatching(/^Nesting deeper than 1000 levels/)]]);
    }
  });

  it('reads nesting up to the limit, and aliases that nest deeper are refused', async () => {
    expect(await messages(`a: ${'['.repeat(900)}${']'.repeat(900)}\n`)).toEqual([]);
    const chain = Array.from({ length: 4 }, (_, i) => `l${i}: &l${i} ${'['.repeat(400)}${i === 0 ? '1' : `*l${i - 1}`}${']'.repeat(400)}`).join('\n');
    expect((await messages(chain)).map((m) => m.ruleId)).toEqual(['yaml-syntax']);
  });

  it('lints 20,000 empty documents', async () => {
    expect(await messages('---\n'.repeat(20000))).toEqual([]);
  });

  it('reads a large file from disk in pieces, with positions and findings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-large-'));
    const docs = Array.from({ length: 40000 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${i === 31234 ? 'Bad_Name' : `c-${i}`}\n`);
    const file = path.join(dir, 'many.yaml');
    writeFileSync(file, docs.join(''));
    const output = await lint([{ path: file }]);
    const found = output.results.flatMap((r) => r.messages);
    expect(found.map((m) => [m.ruleId, m.line, m.column])).toEqual([['invalid-object-name', 31234 * 5 + 5, 9]]);
  });
});

const SUITE = path.join(SHARED_ROOT, 'yaml-test-suite', 'cases');

describe.runIf(hasShared('yaml-test-suite/cases'))('the YAML test suite', () => {
  it('gives every input a clean result or a yaml-syntax finding', async () => {
    const bad: string[] = [];
    for (const name of readdirSync(SUITE).sort()) {
      const text = readFileSync(path.join(SUITE, name, 'in.yaml'), 'utf8');
      const started = performance.now();
      const output = await lint([{ path: `${name}.yaml`, text }]);
      const crashed = output.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'internal-error');
      if (output.errors.length > 0 || crashed.length > 0 || performance.now() - started > 5000) bad.push(`${name}: ${[...output.errors, ...crashed.map((m) => m.message)].join('; ')}`);
    }
    expect(bad).toEqual([]);
  }, 120_000);
});
