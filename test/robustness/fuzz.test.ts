/**
 * A bounded budget of the mutation fuzzer (scripts/fuzz/mutate.mjs; `npm run fuzz` runs the long
 * campaign): every mutant lints without an internal error, within time, with well-formed results;
 * a few go through the built CLI (exit 0 or 1, JSON that parses).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import { campaign, fixtureSeeds, mutant } from '../../scripts/fuzz/mutate.mjs';
import { ROOT } from '../helpers/test-rule.js';

const seeds = fixtureSeeds(ROOT);
const MUTANTS = 2000;

it(`lints ${MUTANTS} mutants of the fixtures without an internal error`, async () => {
  const failures: string[] = [];
  await campaign(lint, seeds, { seed: 7, to: MUTANTS, timeLimitMs: 10_000, onFailure: (m, reason) => failures.push(`mutant ${m.index} (${m.base}: ${m.steps.join(', ')}): ${reason}`) });
  expect(failures).toEqual([]);
}, 240_000);

it('exits 0 or 1 with JSON that parses for mutants through the built CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-fuzz-'));
  for (let i = 0; i < 6; i++) {
    const m = mutant(seeds, 7, i);
    const file = path.join(dir, `mutant-${i}.yaml`);
    writeFileSync(file, m.text);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/k8s-lint.js'), '-f', 'json', file], { encoding: 'utf8' });
    expect([0, 1], `${m.base}: ${m.steps.join(', ')}\n${run.stderr}`).toContain(run.status);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  }
}, 60_000);

it('lints the inputs long fuzz runs found crashing (fixtures/robustness) without an internal error', async () => {
  for (const seed of seeds.filter((s) => s.path.startsWith(path.join('fixtures', 'robustness')) && !s.path.endsWith('every-lookup.yaml'))) {
    const output = await lint([{ path: seed.path, text: seed.text }]);
    expect(output.results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'internal-error'), seed.path).toEqual([]);
  }
});
