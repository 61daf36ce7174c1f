/** `plugins:` in the configuration file: loading, the prefixed ids, and every way a plugin can be wrong. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { lint } from '../src/engine.js';
import { allRules } from '../rules/index.js';
import { ROOT } from './helpers/test-rule.js';

const IDS = allRules.map((rule) => rule.id);
const PROJECT = path.join(ROOT, 'fixtures', 'plugins', 'project');

const RULE = `{ id: 'always', severity: 'warn', description: 'd', messages: { m: 'found {{kind}}' }, check({ resource, report }) { report(resource.node('kind'), 'm', { kind: resource.kind }); } }`;

describe('plugins', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-plugins-'));
    const modules: Record<string, string> = {
      'good.mjs': `export default { name: 'good', rules: [${RULE}] };`,
      'also-good.mjs': `export default { name: 'good', rules: [] };`,
      'throws.mjs': `throw new Error('boom at import');`,
      'not-a-plugin.mjs': `export default 42;`,
      'bad-name.mjs': `export default { name: 'Acme Corp', rules: [] };`,
      'no-check.mjs': `export default { name: 'x', rules: [{ id: 'a', severity: 'warn', description: 'd', messages: {} }] };`,
      'future.mjs': `export default { name: 'x', ruleApiVersion: 2, rules: [] };`,
      'twice.mjs': `export default { name: 'x', rules: [${RULE}, ${RULE}] };`,
      'crash.mjs': `export default { name: 'crash', rules: [{ id: 'boom', severity: 'error', description: 'd', messages: {}, check() { throw new Error('kaput'); } }] };`,
      'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
    };
    for (const [name, text] of Object.entries(modules)) writeFileSync(path.join(dir, name), text);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function configWith(text: string) {
    const file = path.join(dir, '.k8s-lint.yaml');
    writeFileSync(file, text);
    return loadConfig(file, IDS, '.k8s-lint.yaml');
  }

  it('adds the rules of the example plugin with prefixed ids, configured like built-in rules', async () => {
    const loaded = await loadConfig(path.join(PROJECT, '.k8s-lint.yaml'), IDS);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.loaded.rules!.map((rule) => rule.id)).toEqual(['acme/require-team-label', 'acme/team-label-mismatch']);
    expect(loaded.loaded.rules![0].docs.url).toMatch(/fixtures\/plugins\/acme$/);
    const output = await lint([{ path: 'manifests' }], {
      cwd: PROJECT,
      ruleSet: [...allRules, ...loaded.loaded.rules!],
      rules: loaded.loaded.config.rules,
      related: true,
    });
    expect(output.results[0].messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['acme/require-team-label', 2, 5, 3],
      ['acme/team-label-mismatch', 2, 47, 11],
    ]);
    expect(output.results[0].messages[1]).toMatchObject({
      message: 'Service `api` is labelled `team=storefront`, but it selects pods of Deployment `api` (`team=payments`)',
      related: [{ message: 'Deployment `api` belongs to team `payments`', line: 26, column: 11 }],
    });
  });

  it.each([
    ['./missing.mjs', /plugins\[0\]`: plugin `\.\/missing\.mjs`: not found: no file `.*missing\.mjs`$/],
    ['k8s-lint-plugin-not-installed', /plugin `k8s-lint-plugin-not-installed`: not found: .*no installed package `k8s-lint-plugin-not-installed`/],
    ['js-yaml', /plugin `js-yaml`: does not export a plugin: its default export must be `\{ name, rules \}`/],
    ['./throws.mjs', /plugin `\.\/throws\.mjs`: cannot be loaded: boom at import$/],
    ['./not-a-plugin.mjs', /does not export a plugin/],
    ['./bad-name.mjs', /is named `Acme Corp`; a plugin name is kebab-case/],
    ['./no-check.mjs', /rule `a` needs a `check` function$/],
    ['./future.mjs', /was written for rule API version 2, but this k8s-lint provides version 1/],
    ['./twice.mjs', /defines rule `always` twice$/],
  ])('names plugin %s and its line when it cannot be used', async (specifier, message) => {
    const result = await configWith(`rules: {}\nplugins:\n  - ${specifier}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^\.k8s-lint\.yaml:3:5: /);
      expect(result.message).toMatch(message);
    }
  });

  it('refuses two plugins of one name, and unknown plugin rule ids with a suggestion', async () => {
    const clash = await configWith('plugins: [./good.mjs, ./also-good.mjs]\n');
    expect(clash.ok || clash.message).toMatch(/^\.k8s-lint\.yaml:1:23: `plugins\[1\]`: plugin `\.\/also-good\.mjs` is named `good`, like plugin `\.\/good\.mjs`/);
    const unknown = await configWith('plugins: [./good.mjs]\nrules:\n  good/alway: error\n');
    expect(unknown.ok || unknown.message).toMatch(/`rules.good\/alway`: unknown rule `good\/alway`; did you mean `good\/always`\?/);
  });

  it('turns a crashing plugin rule into an internal-error finding and keeps linting', async () => {
    const result = await configWith('plugins: [./good.mjs, ./crash.mjs]\n');
    if (!result.ok) throw new Error(result.message);
    const output = await lint([{ path: 'app.yaml' }], { cwd: dir, ruleSet: [...allRules, ...result.loaded.rules!] });
    expect(output.internalError).toBe(true);
    expect(output.results[0].messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['good/always', 'found ConfigMap'],
      ['internal-error', 'Internal error in rule `crash/boom` on ConfigMap `settings`: kaput (please report this)'],
    ]);
  });
});
