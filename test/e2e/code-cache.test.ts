/**
 * bin/code-cache.js: on Node 20 (no `module.enableCompileCache`), the core of the bundle runs with
 * a V8 code cache kept in `$NODE_COMPILE_CACHE` or a folder of the user's own under the temporary
 * folder. A cache, missing, stale, corrupt or unwritable, never changes what a run prints.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const FINDING = path.join(ROOT, 'fixtures', 'examples', 'bookstore-broken');
const NODE_CACHES = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(NODE_CACHES || !existsSync(path.join(ROOT, 'dist', 'cli.cjs')))('the code cache of the core on Node 20', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-code-cache-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function lint(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
    const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };
    const result = spawnSync(process.execPath, [BIN, '--format', 'json', FINDING], { cwd: ROOT, encoding: 'utf8', env: { ...base, ...env } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const caches = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.cache')) : []);
  let expected: ReturnType<typeof lint>;

  it('writes no cache when NODE_DISABLE_COMPILE_CACHE is set', () => {
    const folder = path.join(dir, 'disabled');
    expected = lint({ NODE_COMPILE_CACHE: folder, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(expected.status).toBe(1);
    expect(JSON.parse(expected.stdout).length).toBeGreaterThan(0);
    expect(caches(folder)).toEqual([]);
  });

  it('writes the cache after the first run, then uses it unchanged, with the same output', () => {
    const folder = path.join(dir, 'fresh');
    expect(lint({ NODE_COMPILE_CACHE: folder })).toEqual(expected);
    const [cache] = caches(folder);
    expect(cache).toMatch(new RegExp(`^k8s-lint-cli-${process.version}-${process.arch}-\\d+-\\d+\\.cache$`));
    const written = readFileSync(path.join(folder, cache));
    expect(written.length).toBeGreaterThan(100_000);
    expect(lint({ NODE_COMPILE_CACHE: folder })).toEqual(expected);
    // A cache V8 rejected would be written again.
    expect(readFileSync(path.join(folder, cache)).equals(written)).toBe(true);
    expect(readdirSync(folder)).toEqual([cache]);
  });

  it('removes the caches of other builds not written for a day when it writes its own', () => {
    const folder = path.join(dir, 'stale');
    mkdirSync(folder);
    const old = path.join(folder, 'k8s-lint-cli-v0.0.0-x64-1-1.cache');
    const recent = path.join(folder, 'k8s-lint-cli-v0.0.0-x64-2-2.cache');
    const unrelated = path.join(folder, 'other.cache');
    for (const file of [old, recent, unrelated]) writeFileSync(file, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    for (const file of [old, unrelated]) utimesSync(file, twoDaysAgo, twoDaysAgo);
    expect(lint({ NODE_COMPILE_CACHE: folder })).toEqual(expected);
    expect(caches(folder).filter((name) => name.startsWith(`k8s-lint-cli-${process.version}`))).toHaveLength(1);
    expect([existsSync(old), existsSync(recent), existsSync(unrelated)]).toEqual([false, true, true]);
  });

  it('replaces a corrupt cache, with the same output', () => {
    const folder = path.join(dir, 'corrupt');
    lint({ NODE_COMPILE_CACHE: folder });
    const [cache] = caches(folder);
    writeFileSync(path.join(folder, cache), Buffer.alloc(4096, 7));
    expect(lint({ NODE_COMPILE_CACHE: folder })).toEqual(expected);
    expect(readFileSync(path.join(folder, cache)).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('runs as usual when the cache cannot be written', () => {
    const blocked = path.join(dir, 'a-file');
    writeFileSync(blocked, '');
    expect(lint({ NODE_COMPILE_CACHE: path.join(blocked, 'cache') })).toEqual(expected);
  });

  it('keeps the cache a run that tunes V8 wrote (1 MB of manifests: the young generation is held, then restored)', () => {
    const folder = path.join(dir, 'tuned');
    const manifests = path.join(dir, 'tuned-manifests');
    mkdirSync(manifests);
    const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: shop\ndata:\n  LOG_LEVEL: info\n  NOTE: ${'x'.repeat(60)}\n`;
    writeFileSync(path.join(manifests, 'many.yaml'), Array.from({ length: 9000 }, (_, i) => doc(i)).join('---\n'));
    expect(statSync(path.join(manifests, 'many.yaml')).size).toBeGreaterThan(1024 * 1024);
    const run = () => spawnSync(process.execPath, [BIN, '--format', 'json', manifests], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: folder, NODE_DISABLE_COMPILE_CACHE: undefined } });
    const first = run();
    expect(first.status).toBe(0);
    const [cache] = caches(folder);
    const written = readFileSync(path.join(folder, cache));
    expect(run().stdout).toBe(first.stdout);
    // A cache written with the run's own V8 flags would be rejected by the next run, and written again.
    expect(readFileSync(path.join(folder, cache)).equals(written)).toBe(true);
  });

  it.skipIf(process.getuid === undefined)('keeps its default cache in a folder only the user can write', () => {
    const temp = path.join(dir, 'tmp');
    mkdirSync(temp);
    const folder = path.join(temp, `k8s-lint-compile-cache-${process.getuid!()}`);
    expect(lint({ TMPDIR: temp })).toEqual(expected);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(caches(folder)).toHaveLength(1);
    // A folder others can write may hold a planted cache: not used, not written.
    rmSync(folder, { recursive: true });
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    expect(lint({ TMPDIR: temp })).toEqual(expected);
    expect(caches(folder)).toEqual([]);
  });
});

describe.skipIf(!existsSync(path.join(ROOT, 'dist', 'cli.cjs')))('the core as bin/code-cache.js loads it', () => {
  it('gives lazy files the instance of the core it ran', () => {
    const url = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);
    const script = `const { loadCore } = await import(${url('bin/code-cache.js')});
const core = loadCore(new URL(${url('dist/cli.cjs')}), { NODE_DISABLE_COMPILE_CACHE: '1' });
const held = Object.entries(core).filter(([name]) => /^__k\\d+$/.test(name)).flatMap(([, ns]) => Object.values(ns));
const { allRules } = await import(${url('dist/rules.js')});
const { default: face } = await import(${url('dist/cli.js')});
console.log(JSON.stringify([held.includes(allRules), face === core]));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([true, true]);
  });
});
