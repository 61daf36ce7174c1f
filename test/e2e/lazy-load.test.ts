/**
 * A plain CLI run pays for nothing it does not use: no language server, no plugin loader, no CEL.
 * A module-resolution hook records every module the built CLI loads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');
const OPTIONAL = /\/dist\/src\/(lsp\/|cel\/|plugins\.js|custom-rules\.js)|\/node_modules\/(vscode-|@marcbachmann\/)/;

describe('lazy loading', { timeout: 30_000 }, () => {
  let dir: string;
  let register: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-lazy-'));
    const hooks = path.join(dir, 'hooks.mjs');
    writeFileSync(hooks, "export async function resolve(specifier, context, next) {\n  const result = await next(specifier, context);\n  process.stderr.write(`LOADED ${result.url}\\n`);\n  return result;\n}\n");
    register = path.join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function loaded(args: string[], cwd: string): string[] {
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return [...result.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]);
  }

  it('loads no language server, plugin loader or CEL in a run that does not use them', () => {
    const modules = loaded(['-f', 'json', path.join(ROOT, 'fixtures', 'examples', 'shop')], ROOT);
    expect(modules.some((url) => url.endsWith('/dist/src/engine.js'))).toBe(true);
    expect(modules.filter((url) => OPTIONAL.test(url))).toEqual([]);
  });

  it('loads CEL when the configuration declares custom rules', () => {
    const modules = loaded(['-f', 'json', 'manifests'], path.join(ROOT, 'fixtures', 'custom-rules'));
    expect(modules.some((url) => url.endsWith('/dist/src/cel/index.js'))).toBe(true);
    expect(modules.filter((url) => /\/lsp\/|plugins\.js|vscode-/.test(url))).toEqual([]);
  });
});
