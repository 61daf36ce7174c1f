/**
 * `testFixes(rule)`: for each `fixtures/fix/<id>/<case>.before.yaml`, `--fix` with the rule alone
 * must turn it into `<case>.after.yaml` byte for byte, and fixing that again must change nothing.
 * A `<case>.before.yaml` without an `.after.yaml` must get no fix at all. Fixture comments
 * `# kubernetes-version:` and `# lint-options:` apply as in rule fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import type { Rule } from '../../src/rule-api.js';
import yamlSyntax from '../../rules/yaml-syntax.js';
import { fixtureOptions, ROOT } from './test-rule.js';

export async function fixText(text: string, rule: Rule, file = 'test.yaml') {
  const output = await lint([{ path: file, text }], { ruleSet: [yamlSyntax, rule], freeze: true, fix: true, ...fixtureOptions(text) });
  if (output.errors.length > 0) throw new Error(output.errors.join('; '));
  return output.results[0];
}

export function testFixes(rule: Rule): void {
  const dir = path.join(ROOT, 'fixtures', 'fix', rule.id);
  const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.before.yaml')).sort() : [];
  describe(`${rule.id} fixes`, () => {
    it('has before/after fixtures and declares fixable', () => {
      expect(rule.fixable).toBe(true);
      expect(cases.filter((f) => existsSync(path.join(dir, f.replace('.before.', '.after.'))))).not.toEqual([]);
    });
    for (const name of cases) {
      const before = path.join(dir, name);
      const after = before.replace(/\.before\.yaml$/, '.after.yaml');
      it(existsSync(after) ? `fixes ${name}` : `offers no fix in ${name}`, async () => {
        const result = await fixText(readFileSync(before, 'utf8'), rule, before);
        if (!existsSync(after)) {
          expect(result.messages.length, 'the case must have findings').toBeGreaterThan(0);
          expect(result.output).toBeUndefined();
          return;
        }
        const expected = readFileSync(after, 'utf8');
        expect(result.output).toBe(expected);
        const again = await fixText(expected, rule, after);
        expect(again.output, 'a second --fix changes nothing').toBeUndefined();
        expect(again.messages.filter((m) => m.fix)).toEqual([]);
      });
    }
  });
}
