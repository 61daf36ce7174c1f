import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { effectiveConfig, parse, UsageError } from '../src/cli-args.js';
import { listRules, printConfig } from '../src/cli-info.js';
import { createProgress } from '../src/cli-progress.js';
import { closeIds, findConfigFile, loadConfig, unknownRuleMessage } from '../src/config.js';
import { lint, type LintOptions } from '../src/engine.js';
import { readInputs } from '../src/files.js';
import { matchesName, matchesPath } from '../src/glob.js';
import { parseExternal, ResourceIndex } from '../src/resource-index.js';
import { allRules } from '../rules/index.js';
import missingConfigmap from '../rules/missing-configmap.js';
import missingSecret from '../rules/missing-secret.js';
import { ROOT } from './helpers/test-rule.js';

const RULE_IDS = allRules.map((rule) => rule.id);
const CONFIG = path.join(ROOT, 'fixtures', 'e2e', 'config');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'k8s-lint-config-'));
}

function write(dir: string, file: string, text: string): string {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

async function configError(text: string): Promise<string> {
  const file = write(tempDir(), '.k8s-lint.yaml', text);
  const result = await loadConfig(file, RULE_IDS, '.k8s-lint.yaml');
  if (result.ok) throw new Error('expected an invalid configuration');
  return result.message;
}

describe('configuration lookup', () => {
  it('finds the nearest file from the working folder up to the repository root', () => {
    const root = tempDir();
    mkdirSync(path.join(root, '.git'));
    const file = write(root, '.k8s-lint.yaml', 'rules: {}\n');
    mkdirSync(path.join(root, 'apps', 'shop'), { recursive: true });
    expect(findConfigFile(path.join(root, 'apps', 'shop'))).toBe(file);
    const nearer = write(root, 'apps/.k8s-lint.json', '{}');
    expect(findConfigFile(path.join(root, 'apps', 'shop'))).toBe(nearer);
  });

  it('stops at the repository root (the folder holding .git)', () => {
    const outer = tempDir();
    write(outer, '.k8s-lint.yaml', 'rules: {}\n');
    mkdirSync(path.join(outer, 'repo', '.git'), { recursive: true });
    mkdirSync(path.join(outer, 'repo', 'k8s'));
    expect(findConfigFile(path.join(outer, 'repo', 'k8s'))).toBeUndefined();
    expect(findConfigFile(outer)).toBe(path.join(outer, '.k8s-lint.yaml'));
  });

  it('prefers .k8s-lint.yaml over .yml and .json in one folder', () => {
    const dir = tempDir();
    write(dir, '.k8s-lint.json', '{}');
    write(dir, '.k8s-lint.yml', '{}');
    expect(path.basename(findConfigFile(dir)!)).toBe('.k8s-lint.yml');
  });
});

describe('loadConfig', () => {
  it('reads every key of the example project, and an unquoted version as written', async () => {
    const result = await loadConfig(path.join(CONFIG, 'project', '.k8s-lint.yaml'), RULE_IDS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.loaded.dir).toBe(path.join(CONFIG, 'project'));
    expect(result.loaded.config).toEqual({
      kubernetesVersion: '1.30',
      defaultNamespace: 'shop',
      ignore: ['drafts/**'],
      skipKinds: ['CronJob'],
      rules: { 'missing-pvc': 'warn' },
      external: ['Secret/shop/stripe-key', 'Secret/*/registry-credentials', 'ConfigMap/shop/feature-flags-*'],
      overrides: [
        { files: ['legacy/**'], rules: { 'missing-secret': 'off' } },
        { kinds: ['Job'], rules: { 'missing-configmap': 'warn' } },
      ],
    });
  });

  it('reads JSON and empty files', async () => {
    const dir = tempDir();
    const json = await loadConfig(write(dir, '.k8s-lint.json', '{ "rules": { "missing-secret": "warn" } }'), RULE_IDS);
    expect(json.ok && json.loaded.config).toEqual({ rules: { 'missing-secret': 'warn' } });
    const empty = await loadConfig(write(dir, '.k8s-lint.yaml', '# nothing yet\n'), RULE_IDS);
    expect(empty.ok && empty.loaded.config).toEqual({});
  });

  it.each([
    ['a bad severity', 'kubernetesVersion: "1.30"\nrules:\n  missing-secret: warning\n', '.k8s-lint.yaml:3:19: `rules.missing-secret`: must be one of `off`, `warn`, `error` (got `warning`)'],
    ['an unknown key', 'skipKind:\n  - CronJob\n', '.k8s-lint.yaml:1:1: `skipKind`: unknown key; did you mean `skipKinds`?'],
    ['an unknown rule id', 'rules:\n  missing-secrets: warn\n', '.k8s-lint.yaml:2:3: `rules.missing-secrets`: unknown rule `missing-secrets`; did you mean `missing-secret`'],
    ['an unknown rule id in overrides', 'overrides:\n  - files: ["a/**"]\n    rules: { missing-pvcs: "off" }\n', '.k8s-lint.yaml:3:14: `overrides[0].rules.missing-pvcs`: unknown rule `missing-pvcs`; did you mean `missing-pvc`'],
    ['an unsupported version', 'kubernetesVersion: "1.21"\n', '.k8s-lint.yaml:1:20: `kubernetesVersion`: Kubernetes 1.21 is not supported: k8s-lint knows 1.23 to 1.35'],
    ['a list given as a string', 'ignore: drafts/**\n', '.k8s-lint.yaml:1:9: `ignore`: must be a list (got `drafts/**`)'],
    ['an override without rules', 'overrides:\n  - files: ["legacy/**"]\n', '.k8s-lint.yaml:2:5: `overrides[0]`: needs `rules`'],
    ['a namespaced cluster-scoped object', 'external:\n  - ClusterRole/ops/reader\n', '.k8s-lint.yaml:2:5: `external[0]`: `ClusterRole/ops/reader`: ClusterRole is cluster-scoped, write `ClusterRole/reader`'],
    ['YAML that does not parse', 'rules:\n  missing-secret: [warn\n', '.k8s-lint.yaml:3:1: invalid YAML in configuration: '],
  ])('names the key and line of %s', async (_name, text, message) => {
    expect(await configError(text)).toContain(message);
  });

  it('explains objects in external that do not name one', async () => {
    expect(await configError('external:\n  - Secret\n')).toMatch(/^\.k8s-lint\.yaml:2:5: `external\[0\]`: `Secret` is not valid: An object outside the manifests: `Kind\/namespace\/name`/);
  });

  it('reports several problems, one per line', async () => {
    expect((await configError('skipKinds: [cronjob]\nrules: {missing-secret: nope}\n')).split('\n')).toHaveLength(2);
  });
});

describe('the shipped JSON Schema', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'k8s-lint.schema.json'), 'utf8'));

  it('compiles in strict mode and accepts the example configuration', () => {
    const validate = new Ajv.default({ strict: true, allowUnionTypes: true }).compile(schema);
    const example = parseYaml(readFileSync(path.join(CONFIG, 'project', '.k8s-lint.yaml'), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ rules: { 'missing-secret': 'warning' } })).toBe(false);
  });

  it('ships in the package', () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).files).toContain('k8s-lint.schema.json');
  });
});

describe('rule id suggestions', () => {
  it('names close ids, closest first', () => {
    expect(closeIds('missing-secrets', RULE_IDS)[0]).toBe('missing-secret');
    expect(closeIds('secret', RULE_IDS)).toContain('missing-secret');
    expect(unknownRuleMessage('missing-config', ['missing-configmap', 'missing-secret'])).toBe('unknown rule `missing-config`; did you mean `missing-configmap`?');
    expect(unknownRuleMessage('zzz', ['missing-secret'])).toBe('unknown rule `zzz` (`k8s-lint --list-rules` lists them)');
  });
});

describe('flags over the configuration file', () => {
  const loaded = {
    path: '/repo/.k8s-lint.yaml',
    dir: '/repo',
    config: {
      kubernetesVersion: '1.30',
      defaultNamespace: 'shop',
      skipKinds: ['CronJob'],
      ignore: ['drafts/**'],
      rules: { 'missing-pvc': 'warn' as const, 'missing-secret': 'warn' as const },
      overrides: [{ files: ['legacy/**'], rules: { 'missing-secret': 'off' as const, 'missing-configmap': 'off' as const } }],
    },
  };
  const effective = (...argv: string[]) => effectiveConfig(parse(argv).values, loaded, RULE_IDS);

  it('uses the file when no flag is given', () => {
    expect(effective()).toMatchObject({ kubernetesVersion: '1.30', defaultNamespace: 'shop', skipKinds: ['CronJob'], rules: { 'missing-pvc': 'warn' } });
  });

  it('lets scalar flags win, list flags add, and --rule win over the file and its overrides', () => {
    const result = effective('--kubernetes-version', 'v1.29.4', '--default-namespace', 'web', '--skip-kinds', 'Job,batch/CronJob', '--skip-kinds', 'Pod', '--rule', 'missing-secret:error', '--ignore-pattern', 'tmp/**');
    expect(result).toMatchObject({ kubernetesVersion: '1.29', defaultNamespace: 'web', skipKinds: ['CronJob', 'Job', 'batch/CronJob', 'Pod'], ignore: ['drafts/**'], ignorePatterns: ['tmp/**'] });
    expect(result.rules).toEqual({ 'missing-pvc': 'warn', 'missing-secret': 'error' });
    expect(result.overrides).toEqual([{ files: ['legacy/**'], rules: { 'missing-configmap': 'off' } }]);
  });

  it.each([
    [['--rule', 'missing-secrets:off'], '--rule: unknown rule `missing-secrets`; did you mean `missing-secret`'],
    [['--rule', 'missing-secret'], "--rule expects ID:SEVERITY with SEVERITY one of off, warn, error, got 'missing-secret'"],
    [['--rule', 'missing-secret:2'], 'got \'missing-secret:2\''],
    [['--kubernetes-version', '1.21'], '--kubernetes-version: Kubernetes 1.21 is not supported: k8s-lint knows 1.23 to 1.35'],
    [['--kubernetes-version', 'latest'], '--kubernetes-version: `latest` is not a Kubernetes version'],
    [['--skip-kinds', 'deployment'], '--skip-kinds: `deployment` is not a kind'],
  ])('rejects %j', (argv, message) => {
    expect(() => effective(...argv)).toThrow(UsageError);
    expect(() => effective(...argv)).toThrow(message);
  });
});

describe('--print-config and --list-rules', () => {
  const effective = effectiveConfig(parse(['--rule', 'missing-pvc:off']).values, undefined, RULE_IDS);

  it('prints the effective configuration as a valid configuration file', async () => {
    const yaml = await printConfig(effective, allRules, undefined, false);
    expect(yaml).toMatch(/^# k8s-lint effective configuration \(defaults with flags applied: no \.k8s-lint\.yaml found\)\n/);
    const file = write(tempDir(), '.k8s-lint.yaml', yaml);
    const reloaded = await loadConfig(file, RULE_IDS);
    expect(reloaded.ok && reloaded.loaded.config.rules?.['missing-pvc']).toBe('off');
    const json = JSON.parse(await printConfig(effective, allRules, undefined, true));
    expect(json.kubernetesVersion).toBe('1.35');
    expect(Object.keys(json.rules)).toEqual(RULE_IDS);
  });

  it('lists every rule with its severity and description, aligned', () => {
    const lines = listRules(effective, allRules).trimEnd().split('\n');
    expect(lines).toHaveLength(allRules.length + 1);
    expect(lines[0]).toMatch(/^RULE +SEVERITY +DESCRIPTION$/);
    const column = lines[0].indexOf('SEVERITY');
    for (const line of lines.slice(1)) expect(line[column - 1] === ' ' && line[column] !== ' ').toBe(true);
    expect(lines.find((l) => l.startsWith('missing-pvc '))).toMatch(/ off \(default error\) +Pod template/);
  });
});

describe('external objects', () => {
  const pod = (namespace: string, secret: string, configMap = 'kube-root-ca.crt') => `apiVersion: v1
kind: Pod
metadata: {name: app, namespace: ${namespace}}
spec:
  containers:
    - name: app
      image: nginx:1.27
      envFrom:
        - secretRef: {name: ${secret}}
        - configMapRef: {name: ${configMap}}
`;
  const ruleIds = async (text: string, options: LintOptions) => {
    const output = await lint([{ path: 'pod.yaml', text }], { ruleSet: [missingSecret, missingConfigmap], ...options });
    expect(output.errors).toEqual([]);
    return output.results[0].messages.map((m) => `${m.ruleId} ${m.message.match(/`([^`]+)` exists|no \w+ `([^`]+)`/)?.[2] ?? ''}`);
  };

  it('count as existing: exact, in every namespace, and with glob names', async () => {
    const external = ['Secret/payments/stripe-key', 'Secret/*/registry-*', 'ConfigMap/team-?/feature-flags'];
    expect(await ruleIds(pod('payments', 'stripe-key'), { external })).toEqual([]);
    expect(await ruleIds(pod('shop', 'stripe-key'), { external })).toEqual(['missing-secret stripe-key']);
    expect(await ruleIds(pod('shop', 'registry-ghcr'), { external })).toEqual([]);
    expect(await ruleIds(pod('team-a', 'registry-ghcr', 'feature-flags'), { external })).toEqual([]);
    expect(await ruleIds(pod('team-ab', 'registry-ghcr', 'feature-flags'), { external })).toEqual(['missing-configmap feature-flags']);
    expect(await ruleIds(pod('shop', 'stripe-key'), { external: ['Secret/stripe-key'] })).toEqual([]);
  });

  it('leave key checks alone (their keys are unknown)', async () => {
    const text = pod('payments', 'x').replace('        - secretRef: {name: x}\n', '').replace('      envFrom:', '      env:\n        - name: KEY\n          valueFrom: {secretKeyRef: {name: stripe-key, key: api-key}}\n      envFrom:');
    expect(await ruleIds(text, { external: ['Secret/payments/stripe-key'] })).toEqual([]);
  });

  it('are usage errors when they name no object', async () => {
    const output = await lint([{ path: 'pod.yaml', text: pod('a', 'b') }], { external: ['secret/payments'] });
    expect(output.errors).toEqual([expect.stringMatching(/^external object `secret\/payments` does not name an object/)]);
  });

  it('parse kinds, groups, namespaces and cluster scope', () => {
    expect(parseExternal('Secret/payments/stripe-key')).toMatchObject({ kind: '/Secret', namespace: 'payments', name: 'stripe-key' });
    expect(parseExternal('ConfigMap/*/kube-root-ca.crt')).toMatchObject({ kind: '/ConfigMap', namespace: undefined, name: 'kube-root-ca.crt' });
    expect(parseExternal('ClusterRole/my-role')).toMatchObject({ kind: 'rbac.authorization.k8s.io/ClusterRole', namespace: undefined, name: 'my-role' });
    expect(parseExternal('cert-manager.io/ClusterIssuer/letsencrypt')).toMatchObject({ kind: 'cert-manager.io/ClusterIssuer', name: 'letsencrypt' });
    expect(parseExternal('cert-manager.io/ClusterIssuer/ns/letsencrypt')).toMatch(/cluster-scoped/);
    expect(parseExternal('Secret')).toMatch(/does not name an object/);
  });

  it('answer exists() and provider() in the index, with names for did-you-mean', () => {
    const objects = ['ClusterRole/platform-*', 'Secret/payments/stripe-key'].map((t) => parseExternal(t)) as Exclude<ReturnType<typeof parseExternal>, string>[];
    const index = new ResourceIndex([], 0, objects);
    expect(index.exists('ClusterRole', undefined, 'platform-reader')).toBe(true);
    expect(index.exists('rbac.authorization.k8s.io/ClusterRole', undefined, 'reader')).toBe(false);
    expect(index.provider('Secret', 'payments', 'stripe-key')).toEqual({ how: 'configuration (external)' });
    expect(index.provider('Secret', 'shop', 'stripe-key')).toBeUndefined();
    expect(index.names('Secret', 'payments')).toEqual(['stripe-key']);
  });
});

describe('objects every cluster has', () => {
  const index = new ResourceIndex([]);
  it.each([
    ['ServiceAccount', 'shop', 'default'],
    ['ConfigMap', 'shop', 'kube-root-ca.crt'],
    ['ClusterRole', undefined, 'cluster-admin'],
    ['ClusterRole', undefined, 'view'],
    ['Namespace', undefined, 'default'],
    ['Namespace', undefined, 'kube-node-lease'],
  ])('%s %s/%s exists without configuration', (kind, namespace, name) => {
    expect(index.exists(kind, namespace, name)).toBe(true);
  });
  it('but not others', () => {
    expect(index.exists('ServiceAccount', 'shop', 'api')).toBe(false);
    expect(index.exists('Namespace', undefined, 'shop')).toBe(false);
  });
});

describe('overrides', () => {
  const deployment = (name: string, namespace: string, secret: string, pullSecret?: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:${pullSecret ? `\n      imagePullSecrets: [{name: ${pullSecret}}]` : ''}
      containers:
        - name: ${name}
          image: nginx:1.27
          envFrom: [{secretRef: {name: ${secret}}}]
`;
  const job = `apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: nginx:1.27
          envFrom: [{secretRef: {name: db}}]
`;
  const run = async (options: LintOptions) => {
    const inputs = [
      { path: '/repo/apps/api.yaml', text: deployment('api', 'shop', 'a') },
      { path: '/repo/legacy/old.yaml', text: deployment('old', 'legacy', 'b', 'registry') },
      { path: '/repo/apps/jobs.yaml', text: job },
    ];
    const output = await lint(inputs, { ruleSet: [missingSecret], configDir: '/repo', cwd: '/repo', ...options });
    return output.results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.severity === 2 ? 'error' : 'warn'}`));
  };

  it('set severities by file glob, relative to the configuration folder', async () => {
    expect(await run({})).toEqual(['api.yaml error', 'old.yaml warn', 'old.yaml error', 'jobs.yaml error']);
    expect(await run({ overrides: [{ files: ['legacy/**'], rules: { 'missing-secret': 'off' } }] })).toEqual(['api.yaml error', 'jobs.yaml error']);
    expect(await run({ overrides: [{ files: ['*.yaml'], rules: { 'missing-secret': 'warn' } }] })).toEqual(['api.yaml warn', 'old.yaml warn', 'old.yaml warn', 'jobs.yaml warn']);
  });

  it('set severities by object kind, namespace and name', async () => {
    expect(await run({ overrides: [{ kinds: ['Job'], rules: { 'missing-secret': 'warn' } }] })).toEqual(['api.yaml error', 'old.yaml warn', 'old.yaml error', 'jobs.yaml warn']);
    expect(await run({ overrides: [{ kinds: ['batch/Job'], namespaces: ['sh*'], rules: { 'missing-secret': 'off' } }] })).toEqual(['api.yaml error', 'old.yaml warn', 'old.yaml error']);
    expect(await run({ overrides: [{ names: ['api', 'migr*'], rules: { 'missing-secret': 'off' } }] })).toEqual(['old.yaml warn', 'old.yaml error']);
    expect(await run({ overrides: [{ kinds: ['Deployment'], namespaces: ['shop'], rules: { 'missing-secret': 'off' } }] })).toEqual(['old.yaml warn', 'old.yaml error', 'jobs.yaml error']);
  });

  it('turn on a rule that is off globally, for matching findings only; later entries win', async () => {
    const overrides = [
      { files: ['apps/**'], rules: { 'missing-secret': 'error' as const } },
      { kinds: ['Job'], rules: { 'missing-secret': 'warn' as const } },
    ];
    expect(await run({ rules: { 'missing-secret': 'off' }, overrides })).toEqual(['api.yaml error', 'jobs.yaml warn']);
  });

  it("keep a rule's own warnings unless configuration sets its severity", async () => {
    expect(await run({ overrides: [{ names: ['nothing'], rules: { 'missing-secret': 'error' } }] })).toEqual(['api.yaml error', 'old.yaml warn', 'old.yaml error', 'jobs.yaml error']);
    expect(await run({ overrides: [{ names: ['old'], rules: { 'missing-secret': 'error' } }] })).toEqual(['api.yaml error', 'old.yaml error', 'old.yaml error', 'jobs.yaml error']);
  });
});

describe('skipKinds', () => {
  it('does not check objects of those kinds but keeps them in the index', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers: [{name: a, image: nginx, envFrom: [{secretRef: {name: nope}}]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: b}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: b, image: nginx, envFrom: [{secretRef: {name: nope}}]}]
`;
    const kinds = async (skipKinds: string[]) => (await lint([{ path: 'x.yaml', text }], { ruleSet: [missingSecret], skipKinds })).results[0].messages.map((m) => m.resource?.kind);
    expect(await kinds([])).toEqual(['Pod', 'Job']);
    expect(await kinds(['Pod'])).toEqual(['Job']);
    expect(await kinds(['batch/Job'])).toEqual(['Pod']);
  });
});

describe('ignore globs', () => {
  it('skip files by configuration `ignore` (relative to its folder) and --ignore-pattern (relative to cwd)', async () => {
    const project = path.join(CONFIG, 'project');
    const names = async (ignorePatterns: string[], ignore?: string[]) =>
      (await readInputs([{ path: project }], { cwd: ROOT, ignorePatterns, maxFileSize: 1e6, ...(ignore ? { ignore: { base: project, patterns: ignore } } : {}) }))
        .files.map((f) => path.relative(project, f.path)).filter((f) => !f.startsWith('.'));
    expect(await names([])).toContain('drafts/wip.yaml');
    expect(await names([], ['drafts/**'])).not.toContain('drafts/wip.yaml');
    expect(await names([], ['legacy', 'report.yaml'])).toEqual(['drafts/wip.yaml', 'manifests/api.yaml', 'manifests/migrate.yaml']);
    expect(await names(['fixtures/e2e/config/project/manifests/*.yaml'])).toEqual(['drafts/wip.yaml', 'legacy/worker.yaml']);
  });

  it('match like .gitignore: `*` within a segment, `**` across, names anywhere', () => {
    expect(matchesPath('apps/legacy/old.yaml', 'legacy')).toBe(true);
    expect(matchesPath('apps/legacy/old.yaml', 'legacy/**')).toBe(false);
    expect(matchesPath('apps/legacy/old.yaml', '**/legacy/**')).toBe(true);
    expect(matchesPath('apps/legacy/old.yaml', 'apps/*.yaml')).toBe(false);
    expect(matchesPath('apps/legacy/old.yaml', 'apps/*')).toBe(true);
    expect(matchesPath('apps/x.generated.yaml', '*.generated.{yaml,yml}')).toBe(true);
    expect(matchesPath('apps/x.yaml', './apps/x.yaml')).toBe(true);
    expect(matchesName('registry-ghcr', 'registry-*')).toBe(true);
    expect(matchesName('a.b', 'a?b')).toBe(true);
    expect(matchesName('axb', 'a.b')).toBe(false);
  });
});

describe('Helm charts and kustomizations in linted folders', () => {
  const read = (input: string, cwd = ROOT) => readInputs([{ path: input }], { cwd, ignorePatterns: [], maxFileSize: 1e6 });

  it('skips chart templates with a hint naming the helm template pipe', async () => {
    const result = await read('fixtures/e2e/config/helm/chart');
    expect(result.files.map((f) => path.basename(f.path))).toEqual(['Chart.yaml', 'values.yaml']);
    expect(result.notices).toEqual([
      'Helm chart fixtures/e2e/config/helm/chart: its templates are skipped; lint the rendered chart with `helm template shop fixtures/e2e/config/helm/chart | k8s-lint -`',
    ]);
  });

  it('skips a kustomization that transforms its resources, and lints one that only lists them', async () => {
    const result = await read('kustomize', CONFIG);
    expect(result.files.map((f) => path.relative(CONFIG, f.path))).toEqual(['kustomize/base/configmap.yaml', 'kustomize/base/kustomization.yaml']);
    expect(result.notices).toEqual(['Kustomize folder kustomize/app: its resources and patches are skipped; lint the rendered output with `kubectl kustomize kustomize/app | k8s-lint -`']);
  });

  it('lints files named explicitly, with the kustomization generators as existing objects', async () => {
    const result = await read('fixtures/e2e/config/kustomize/app/deployment.yaml');
    expect(result.notices).toEqual([]);
    expect(result.files).toHaveLength(1);
    expect(result.generated).toEqual([{ kind: '/ConfigMap', namespace: undefined, name: 'web-settings', how: '`configMapGenerator` of kustomization.yaml' }]);
  });

  it('gives no hint for folders passed as --context', async () => {
    const result = await readInputs([{ path: path.join(CONFIG, 'kustomize'), contextOnly: true }], { cwd: ROOT, ignorePatterns: [], maxFileSize: 1e6 });
    expect(result.notices).toEqual([]);
    expect(result.files.every((f) => f.contextOnly)).toBe(true);
  });
});

describe('--context', () => {
  it('indexes context files without reporting on them or listing them in results', async () => {
    const manifests = path.join(CONFIG, 'context', 'manifests');
    const changed = path.join(manifests, 'web.yaml');
    const alone = await lint([{ path: changed }], { only: ['missing-configmap'] });
    expect(alone.results[0].messages.map((m) => m.ruleId)).toEqual(['missing-configmap']);
    const withContext = await lint([{ path: changed }, { path: manifests, contextOnly: true }], { only: ['missing-configmap', 'service-selector-mismatch'] });
    expect(withContext.results).toEqual([{ filePath: changed, messages: [], errorCount: 0, warningCount: 0 }]);
  });
});

describe('progress line', () => {
  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, isTTY, write: (text: string) => writes.push(text) };
  }

  it('appears on a terminal once over 200 files are read, updates in place, and is cleared', () => {
    const out = stream(true);
    let clock = 0;
    const progress = createProgress(out, {}, () => clock);
    for (let i = 1; i <= 200; i++) progress.update!({ stage: 'read', done: i });
    expect(out.writes).toEqual([]);
    clock = 10;
    progress.update!({ stage: 'read', done: 201 });
    progress.update!({ stage: 'read', done: 202 });
    clock = 200;
    progress.update!({ stage: 'parse', done: 202, total: 202 });
    progress.done();
    expect(out.writes).toEqual(['\r\u001b[2Kk8s-lint: reading 201 files…', '\r\u001b[2Kk8s-lint: parsing 202/202 files…', '\r\u001b[2K']);
  });

  it('appears after a second even for few files', () => {
    const out = stream(true);
    let clock = 0;
    const progress = createProgress(out, {}, () => clock);
    progress.update!({ stage: 'check', done: 0, total: 10 });
    clock = 1001;
    progress.update!({ stage: 'check', done: 5, total: 10 });
    expect(out.writes).toEqual(['\r\u001b[2Kk8s-lint: checking 5/10 objects…']);
  });

  it('is off when stderr is piped, in CI, and on dumb terminals', () => {
    for (const [tty, env] of [[false, {}], [true, { CI: 'true' }], [true, { GITHUB_ACTIONS: 'true' }], [true, { TERM: 'dumb' }]] as const) {
      const progress = createProgress(stream(tty), env, () => 5000);
      expect(progress.update).toBeUndefined();
    }
  });
});
