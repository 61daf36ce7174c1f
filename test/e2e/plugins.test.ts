/** The example plugin (fixtures/plugins/) and CEL custom rules through the built CLI: findings, flags, formats and errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const PROJECT = path.join(ROOT, 'fixtures', 'plugins', 'project');

function run(args: string[], cwd = PROJECT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  messages: Array<{ ruleId: string; severity: number; line: number }>;
}

describe('plugins through the CLI', { timeout: 30_000 }, () => {
  it('reports the plugin rules with their prefixed ids and the configured severities', () => {
    const result = run(['-f', 'json', 'manifests']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const messages = (JSON.parse(result.stdout) as JsonResult[]).flatMap((r) => r.messages);
    expect(messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([
      ['acme/require-team-label', 2, 5],
      ['acme/team-label-mismatch', 2, 47],
    ]);
  });

  it('takes plugin rule ids in --rule, lists them, and links their docs in SARIF', () => {
    const off = run(['-f', 'json', '--rule', 'acme/require-team-label:off', '--rule', 'acme/team-label-mismatch:warn', 'manifests']);
    expect(off.code).toBe(0);
    expect((JSON.parse(off.stdout) as JsonResult[]).flatMap((r) => r.messages).map((m) => [m.ruleId, m.severity])).toEqual([['acme/team-label-mismatch', 1]]);
    expect(run(['--list-rules']).stdout).toMatch(/^acme\/team-label-mismatch +error \(default warn\) +Service whose `team` label/m);
    const sarif = JSON.parse(run(['-f', 'sarif', 'manifests']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }> };
    expect(sarif.runs[0].tool.driver.rules.find((r) => r.id === 'acme/require-team-label')?.helpUri).toBe('https://github.com/k8s-lint/k8s-lint/tree/main/fixtures/plugins/acme');
  });

  it('reports the CEL custom rules of fixtures/custom-rules, and a compile error as a usage error', () => {
    const cwd = path.join(ROOT, 'fixtures', 'custom-rules');
    const result = run(['-f', 'json', 'manifests'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const messages = (JSON.parse(result.stdout) as JsonResult[]).flatMap((r) => r.messages);
    expect(messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([
      ['custom/min-replicas', 2, 9],
      ['custom/unused-configmap', 1, 37],
      ['custom/team-label', 2, 39],
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-cel-e2e-'));
    try {
      writeFileSync(path.join(dir, '.k8s-lint.yaml'), 'customRules:\n  - id: x\n    severity: warn\n    expression: object.spec.replicas >\n    message: m\n');
      writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
      const bad = run(['a.yaml'], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^k8s-lint: \.k8s-lint\.yaml:4:17: `customRules\[0\]\.expression`: does not compile: [^\n]+\nRun 'k8s-lint --help' for usage\.\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the plugin, without a stack trace, when a plugin cannot be loaded', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-plugin-e2e-'));
    try {
      writeFileSync(path.join(dir, 'broken.mjs'), 'export default { name: "broken", rules: [ { id: "x" } ] };\n');
      writeFileSync(path.join(dir, '.k8s-lint.yaml'), 'plugins:\n  - ./broken.mjs\n');
      writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
      const result = run(['a.yaml'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "k8s-lint: .k8s-lint.yaml:2:5: `plugins[0]`: plugin `./broken.mjs`: rule `x` needs a `severity` of `warn` or `error`\nRun 'k8s-lint --help' for usage.\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
