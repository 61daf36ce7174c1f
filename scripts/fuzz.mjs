// `npm run fuzz [-- --count 50000 --seed 1 --from 0 --only 123 --cli 50 --out DIR]`: the long run of
// the mutation fuzzer (scripts/fuzz/mutate.mjs) over the built engine, then a few mutants through
// the built CLI in every output format. Prints each failure (and saves its text under --out) and
// the peak RSS; exits 1 when anything failed. `npm test` runs a bounded budget of the same mutants.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaign, checkMutant, fixtureSeeds, mutant } from './fuzz/mutate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const count = Number(option('count', process.env.FUZZ_COUNT ?? '50000'));
const seed = Number(option('seed', process.env.FUZZ_SEED ?? '1'));
const from = Number(option('from', '0'));
const only = option('only', undefined);
const cliCount = Number(option('cli', '40'));
const out = option('out', mkdtempSync(path.join(tmpdir(), 'k8s-lint-fuzz-')));
const rssLimitMb = Number(option('rss-limit', '1024'));

const { lint } = await import(path.join(root, 'dist/engine.js'));
const seeds = fixtureSeeds(root);
let failed = 0;
const report = (m, reason) => {
  failed++;
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `mutant-${seed}-${m.index}.yaml`);
  writeFileSync(file, m.text);
  console.log(`FAIL seed ${seed} mutant ${m.index} (${m.base}: ${m.steps.join(', ')}): ${reason.slice(0, 2000)}\n  saved as ${file}`);
};

const started = performance.now();
if (only !== undefined) {
  const m = mutant(seeds, seed, Number(only));
  const reason = await checkMutant(lint, m);
  if (reason) report(m, reason);
  else console.log(`mutant ${only} passes (${m.base}: ${m.steps.join(', ')})`);
} else {
  console.log(`fuzzing ${count} mutants of ${seeds.length} fixtures, seed ${seed}, from ${from}`);
  await campaign(lint, seeds, {
    seed, from, to: from + count, onFailure: report,
    onProgress: (n) => {
      const rss = process.memoryUsage().rss / 2 ** 20;
      if (n % 10000 === 0) console.log(`  ${n} mutants, ${failed} failures, ${Math.round((performance.now() - started) / 1000)} s, rss ${Math.round(rss)} MB`);
      if (rss > rssLimitMb) report({ index: n, base: '-', steps: [], text: '' }, `rss ${Math.round(rss)} MB over ${rssLimitMb} MB`);
    },
  });
  // A few mutants through the built CLI, in every format: exit 0 or 1, and JSON that parses.
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-fuzz-cli-'));
  const formats = ['json', 'stylish', 'sarif', 'junit', 'github'];
  for (let k = 0; k < cliCount; k++) {
    const m = mutant(seeds, seed, from + k);
    const file = path.join(dir, `mutant-${k}.yaml`);
    writeFileSync(file, m.text);
    const format = formats[k % formats.length];
    const run = spawnSync(process.execPath, [path.join(root, 'bin/k8s-lint.js'), '-f', format, file], { encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0 && run.status !== 1) report(m, `CLI (-f ${format}) exited ${run.status}: ${run.stderr}`);
    else if (format === 'json' || format === 'sarif') {
      try {
        JSON.parse(run.stdout);
      } catch (error) {
        report(m, `CLI -f ${format} printed invalid JSON: ${error}`);
      }
    }
  }
}
const seconds = Math.round((performance.now() - started) / 1000);
const peak = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`${only !== undefined ? 1 : count} mutants (+${only !== undefined ? 0 : cliCount} through the CLI), ${failed} failures, ${seconds} s, peak RSS ${peak} MB`);
process.exitCode = failed > 0 ? 1 : 0;
