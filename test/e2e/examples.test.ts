/** The Gateway API + cert-manager + prometheus-operator example applications, through the built CLI. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: number; line: number; column: number; message: string }>;
}

function lintExample(name: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'k8s-lint.js'), '-f', 'json', path.join(ROOT, 'fixtures', 'examples', name)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' },
  });
  const found = (JSON.parse(result.stdout) as JsonResult[]).flatMap((r) =>
    r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}`));
  return { code: result.status, found };
}

describe('bookstore example (Gateway API, cert-manager, prometheus-operator)', () => {
  it('passes the sound application without a single error or warning', () => {
    const { code, found } = lintExample('bookstore');
    expect(found).toEqual([]);
    expect(code).toBe(0);
  });

  it('finds each mistake of the broken twin once, and nothing else', () => {
    const { code, found } = lintExample('bookstore-broken');
    expect(code).toBe(1);
    expect(found.sort()).toEqual(
      [
        '10-cert-manager.yaml:54:17 error issuer-missing-secret',
        '10-cert-manager.yaml:65:11 error missing-issuer',
        '20-gateway.yaml:14:21 warning missing-gateway-class',
        '20-gateway.yaml:25:19 warning gateway-missing-tls-secret',
        '20-gateway.yaml:41:20 error gateway-route-missing-parent',
        '20-gateway.yaml:65:17 error gateway-route-backend-port-mismatch',
        '20-gateway.yaml:70:22 error missing-reference-grant',
        '20-gateway.yaml:73:17 error gateway-route-missing-backend',
        '20-gateway.yaml:100:7 error gateway-route-listener-mismatch',
        '40-monitoring.yaml:38:23 error prometheus-missing-service-account',
        '40-monitoring.yaml:57:13 error monitor-port-mismatch',
        '40-monitoring.yaml:68:31 error monitor-selector-mismatch',
      ].sort(),
    );
  });
});
