// `npm run stress`: the large inputs of issue 8 through the built CLI, each in a fresh process:
// a 100 MB file of 1.6 million small objects (`--max-file-size 200M`), the same with a finding
// every 1000 objects, a 200,000-deep flow sequence and 200,000 empty documents. Each must exit 0 or
// 1 with JSON that parses, within 512 MB peak RSS. Prints exit code, time and peak RSS per input.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT_MB = 512;

if (process.argv[2] === '--child') {
  // One CLI run in this process, stdout counted rather than kept; then exit code and peak RSS.
  const { main } = await import(path.join(root, 'dist/cli.js'));
  let json = '';
  const code = await main({
    argv: process.argv.slice(3), env: {}, cwd: process.cwd(),
    stdout: { write: (text) => { json += text; } }, stderr: { write: (text) => process.stderr.write(text) },
    readStdin: async () => '',
  });
  let findings;
  try {
    findings = JSON.parse(json).reduce((n, r) => n + r.messages.length, 0);
  } catch {
    findings = 'invalid JSON';
  }
  console.log(JSON.stringify({ code, findings, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-stress-'));
const many = (bad) => {
  const parts = [];
  for (let i = 0; i < 1_600_000; i++) parts.push(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${bad && i % 1000 === 7 ? `C_${i}` : `c-${i}`}\n`);
  return parts.join('');
};
const inputs = [
  ['1.6M objects, 100 MB', 'many.yaml', () => many(false)],
  ['1.6M objects, 100 MB, 1,600 findings', 'many-findings.yaml', () => many(true)],
  ['200,000-deep flow sequence', 'deep.yaml', () => `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`],
  ['200,000 empty documents', 'empty.yaml', () => '---\n'.repeat(200_000)],
];
let failed = 0;
for (const [label, name, make] of inputs) {
  const file = path.join(dir, name);
  writeFileSync(file, make());
  const started = performance.now();
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '-f', 'json', '--max-file-size', '200M', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  rmSync(file);
  let result;
  try {
    result = JSON.parse(child.stdout.trim().split('\n').at(-1));
  } catch {
    result = { code: `crashed (${child.status})`, findings: '-', maxRssMb: NaN };
  }
  const ok = (result.code === 0 || result.code === 1) && typeof result.findings === 'number' && result.maxRssMb <= LIMIT_MB;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: exit ${result.code}, ${result.findings} findings, ${seconds} s, peak RSS ${Math.round(result.maxRssMb)} MB${child.stderr ? `\n     ${child.stderr.trim().slice(0, 500)}` : ''}`);
}
rmSync(dir, { recursive: true, force: true });
process.exitCode = failed > 0 ? 1 : 0;
