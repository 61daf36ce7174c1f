/**
 * The package as users get it: `npm pack` of the built tree, installed in a fresh folder from the
 * tarball (dependencies come from the npm registry), and run with npx, as `npm install k8s-lint`,
 * `npx ./k8s-lint-<version>.tgz` and pre-commit's node hooks (which install the packed tarball) do.
 *
 * It needs the registry and takes about 10 seconds (more on a cold npm cache), so it runs in CI
 * (`CI` set, as .ci/run and GitHub Actions do) or with K8S_LINT_PACK_TEST=1, and is skipped
 * otherwise. It packs with --ignore-scripts: `prepare` would rebuild dist/ while other test files
 * read it, so dist/ must be built first (`npm test` does).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const ENABLED = process.env.K8S_LINT_PACK_TEST === '1' || (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false');
const MAX_TARBALL_BYTES = 1024 * 1024;
const SHOP = path.join(ROOT, 'fixtures', 'examples', 'shop');
const GUESTBOOK = path.join(ROOT, 'fixtures', 'examples', 'guestbook');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}

/**
 * The environment without what `npm test` adds (npm_*: the outer project's prefix and config), and
 * without FORCE_COLOR: beside NO_COLOR, even empty, Node 22 and later warn on stderr that it wins.
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(key) || key === 'INIT_CWD' || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 });
}

function npx(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', args, { cwd, env: cleanEnv(), encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** stderr without npm's own notices (e.g. about the user's npmrc). */
function ownStderr(result: SpawnSyncReturns<string>): string {
  return result.stderr
    .split('\n')
    .filter((line) => !/^npm (warn|notice)\b/i.test(line))
    .join('\n')
    .trim();
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: number; line: number; column: number }>;
}

describe.skipIf(!ENABLED)('npm pack (set K8S_LINT_PACK_TEST=1 to run outside CI)', { timeout: 60_000 }, () => {
  let work: string;
  let pack: PackResult;
  let tarball: string;
  /** A fresh project with the tarball installed as a dependency. */
  let installed: string;

  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is not built: run `npm run build` (npm test does) before this test');
    work = mkdtempSync(path.join(tmpdir(), 'k8s-lint-pack-'));
    const stdout = ok(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT), 'npm pack');
    pack = (JSON.parse(stdout) as PackResult[])[0];
    tarball = path.join(work, pack.filename);

    installed = path.join(work, 'project');
    mkdirSync(installed);
    writeFileSync(path.join(installed, 'package.json'), `${JSON.stringify({ name: 'pack-test-project', private: true }, null, 2)}\n`);
    ok(npm(['install', '--no-package-lock', tarball], installed), `npm install ${pack.filename}`);
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(`stays under ${MAX_TARBALL_BYTES / 1024} KiB and ships what the CLI needs, without tests or fixtures`, () => {
    console.info(`k8s-lint tarball: ${pack.filename}, ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.files.length} files`);
    expect(pack.filename).toBe(`${PACKAGE.name}-${PACKAGE.version}.tgz`);
    expect(pack.size).toBeLessThan(MAX_TARBALL_BYTES);
    const files = pack.files.map((f) => f.path);
    for (const required of ['package.json', 'README.md', 'RULES.md', 'bin/k8s-lint.js', 'bin/code-cache.js', 'bin/package.json', 'dist/cli.cjs', 'dist/cli.js', 'schemas/index.json', 'k8s-lint.schema.json', 'dist/rule-api.js', 'dist/src/rule-api.d.ts']) {
      expect(files).toContain(required);
    }
    expect(files.filter((f) => /^(test|fixtures|src|rules|scripts|\.github|\.ci|node_modules|dist\/test)\//.test(f))).toEqual([]);
    // TypeScript sources stay out; declarations ship for `k8s-lint/rule-api` (plugins).
    expect(files.filter((f) => (/\.ts$/.test(f) && !/^dist\/.*\.d\.ts$/.test(f)) || /\.tgz$/.test(f))).toEqual([]);
    // The bundle only: no unbundled JavaScript, no internal entries (scripts' engine and rule list), no build metadata.
    expect(files.filter((f) => f.startsWith('dist/') && !/^dist\/[\w-]+\.js$/.test(f) && f !== 'dist/cli.cjs' && !/\.d\.ts$/.test(f))).toEqual([]);
    expect(files).not.toContain('dist/engine.js');
    expect(files).not.toContain('dist/rules.js');
    // Every chunk a shipped file imports ships too.
    for (const file of files.filter((f) => /^dist\/[\w-]+\.c?js$/.test(f))) {
      for (const [, chunk] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/["']\.\/([\w-]+\.c?js)["']/g)) expect(files, `${file} imports ${chunk}`).toContain(`dist/${chunk}`);
    }
  });

  it('installs no dependency the bundle already holds', () => {
    const manifest = JSON.parse(readFileSync(path.join(installed, 'node_modules', 'k8s-lint', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['kubernetes-types', 'yaml']);
    for (const bundled of ['ajv', 'js-yaml', 'fast-glob', 'vscode-languageserver', 'eslint-formatter-pretty']) expect(existsSync(path.join(installed, 'node_modules', bundled)), bundled).toBe(false);
  });

  it('resolves the `k8s-lint/rule-api` export and its type declarations', () => {
    const script = "const url = import.meta.resolve('k8s-lint/rule-api'); const api = await import(url); console.log(url.slice(url.indexOf('/node_modules/')), typeof api.defineRule, api.RULE_API_VERSION);";
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: installed, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^\/node_modules\/k8s-lint\/dist\/rule-api\.js function \d+\n$/);
    const exported = (JSON.parse(readFileSync(path.join(installed, 'node_modules', 'k8s-lint', 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> }).exports['./rule-api'];
    expect(existsSync(path.join(installed, 'node_modules', 'k8s-lint', exported.types))).toBe(true);
  });

  it('runs from an installed tarball: findings and exit 1 on the broken example', () => {
    const result = npx(['--no', '--', 'k8s-lint', '-f', 'json', SHOP], installed);
    expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (package|module)/);
    expect(result.status).toBe(1);
    const results = JSON.parse(result.stdout) as JsonResult[];
    const rules = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(rules).toContain('service-selector-mismatch');
    expect(rules).toContain('missing-secret');
    expect(results.flatMap((r) => r.messages).length).toBeGreaterThan(3);
  });

  it('passes the sound example, prints its version, and formats stylish and SARIF', () => {
    const clean = npx(['--no', '--', 'k8s-lint', GUESTBOOK], installed);
    // Only the note that the cert-manager Certificate (no CRD in the example) was not schema-checked.
    expect(ownStderr(clean)).toMatch(/^(k8s-lint: 1 object\(s\) of custom kinds were not schema-checked[^\n]*\n?)?$/);
    expect(clean.status).toBe(0);
    expect(ok(npx(['--no', '--', 'k8s-lint', '--version'], installed), 'k8s-lint --version').trim()).toBe(PACKAGE.version);
    // stylish loads eslint-formatter-pretty and chalk; sarif reads package.json for the tool version.
    const stylish = npx(['--no', '--', 'k8s-lint', SHOP], installed);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/service-selector-mismatch/);
    const sarif = npx(['--no', '--', 'k8s-lint', '-f', 'sarif', SHOP], installed);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ tool: { driver: { version: string } }; results: unknown[] } > };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.version).toBe(PACKAGE.version);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  it('reads a configuration file, validated with the shipped k8s-lint.schema.json', () => {
    const config = path.join(work, 'k8s-lint-config.yaml');
    writeFileSync(config, 'kubernetesVersion: 1.29\nrules:\n  missing-secret: "off"\n');
    const result = npx(['--no', '--', 'k8s-lint', '-f', 'json', '-c', config, SHOP], installed);
    const rules = new Set((JSON.parse(result.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect(rules).not.toContain('missing-secret');
    expect(rules).toContain('service-selector-mismatch');
    writeFileSync(config, 'kubernetesVersion: 1.29\nrulez: {}\n');
    const invalid = npx(['--no', '--', 'k8s-lint', '-c', config, SHOP], installed);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/rulez/);
  });

  it('loads a plugin written against the `k8s-lint/rule-api` export of the installed package', () => {
    const plugin = path.join(installed, 'team-plugin.mjs');
    writeFileSync(
      plugin,
      `import { definePlugin, defineRule, RULE_API_VERSION } from 'k8s-lint/rule-api';
export default definePlugin({ name: 'team', ruleApiVersion: RULE_API_VERSION, rules: [defineRule({
  id: 'needs-label', severity: 'error', description: 'd', docs: { why: 'w', fix: 'f' }, messages: { m: 'no team label on {{kind}}' },
  check({ resource, report }) { if (!resource.value.metadata?.labels?.team) report(resource.node('metadata'), 'm', { kind: resource.kind }); },
})] });
`,
    );
    const config = path.join(installed, '.k8s-lint.yaml');
    writeFileSync(config, 'plugins: [./team-plugin.mjs]\n');
    try {
      const result = npx(['--no', '--', 'k8s-lint', '-f', 'json', path.join(GUESTBOOK)], installed);
      expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED|Cannot find (package|module)/);
      expect(result.status).toBe(1);
      expect((JSON.parse(result.stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('team/needs-label');
    } finally {
      rmSync(config);
    }
  });

  it('runs with `npx ./k8s-lint-<version>.tgz` in a fresh folder', () => {
    const fresh = path.join(work, 'fresh');
    mkdirSync(fresh);
    copyFileSync(tarball, path.join(fresh, pack.filename));
    const result = npx(['--yes', `./${pack.filename}`, '-f', 'json', SHOP], fresh);
    expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (package|module)/);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as JsonResult[]).some((r) => r.messages.length > 0)).toBe(true);
  }, 120_000);
});
