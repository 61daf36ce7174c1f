/** End to end: configuration file, flags, suppressions, Helm/Kustomize hints, --context (built CLI). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const CONFIG = path.join(ROOT, 'fixtures', 'e2e', 'config');

function run(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', CI: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number }>;
}

/** The rules these scenarios exercise: other rules may find more in the fixtures as they are added. */
const RELEVANT = new Set(['missing-secret', 'missing-configmap', 'missing-pvc', 'service-target-port-mismatch', 'service-selector-mismatch', 'unused-disable-directive']);

/** `file:line:column rule-id (warn)` for every finding of the relevant rules, files relative to `base`. */
function found(stdout: string, base = CONFIG): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((r) =>
    r.messages.filter((m) => RELEVANT.has(m.ruleId)).map((m) => `${path.relative(base, path.resolve(base, r.filePath))}:${m.line}:${m.column} ${m.ruleId}${m.severity === 1 ? ' (warn)' : ''}`));
}

describe('configuration file', () => {
  const project = path.join(CONFIG, 'project');

  it('is found from the working folder and applies every key', () => {
    const result = run(['-f', 'json', '.'], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    // external objects (exact, any namespace, glob names), defaultNamespace `shop`, missing-pvc
    // at warn, the legacy/** override, the Job override, skipKinds CronJob, ignore drafts/**.
    expect(found(result.stdout, project)).toEqual([
      'manifests/api.yaml:25:23 missing-secret',
      'manifests/api.yaml:32:24 missing-pvc (warn)',
      'manifests/migrate.yaml:15:23 missing-configmap (warn)',
    ]);
    expect(JSON.parse(result.stdout).map((r: JsonResult) => path.relative(project, r.filePath))).not.toContain('drafts/wip.yaml');
  });

  it('is overridden by flags, and --rule wins over its overrides', () => {
    const result = run(['-f', 'json', '--rule', 'missing-secret:warn', '--default-namespace', 'payments', '.'], { cwd: project });
    expect(found(result.stdout, project)).toEqual([
      'legacy/worker.yaml:19:23 missing-secret (warn)',
      'manifests/api.yaml:21:23 missing-secret (warn)',
      'manifests/api.yaml:23:23 missing-configmap',
      'manifests/api.yaml:25:23 missing-secret (warn)',
      'manifests/api.yaml:32:24 missing-pvc (warn)',
      'manifests/migrate.yaml:15:23 missing-configmap (warn)',
    ]);
  });

  it('is taken from -c instead of the lookup', () => {
    const report = path.join(project, 'manifests', 'report.yaml');
    expect(found(run(['-f', 'json', report]).stdout)).toEqual(['project/manifests/report.yaml:17:27 missing-secret']);
    expect(found(run(['-f', 'json', '-c', path.join(project, '.k8s-lint.yaml'), report]).stdout)).toEqual([]);
    expect(run(['-c', 'nope.yaml', '.']).stderr).toMatch(/^k8s-lint: cannot read configuration nope\.yaml: ENOENT/);
  });

  it('is a usage error naming the key and line when invalid', () => {
    const result = run(['.'], { cwd: path.join(CONFIG, 'invalid') });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("k8s-lint: .k8s-lint.yaml:3:19: `rules.missing-secret`: must be one of `off`, `warn`, `error` (got `warning`)\nRun 'k8s-lint --help' for usage.\n");
  });

  it('--print-config prints the effective configuration and exits 0', () => {
    const result = run(['--print-config', '--rule', 'missing-pvc:off', '--skip-kinds', 'Pod'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# k8s-lint effective configuration \(from .*project\/\.k8s-lint\.yaml with flags applied\)\n/);
    expect(result.stdout).toContain('kubernetesVersion: "1.30"\ndefaultNamespace: shop\n');
    expect(result.stdout).toContain('skipKinds:\n  - CronJob\n  - Pod\n');
    expect(result.stdout).toMatch(/\n {2}missing-pvc: "off"\n/);
    const json = JSON.parse(run(['--print-config', '-f', 'json'], { cwd: project }).stdout);
    expect(json).toMatchObject({ kubernetesVersion: '1.30', external: expect.arrayContaining(['Secret/shop/stripe-key']) });
  });

  it('--list-rules lists every rule with its effective severity and description', () => {
    const result = run(['--list-rules'], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^RULE +SEVERITY +DESCRIPTION$/);
    expect(result.stdout).toMatch(/\nmissing-pvc +warn \(default error\) +\S/);
    expect(result.stdout).toMatch(/\nmissing-secret +error +Pod template reads a Secret/);
  });
});

describe('custom resource definitions: crds and --crds', () => {
  const monitor = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web}\nspec:\n  selector: {}\n  endpoints: {port: http}\n';

  it('validates against the bundled catalog, or against the schemas the configuration and --crds name', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'k8s-lint-crds-'));
    writeFileSync(path.join(project, 'monitor.yaml'), monitor);
    const bundled = run(['-f', 'json', 'monitor.yaml'], { cwd: project });
    expect(bundled.code).toBe(1);
    expect((JSON.parse(bundled.stdout) as JsonResult[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['6:14 schema-violation']);
    mkdirSync(path.join(project, 'vendor', 'monitoring.coreos.com'), { recursive: true });
    writeFileSync(path.join(project, 'vendor', 'monitoring.coreos.com', 'servicemonitor_v1.json'), JSON.stringify({
      type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    }));
    expect(run(['--crds', 'vendor', 'monitor.yaml'], { cwd: project })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    mkdirSync(path.join(project, 'sub'));
    writeFileSync(path.join(project, 'sub', '.k8s-lint.yaml'), 'crds: [../vendor]\n');
    writeFileSync(path.join(project, 'sub', 'monitor.yaml'), monitor);
    expect(run(['monitor.yaml'], { cwd: path.join(project, 'sub') })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const missing = run(['--crds', 'nope', 'monitor.yaml'], { cwd: project });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^k8s-lint: crds: no such file or folder: nope\n/);
  }, 30_000);
});

describe('flags', () => {
  it('--rule turns rules off and names close ids when unknown', () => {
    const shop = path.join(ROOT, 'fixtures', 'examples', 'shop');
    const off = found(run(['-f', 'json', '--rule', 'missing-secret:off', '--rule', 'missing-pvc:off', shop]).stdout);
    expect(off.some((f) => /missing-(secret|pvc)/.test(f))).toBe(false);
    const unknown = run(['--rule', 'missing-secrets:off', shop]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('k8s-lint: --rule: unknown rule `missing-secrets`; did you mean `missing-secret`');
  });

  it('--kubernetes-version is validated', () => {
    const result = run(['--kubernetes-version', '1.21', '.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('k8s-lint: --kubernetes-version: Kubernetes 1.21 is not supported: k8s-lint knows 1.23 to 1.35');
  });

  it('--skip-kinds skips objects of those kinds', () => {
    const file = path.join(CONFIG, 'project', 'manifests', 'migrate.yaml');
    expect(found(run(['-f', 'json', file]).stdout)).toEqual(['project/manifests/migrate.yaml:15:23 missing-configmap']);
    expect(JSON.parse(run(['-f', 'json', '--skip-kinds', 'Deployment,Job', file]).stdout)[0].messages).toEqual([]);
    expect(run(['--skip-kinds', 'job', file]).code).toBe(2);
  });

  it('--reject-unknown-kinds is accepted', () => {
    expect(run(['--reject-unknown-kinds', path.join(ROOT, 'fixtures', 'e2e', 'mixed-repo')]).code).not.toBe(2);
  });
});

describe('suppressions', () => {
  const dir = path.join(CONFIG, 'suppressions');
  const base = path.join(dir, 'workloads.yaml');
  const at = (list: string[]) => list.map((f) => f.replace(/^suppressions\/workloads\.yaml:/, ''));

  it('honours next-line, line, range and annotation suppressions, scoped to their document', () => {
    const result = run(['-f', 'json', dir]);
    expect(at(found(result.stdout))).toEqual(['22:33 missing-secret', '43:41 missing-configmap', '65:33 missing-secret', '66:33 missing-secret']);
  });

  it('--no-inline-config ignores them', () => {
    expect(found(run(['-f', 'json', '--no-inline-config', base]).stdout)).toHaveLength(9);
  });

  it('--report-unused-disable-directives warns about suppressions that suppress nothing', () => {
    const result = run(['-f', 'json', '--report-unused-disable-directives', base]);
    const unused = (JSON.parse(result.stdout) as JsonResult[])[0].messages.filter((m) => m.ruleId === 'unused-disable-directive');
    expect(unused).toEqual([expect.objectContaining({ severity: 1, line: 66, column: 40, message: '`k8s-lint-disable-line` suppresses no `missing-pvc` finding, so remove `missing-pvc` from it' })]);
  });
});

describe('Helm and Kustomize without helm, kustomize or kubectl on PATH', () => {
  // An empty PATH: whatever the machine has installed, nothing renders.
  const bare = { PATH: mkdtempSync(path.join(tmpdir(), 'k8s-lint-no-tools-')) };

  it('skips chart templates with a one-line hint on stderr', () => {
    const result = run(['fixtures/e2e/config/helm/chart'], { env: bare });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('k8s-lint: Helm chart fixtures/e2e/config/helm/chart: its templates are skipped; lint the rendered chart with `helm template shop fixtures/e2e/config/helm/chart | k8s-lint -`\n');
    expect(run(['--quiet', 'fixtures/e2e/config/helm/chart'], { env: bare }).stderr).toBe('');
    const templates = run(['fixtures/e2e/config/helm/chart/templates'], { env: bare });
    expect(templates.stdout).toBe('');
    expect(templates.stderr).toContain('`helm template shop fixtures/e2e/config/helm/chart | k8s-lint -`');
  });

  it('names the template of each finding in helm template output read from stdin', () => {
    const input = readFileSync(path.join(CONFIG, 'helm', 'rendered.yaml'), 'utf8');
    const result = run(['-f', 'json', '-'], { input });
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.stdout) as JsonResult[];
    expect(file.messages.filter((m) => RELEVANT.has(m.ruleId))).toEqual([expect.objectContaining({ ruleId: 'service-target-port-mismatch', line: 12, message: expect.stringMatching(/ \(from shop\/templates\/service\.yaml\)$/) })]);
    expect(file.messages.every((m) => m.message.endsWith(')'))).toBe(true);
  });

  it('skips a transforming kustomization with a hint, and lints a plain one', () => {
    const result = run(['-f', 'json', 'kustomize'], { cwd: CONFIG, env: bare });
    expect(result.stderr).toBe('k8s-lint: Kustomize folder kustomize/app: its resources and patches are skipped; lint the rendered output with `kubectl kustomize kustomize/app | k8s-lint -`\n');
    expect((JSON.parse(result.stdout) as JsonResult[]).map((r) => path.relative(CONFIG, r.filePath))).toEqual(['kustomize/base/configmap.yaml', 'kustomize/base/kustomization.yaml']);
  });

  it("counts a kustomization's generators as defined when its files are named explicitly", () => {
    const result = run(['-f', 'json', 'kustomize/app/deployment.yaml'], { cwd: CONFIG, env: bare });
    expect(result.stderr).toBe('');
    expect(found(result.stdout)).toEqual(['kustomize/app/deployment.yaml:21:23 missing-configmap']);
  });
});

describe('--context', () => {
  it('indexes a folder without reporting on it', () => {
    const manifests = path.join(CONFIG, 'context', 'manifests');
    const changed = path.join(manifests, 'web.yaml');
    expect(found(run(['-f', 'json', changed]).stdout)).toEqual(['context/manifests/web.yaml:19:23 missing-configmap']);
    const result = run(['-f', 'json', '--context', manifests, changed]);
    expect((JSON.parse(result.stdout) as JsonResult[]).map((r) => r.filePath)).toEqual([changed]);
    expect(found(result.stdout)).toEqual([]);
    expect(found(run(['-f', 'json', manifests]).stdout)).toEqual(['context/manifests/orphan-service.yaml:7:10 service-selector-mismatch']);
  });
});

describe('progress', () => {
  it('never writes a progress line when stderr is piped, even for many files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-many-'));
    mkdirSync(path.join(dir, 'k8s'));
    for (let i = 0; i < 250; i++) writeFileSync(path.join(dir, 'k8s', `cm-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  a: "1"\n`);
    const result = run(['-f', 'json', dir]);
    expect(JSON.parse(result.stdout)).toHaveLength(250);
    expect(result.stderr).toBe('');
  });
});

describe('GitHub Actions', () => {
  it('adds annotations to stylish output and appends a step summary', () => {
    const summary = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-lint-gh-')), 'summary.md');
    writeFileSync(summary, '# before\n');
    const file = path.join('fixtures', 'e2e', 'broken', 'service.yaml');
    const result = run([file], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/service-selector-mismatch/);
    expect(result.stdout).toMatch(/^::error file=fixtures\/e2e\/broken\/service\.yaml,line=7,/m);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# before\n')).toBe(true);
    expect(written).toContain('k8s-lint');
    expect(run(['-f', 'json', file], { env: { GITHUB_ACTIONS: 'true' } }).stdout).not.toContain('::error');
  });
});
