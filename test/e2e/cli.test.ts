/** End to end: the built CLI (bin/k8s-lint.js -> dist/), as users and CI run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const E2E = path.join(ROOT, 'fixtures', 'e2e');

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', GITHUB_ACTIONS: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; resource?: Record<string, string> }>;
}

function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

describe('k8s-lint CLI', () => {
  it('prints nothing and exits 0 on a clean repository that mixes in non-Kubernetes YAML', () => {
    const result = run([path.join(E2E, 'mixed-repo')]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('reports every bad input clearly, keeps linting the rest, and exits 1', () => {
    const result = run(['--format', 'json', path.join(E2E, 'broken')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const byFile = Object.fromEntries(json(result.stdout).map((r) => [path.basename(r.filePath), r.messages]));
    expect(byFile['malformed.yaml']).toMatchObject([{ ruleId: 'yaml-syntax', line: 5, message: expect.stringMatching(/Invalid YAML/) }]);
    expect(byFile['helm-template.yaml']).toMatchObject([{ ruleId: 'yaml-syntax', line: 4, message: expect.stringMatching(/helm template/) }]);
    expect(byFile['logo.yaml']).toMatchObject([{ ruleId: 'yaml-syntax', message: expect.stringMatching(/binary/) }]);
    expect(byFile['alias-bomb.yaml']).toMatchObject([{ ruleId: 'yaml-syntax', message: expect.stringMatching(/alias bomb/) }]);
    expect(byFile['service.yaml']).toMatchObject([{ ruleId: 'service-selector-mismatch', line: 7 }]);
    expect(result.stdout).not.toMatch(/at .*\.js:\d+/);
  });

  it('passes the sound example application without a single error or warning', () => {
    const result = run(['-f', 'json', path.join(ROOT, 'fixtures', 'examples', 'guestbook')]);
    const found = json(result.stdout).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(found).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('finds every failure class in the bundled example application', () => {
    const result = run(['-f', 'json', path.join(ROOT, 'fixtures', 'examples', 'shop')]);
    expect(result.code).toBe(1);
    const found = json(result.stdout).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
    expect(found.sort()).toEqual(
      [
        'api.yaml:34:24 missing-configmap',
        'api.yaml:38:25 missing-secret',
        'api.yaml:52:19 service-target-port-mismatch',
        'frontend.yaml:22:18 invalid-image-reference',
        'frontend.yaml:43:10 service-selector-mismatch',
        'frontend.yaml:66:27 ingress-backend-port-mismatch',
        'frontend.yaml:71:23 ingress-backend-missing-service',
        'payments.yaml:32:23 missing-secret',
        'payments.yaml:41:24 missing-pvc',
        'report-cronjob.yaml:16:22 yaml-syntax',
      ].sort(),
    );
  });

  it('notes custom resources it could not validate, and rejects them with --reject-unknown-kinds', () => {
    const input = 'apiVersion: gadgets.example.org/v1\nkind: Gadget\nmetadata: {name: web}\n';
    const noted = run(['-f', 'json', '-'], { input });
    expect(noted.code).toBe(0);
    expect(noted.stderr).toMatch(/^k8s-lint: 1 object\(s\) of custom kinds were not schema-checked.*Gadget \(gadgets.example.org\/v1\)/);
    const rejected = run(['-f', 'json', '--reject-unknown-kinds', '-'], { input });
    expect(rejected.code).toBe(1);
    expect(json(rejected.stdout)[0].messages).toMatchObject([{ ruleId: 'unknown-kind', line: 2 }]);
  });

  it('follows the JSON output contract', () => {
    const result = run(['-f', 'json', path.join(E2E, 'broken', 'service.yaml')]);
    const [file] = json(result.stdout);
    expect(Object.keys(file).sort()).toEqual(['errorCount', 'filePath', 'messages', 'warningCount']);
    expect(file.filePath).toBe(path.join(E2E, 'broken', 'service.yaml'));
    expect(file.messages[0]).toEqual({
      ruleId: 'service-selector-mismatch',
      severity: 2,
      message: expect.any(String),
      line: 7,
      column: 5,
      endLine: 7,
      endColumn: 26,
      resource: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'orphan' },
    });
    expect(file.messages[0].message).toContain('`app=nothing-has-this`');
  });

  it('leaves out file-level resource for yaml-syntax findings', () => {
    const [file] = json(run(['-f', 'json', path.join(E2E, 'broken', 'malformed.yaml')]).stdout);
    expect(file.messages[0].resource).toBeUndefined();
  });

  it('reads stdin with -', () => {
    const input = readFileSync(path.join(E2E, 'broken', 'service.yaml'), 'utf8');
    const result = run(['-f', 'json', '-'], { input });
    expect(result.code).toBe(1);
    expect(json(result.stdout)[0]).toMatchObject({ filePath: '<stdin>', errorCount: 1 });
    expect(json(run(['-f', 'json', '--stdin-filename', 'svc.yaml', '-'], { input }).stdout)[0].filePath).toBe('svc.yaml');
  });

  it('prints stylish output with file, line:column, message and rule id', () => {
    const result = run([path.join(E2E, 'broken', 'service.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('fixtures/e2e/broken/service.yaml');
    expect(result.stdout).toMatch(/7:5\s+Service orphan selects app=nothing-has-this/);
    expect(result.stdout).toContain('service-selector-mismatch');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('colours stylish output with --color and not with --no-color', () => {
    expect(run(['--color', path.join(E2E, 'broken', 'service.yaml')], { env: { NO_COLOR: '' } }).stdout).toMatch(/\u001b\[/);
    expect(run(['--no-color', path.join(E2E, 'broken', 'service.yaml')], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
  });

  it('honours --quiet and --max-warnings', () => {
    const clean = path.join(E2E, 'mixed-repo');
    expect(run(['--max-warnings', '0', clean]).code).toBe(0);
    expect(run(['--max-warnings', 'x', clean]).code).toBe(2);
    const quiet = json(run(['-f', 'json', '--quiet', path.join(E2E, 'broken')]).stdout);
    expect(quiet.every((r) => r.messages.every((m) => m.severity === 2))).toBe(true);
  });

  it('writes the report to --output-file', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-lint-')), 'report.json');
    const result = run(['-f', 'json', '-o', out, path.join(E2E, 'broken', 'service.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(json(readFileSync(out, 'utf8'))[0].errorCount).toBe(1);
  });

  it('uses --default-namespace for objects without one', () => {
    const [file] = json(run(['-f', 'json', '--default-namespace', 'team-a', path.join(E2E, 'broken', 'service.yaml')]).stdout);
    expect(file.messages[0].resource?.namespace).toBe('team-a');
  });

  it('reports files over --max-file-size without parsing them', () => {
    const result = run(['-f', 'json', '--max-file-size', '50', path.join(E2E, 'broken', 'service.yaml')]);
    expect(result.code).toBe(1);
    expect(json(result.stdout)[0].messages).toMatchObject([{ ruleId: 'yaml-syntax', line: 1, message: expect.stringMatching(/over the 50-byte limit/) }]);
    expect(run(['--max-file-size', 'lots', '.']).code).toBe(2);
    const stdin = run(['-f', 'json', '--max-file-size', '50', '-'], { input: readFileSync(path.join(E2E, 'broken', 'service.yaml'), 'utf8') });
    expect(json(stdin.stdout)[0].messages).toMatchObject([{ ruleId: 'yaml-syntax', message: expect.stringMatching(/over the 50-byte limit/) }]);
  });

  it('says why it cannot write --output-file, as a usage error', () => {
    const result = run(['-f', 'json', '-o', '/nonexistent/dir/report.json', path.join(E2E, 'broken', 'service.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^k8s-lint: cannot write --output-file \/nonexistent\/dir\/report.json: ENOENT/);
  });

  it('skips files matching --ignore-pattern', () => {
    const result = json(run(['-f', 'json', '--ignore-pattern', '**/service.yaml', path.join(E2E, 'broken')]).stdout);
    expect(result.map((r) => path.basename(r.filePath))).not.toContain('service.yaml');
  });

  it('exits 2 with a one-line message on usage errors', () => {
    for (const args of [['--bogus', '.'], ['does-not-exist'], [], ['-f', 'xml', '.']]) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^k8s-lint: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints --version and --help', () => {
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(run(['--help']).stdout).toContain('Usage: k8s-lint');
  });

  it('never writes to the files it reads', () => {
    const file = path.join(E2E, 'broken', 'malformed.yaml');
    const before = statSync(file).mtimeMs;
    run([path.join(E2E, 'broken')]);
    expect(statSync(file).mtimeMs).toBe(before);
  });
});
