/** The command line with and without helm and kubectl on PATH. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';
import { hasShared } from '../helpers/shared.js';
import { copyOf, edit, SHARED, TOOLS } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const CHARTS = path.join(ROOT, 'fixtures', 'e2e', 'repo-charts');
const NO_TOOLS = mkdtempSync(path.join(tmpdir(), 'k8s-lint-no-tools-'));

function run(args: string[], cwd: string, searchPath: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PATH: searchPath, NO_COLOR: '1', GITHUB_ACTIONS: '', CI: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rendering from the command line', () => {
  it('without helm: one notice for all the charts, or a usage error under --render=require', { timeout: 60_000 }, () => {
    const skipped = run(['-f', 'json', '.'], CHARTS, NO_TOOLS);
    expect(skipped.stderr).toMatch(/^k8s-lint: 4 Helm charts skipped: helm is not on PATH \(install it to render them, or pipe the rendered output to `k8s-lint -`\); Helm chart charts\/app: /);
    expect(skipped.stderr.trim().split('\n')).toHaveLength(1);
    const required = run(['--render=require', '.'], CHARTS, NO_TOOLS);
    expect(required.code).toBe(2);
    expect(required.stderr).toContain('k8s-lint: --render=require: helm is not on PATH, and 4 Helm charts need it to render (charts/app, charts/common, charts/failing)');
    expect(run(['--render=off', '-f', 'json', '.'], CHARTS, TOOLS).stdout).not.toContain('yaml-syntax');
    expect(run(['--render=maybe', '.'], CHARTS, TOOLS).stderr).toContain("--render expects auto, require or off, got 'maybe'");
  });

  it.runIf(hasShared('real-repos/podinfo'))('renders the values sets and release the configuration names, and says which unit a finding is in', () => {
    const dir = copyOf(path.join(SHARED, 'podinfo'));
    writeFileSync(path.join(dir, '.k8s-lint.yaml'), 'render: require\nunits:\n  - chart: charts/podinfo\n    values: [values-prod.yaml]\n    release: web\n    namespace: prod\n');
    const json = run(['-f', 'json', '.'], dir, TOOLS);
    expect(json.code).toBe(0);
    const messages = (JSON.parse(json.stdout) as Array<{ messages: Array<{ unit?: string; related?: unknown[] }> }>).flatMap((r) => r.messages);
    expect(new Set(messages.map((m) => m.unit))).toContain('charts/podinfo (values-prod.yaml)');
  }, 60_000);

  it('prints the values line beside a finding on rendered output (stylish, SARIF)', () => {
    const dir = copyOf(CHARTS);
    edit(path.join(dir, 'charts/app/values.yaml'), '  port: 80', '  port: 80800');
    const stylish = run(['.'], dir, TOOLS);
    expect(stylish.stdout).toMatch(/\n {10}↳ value `?service\.port`? set here: charts\/app\/values\.yaml:6:3/);
    expect(stylish.stdout).toContain('Unit charts/app:');
    const sarif = JSON.parse(run(['-f', 'sarif', '.'], dir, TOOLS).stdout) as { runs: Array<{ results: Array<{ relatedLocations?: unknown[] }> }> };
    expect(sarif.runs[0].results.flatMap((r) => r.relatedLocations ?? [])).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'charts/app/values.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 3, endLine: 6, endColumn: 14 } }, message: { text: 'value `service.port` set here' } },
    ]);
  }, 60_000);
});
