/** The baseline workflow through the built CLI: --suppress-all, later runs, --prune-suppressions, formats. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function shop(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-baseline-'));
  cpSync(path.join(ROOT, 'fixtures', 'examples', 'shop'), path.join(dir, 'shop'), { recursive: true });
  return dir;
}

const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

describe('baseline (bulk suppressions)', { timeout: 30_000 }, () => {
  it('records every error, then reports only new findings, stable under unrelated edits and line shifts', () => {
    const dir = shop();
    const recorded = run(['--suppress-all', 'shop'], dir);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toBe('');
    const baseline = JSON.parse(readFileSync(path.join(dir, 'k8s-lint-suppressions.json'), 'utf8'));
    expect(baseline['shop/api.yaml']['apps/Deployment shop/api']).toEqual({ 'missing-configmap': { count: 1 }, 'missing-secret': { count: 1 } });

    const api = path.join(dir, 'shop', 'api.yaml');
    edit(api, 'apiVersion: apps/v1', '# a comment\n# and another\napiVersion: apps/v1');
    expect(run(['shop'], dir).code).toBe(0);
    edit(api, 'key: password', 'key: password\n            - name: TOKEN\n              valueFrom:\n                secretKeyRef: {name: api-token, key: token}');
    const after = run(['-f', 'json', 'shop'], dir);
    expect(after.code).toBe(1);
    const reported = (JSON.parse(after.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>).flatMap((r) => r.messages);
    // Two missing Secrets where the baseline counts one: both are reported (which is new cannot be told).
    expect(reported.map((m) => m.ruleId)).toEqual(['missing-secret', 'missing-secret']);
    expect(after.stderr).toMatch(/k8s-lint: 9 error\(s\) suppressed by k8s-lint-suppressions.json/);
  });

  it('fails with exit 2 on suppressions that no longer occur until they are pruned', () => {
    const dir = shop();
    run(['--suppress-all', 'shop'], dir);
    edit(path.join(dir, 'shop', 'api.yaml'), 'targetPort: 9000', 'targetPort: 8000');
    const stale = run(['shop'], dir);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/suppressions left that do not occur anymore.*--prune-suppressions[\s\S]*shop\/api.yaml Service shop\/api service-target-port-mismatch \(1 unused\)/);
    expect(run(['--pass-on-unpruned-suppressions', 'shop'], dir).code).toBe(0);
    expect(run(['--prune-suppressions', 'shop'], dir).code).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'k8s-lint-suppressions.json'), 'utf8'));
    expect(baseline['shop/api.yaml']['Service shop/api']).toBeUndefined();
    expect(run(['shop'], dir).code).toBe(0);
  });

  it('--suppress-rule records one rule; --suppressions-location moves the file; unknown rules are usage errors', () => {
    const dir = shop();
    expect(run(['--suppress-rule', 'missing-secret', '--suppressions-location', 'ci/baseline.json', 'shop'], dir).code).toBe(2);
    expect(existsSync(path.join(dir, 'ci'))).toBe(false);
    cpSync(path.join(dir, 'shop', 'namespaces.yaml'), path.join(dir, 'ci', 'keep.yaml'), { recursive: true });
    const result = run(['--suppress-rule', 'missing-secret', '--suppressions-location', 'ci/baseline.json', '-f', 'json', 'shop'], dir);
    expect(result.code).toBe(1);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'ci', 'baseline.json'), 'utf8'));
    expect(Object.values(baseline).flatMap((objects) => Object.values(objects as object).flatMap(Object.keys))).toEqual(['missing-secret', 'missing-secret']);
    expect(Object.keys(baseline)).toEqual(['../shop/api.yaml', '../shop/payments.yaml']);
    const unknown = run(['--suppress-rule', 'missing-secrets', 'shop'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--suppress-rule: .*missing-secrets/);
  });

  it('marks baselined findings as suppressed in SARIF and counts them in the GitHub output', () => {
    const dir = shop();
    run(['--suppress-rule', 'missing-pvc', 'shop'], dir);
    const sarif = JSON.parse(run(['-f', 'sarif', 'shop'], dir).stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification: string }> }>;
    expect(results.filter((r) => r.suppressions)).toEqual([expect.objectContaining({ ruleId: 'missing-pvc', suppressions: [{ kind: 'external', justification: 'baselined in k8s-lint-suppressions.json' }] })]);
    expect(results.filter((r) => !r.suppressions).length).toBe(9);
    const summary = path.join(dir, 'summary.md');
    const github = run(['-f', 'github', 'shop'], dir, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(github.stdout).toMatch(/^::notice title=k8s-lint::1 error suppressed by the baseline \(k8s-lint-suppressions.json\)$/m);
    expect(readFileSync(summary, 'utf8')).toMatch(/1 error suppressed by the baseline \(k8s-lint-suppressions.json\)\./);
  });

  it('reports a malformed suppressions file as a usage error', () => {
    const dir = shop();
    writeFileSync(path.join(dir, 'k8s-lint-suppressions.json'), '{"shop/api.yaml": {"x": {"rule": {"count": "one"}}}}');
    const result = run(['shop'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/suppressions file .*k8s-lint-suppressions.json is malformed/);
  });
});
