/** The shape in STYLE.md: arrows point one way. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/test-rule.js';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

const RULE_FILES = sources('rules').filter((f) => f !== path.join('rules', 'index.ts'));

describe('architecture', () => {
  it('rules import only src/rule-api.ts (and packages)', () => {
    for (const file of RULE_FILES) {
      const relative = imports(file).filter((spec) => spec.startsWith('.'));
      expect(relative, file).toEqual(relative.filter((spec) => spec === '../src/rule-api.js'));
    }
  });

  it('only the engine, the CLI, the lint worker and the docs see the rule registry', () => {
    for (const file of sources('src')) {
      const toRules = imports(file).filter((spec) => spec.includes('/rules/'));
      if (toRules.length > 0) expect(['src/engine.ts', 'src/cli.ts', 'src/parallel/worker.ts'], file).toContain(file);
    }
  });

  it('only cli.ts touches process.argv, stdin, exit codes or stdout', () => {
    for (const file of sources('src').filter((f) => f !== 'src/cli.ts')) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/process\.(argv|stdin|stdout|exit)/);
    }
  });

  it('every rule has id = file name = test name = fixture folder, and is registered', async () => {
    const { allRules } = await import('../rules/index.js');
    const ids = allRules.map((r) => r.id).sort();
    expect(RULE_FILES.map((f) => path.basename(f, '.ts')).sort()).toEqual(ids);
    const tests = readdirSync(path.join(ROOT, 'test', 'rules')).map((f) => f.replace(/\.test\.ts$/, ''));
    const fixtures = readdirSync(path.join(ROOT, 'fixtures', 'rules'));
    for (const id of ids) {
      expect(tests, `test/rules/${id}.test.ts`).toContain(id);
      expect(fixtures, `fixtures/rules/${id}/`).toContain(id);
    }
  });

  it('modules stay under ~300 lines', () => {
    for (const file of [...sources('src'), ...RULE_FILES]) {
      const lines = readFileSync(path.join(ROOT, file), 'utf8').trimEnd().split('\n').length;
      expect(lines, file).toBeLessThanOrEqual(320);
    }
  });
});
