/**
 * A run pays for nothing it does not use. A module-resolution hook records every file the bundled
 * CLI (bin/k8s-lint.js -> dist/) loads; the build's metafile (dist/meta.json) says which sources
 * each chunk holds, so a source that slips into the start-up path of a run fails here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
/** Started by BIN, which compiles the core (dist/cli.cjs) itself, out of sight of module hooks. */
const BIN_FILES = [BIN, path.join(ROOT, 'bin', 'code-cache.js')].map((file) => pathToFileURL(file).href);
const CORE = pathToFileURL(path.join(ROOT, 'dist', 'cli.cjs')).href;
const META = path.join(ROOT, 'dist', 'meta.json');

const SHOP = path.join(ROOT, 'fixtures', 'examples', 'shop');

/** What `npm run bench` times for the cold start: a Deployment and its Service, without findings. */
const CLEAN = path.join(ROOT, 'fixtures', 'e2e', 'cold-start', 'deployment-and-service.yaml');

/** Sources only some runs need: each must stay out of a run that does not use it. */
const OPTIONAL: Record<string, RegExp> = {
  'language server': /^src\/lsp\/|node_modules\/vscode-/,
  'plugin loader': /^src\/(plugins|custom-rules)\.ts$/,
  CEL: /^src\/cel\/|node_modules\/@marcbachmann\//,
  'CRD folders': /^src\/crds\/folders\.ts$/,
  ajv: /node_modules\/ajv\//,
  fixes: /^src\/fix\/(apply|passes|resolve|write)\.ts$/,
  'chart and kustomization rendering': /^src\/units\/(helm|kustomize|render|render-run|source-map|template-lines)\.ts$/,
  'stylish formatter': /^src\/formatters\/stylish\.ts$|node_modules\/(eslint-formatter-pretty|chalk)\//,
  'sarif formatter': /^src\/formatters\/sarif\.ts$/,
  'junit formatter': /^src\/formatters\/junit\.ts$/,
  'github formatter': /^src\/formatters\/github\.ts$/,
  'yaml package': /node_modules\/yaml\//,
};

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

describe.skipIf(!existsSync(META))('what a run of the bundle loads', { timeout: 60_000 }, () => {
  let dir: string;
  let register: string;
  /** dist file URL -> the sources it holds. */
  const sources = new Map<string, string[]>();

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-lazy-'));
    const hooks = path.join(dir, 'hooks.mjs');
    // Written synchronously: the hooks run on their own thread, whose buffered writes may be lost at exit.
    writeFileSync(hooks, "import { writeSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  writeSync(2, `LOADED ${result.url}\\n`);\n  return result;\n}\n");
    register = path.join(dir, 'register.mjs');
    // The bin is CommonJS: what it and the core `require` goes through Module._load, not the hooks.
    const requires = [
      "import Module from 'node:module';",
      "import { writeSync } from 'node:fs';",
      "import { pathToFileURL } from 'node:url';",
      'const load = Module._load;',
      'Module._load = function (request, parent, isMain) {',
      '  const exports = load.apply(this, arguments);',
      '  try {',
      '    const resolved = Module._resolveFilename(request, parent, isMain);',
      "    writeSync(2, `LOADED ${Module.isBuiltin(resolved) ? (resolved.startsWith('node:') ? resolved : `node:${resolved}`) : pathToFileURL(resolved).href}\\n`);",
      '  } catch {}',
      '  return exports;',
      '};',
    ].join('\n');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n${requires}\n`);
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    for (const [output, { inputs }] of Object.entries(meta.outputs)) sources.set(pathToFileURL(path.join(ROOT, output)).href, Object.keys(inputs));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function argv(args: string[]): string[] {
    return ['--import', pathToFileURL(register).href, BIN, ...args];
  }

  /** The sources in the files a run loaded (always the core); every file it loads from the package is in the bundle. */
  function loadedSources(stderr: string): string[] {
    const files = [...new Set([...stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]))];
    const own = files.filter((url) => !url.includes('/node_modules/') && fileURLToPath(url).startsWith(ROOT));
    expect(own.filter((url) => !sources.has(url) && !BIN_FILES.includes(url)), 'files outside the bundle').toEqual([]);
    expect(own).toEqual(expect.arrayContaining(BIN_FILES));
    return [CORE, ...own].flatMap((url) => sources.get(url) ?? []);
  }

  function run(args: string[], cwd = ROOT, builtins?: string[], files?: string[]): string[] {
    const result = spawnSync(process.execPath, argv(args), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
    expect(result.status, result.stderr).toBeLessThan(2);
    builtins?.push(...new Set([...result.stderr.matchAll(/^LOADED (node:\S+)$/gm)].map((m) => m[1])));
    files?.push(...new Set([...result.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => path.relative(ROOT, fileURLToPath(m[1])))));
    return loadedSources(result.stderr);
  }

  function unexpected(loaded: string[], allowed: string[]): string[] {
    return Object.entries(OPTIONAL)
      .filter(([name]) => !allowed.includes(name))
      .flatMap(([name, pattern]) => loaded.filter((source) => pattern.test(source)).map((source) => `${name}: ${source}`));
  }

  it('loads the engine and rules but no formatter, yaml, ajv, CEL, fixes or server for a clean file in the default format', () => {
    const builtins: string[] = [];
    const files: string[] = [];
    const loaded = run([CLEAN], ROOT, builtins, files);
    // Each file costs a resolution, a read, a compile and a link: what every run needs is the bin and
    // the core (required on Node >= 22.1; on Node 20 code-cache.js compiles it, out of the hooks' sight).
    expect(files.filter((file) => file !== path.join('dist', 'cli.cjs')).sort()).toEqual([path.join('bin', 'code-cache.js'), path.join('bin', 'k8s-lint.js')]);
    // Built-ins that load streams (or more) cost milliseconds each: only runs that use them load them.
    expect(builtins.filter((name) => /^node:(child_process|v8|tty|net|stream|worker_threads|crypto)$/.test(name))).toEqual([]);
    expect(builtins).toContain('node:fs');
    expect(loaded).toContain('src/engine.ts');
    expect(loaded).toContain('rules/index.ts');
    expect(unexpected(loaded, [])).toEqual([]);
  });

  it('holds each module once: lazy files and the other entries import the start-up file\'s modules', () => {
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    const holders = new Map<string, string[]>();
    for (const [output, { inputs }] of Object.entries(meta.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) if (bytesInOutput > 0) holders.set(input, [...(holders.get(input) ?? []), output]);
    }
    expect([...holders].filter(([, outputs]) => outputs.length > 1)).toEqual([]);
    expect(holders.get('src/engine.ts')).toEqual(['dist/cli.cjs']);
    // One instance of each module in a process: what the other entries export is what the core holds.
    const url = (name: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', name)).href);
    const script = `const { default: cli } = await import(${url('cli.js')});
const held = Object.entries(cli).filter(([name]) => /^__k\\d+$/.test(name)).flatMap(([, ns]) => Object.values(ns));
const [{ allRules }, { lint }, { defineRule }] = await Promise.all([import(${url('rules.js')}), import(${url('engine.js')}), import(${url('rule-api.js')})]);
console.log(JSON.stringify([allRules, lint, defineRule].map((value) => held.includes(value))));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([true, true, true]);
  });

  it('loads nothing optional but yaml and fixes for the findings in json (the one-line json formatter is in the start-up file)', () => {
    const loaded = run(['-f', 'json', SHOP]);
    expect(loaded).toContain('src/formatters/json.ts');
    expect(unexpected(loaded, ['yaml package', 'fixes'])).toEqual([]);
  });

  it('loads the stylish formatter only when there is something to print', () => {
    const loaded = run([SHOP]);
    expect(loaded).toContain('src/formatters/stylish.ts');
    expect(unexpected(loaded, ['stylish formatter', 'yaml package', 'fixes'])).toEqual([]);
  });

  it('loads CEL when the configuration declares custom rules, and ajv to validate that configuration', () => {
    const loaded = run(['-f', 'json', 'manifests'], path.join(ROOT, 'fixtures', 'custom-rules'));
    expect(loaded.some((source) => OPTIONAL.CEL.test(source))).toBe(true);
    expect(unexpected(loaded, ['CEL', 'ajv', 'plugin loader', 'yaml package'])).toEqual([]);
  });

  it('loads the language server, and no formatter, for --lsp', async () => {
    const child = spawn(process.execPath, argv(['--lsp', '--stdio']), { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const send = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    await new Promise((resolve) => child.once('exit', resolve));
    const loaded = loadedSources(stderr);
    expect(loaded).toContain('src/lsp/server.ts');
    expect(loaded.some((source) => /node_modules\/vscode-languageserver\//.test(source))).toBe(true);
    expect(unexpected(loaded, ['language server', 'plugin loader', 'fixes', 'yaml package'])).toEqual([]);
  });
});
