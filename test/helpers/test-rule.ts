/**
 * `testRule(rule, { valid, invalid })`: runs inline cases and every fixture under
 * fixtures/rules/<id>/{valid,invalid}/. In an invalid fixture, a comment line of carets under
 * a line marks an expected diagnostic: `#      ^^^^^ rule-id`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../../src/engine.js';
import type { LintMessage } from '../../src/model.js';
import type { Rule } from '../../src/rule-api.js';
import yamlSyntax from '../../rules/yaml-syntax.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MARKER = /^\s*#(\s*)(\^+)\s+([a-z0-9-]+)\s*$/;

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  readonly options?: LintOptions;
}

export interface ExpectedMessage {
  readonly message: string | RegExp;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity?: 1 | 2;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedMessage[];
}

interface Marker {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
}

/** Caret markers of a fixture: each refers to the nearest line above that is not a marker. */
export function parseMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  let target = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    const match = MARKER.exec(line);
    if (!match) {
      target = i + 1;
      return;
    }
    const column = line.indexOf('^') + 1;
    markers.push({ ruleId: match[3], line: target, column, endColumn: column + match[2].length });
  });
  return markers;
}

/** Lints `code` with `rule` alone (and `yaml-syntax`), values deep-frozen. */
export async function lintText(code: string, rule: Rule, options: LintOptions = {}, filePath = 'test.yaml'): Promise<LintMessage[]> {
  const ruleSet = rule.id === yamlSyntax.id ? [rule] : [yamlSyntax, rule];
  const output = await lint([{ path: filePath, text: code }], { ruleSet, ...options, freeze: true });
  if (output.errors.length > 0) throw new Error(`lint refused the case: ${output.errors.join('; ')}`);
  return output.results.flatMap((r) => r.messages);
}

/**
 * A fixture may pin its target version with a `# kubernetes-version: 1.24` comment line, and set
 * other engine options with `# lint-options: {"reportUnusedDisableDirectives": true}`.
 */
export function fixtureOptions(text: string): LintOptions {
  const pinned = /^#\s*kubernetes-version:\s*(\S+)\s*$/m.exec(text);
  const options = /^#\s*lint-options:\s*(\{.*\})\s*$/m.exec(text);
  return { ...(options ? (JSON.parse(options[1]) as LintOptions) : {}), ...(pinned ? { kubernetesVersion: pinned[1] } : {}) };
}

function fixtureFiles(ruleId: string, kind: 'valid' | 'invalid'): string[] {
  const dir = path.join(ROOT, 'fixtures', 'rules', ruleId, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join(dir, f));
}

function comparable(m: { ruleId: string; line: number; column: number; endColumn: number }, singleLine: boolean) {
  return `${m.ruleId}@${m.line}:${m.column}${singleLine ? `-${m.endColumn}` : ''}`;
}

export function testRule(rule: Rule, cases: { valid?: readonly ValidCase[]; invalid?: readonly InvalidCase[] }): void {
  describe(rule.id, () => {
    const validFixtures = fixtureFiles(rule.id, 'valid');
    const invalidFixtures = fixtureFiles(rule.id, 'invalid');

    it('has valid and invalid fixtures', () => {
      expect(validFixtures.length).toBeGreaterThan(0);
      expect(invalidFixtures.length).toBeGreaterThan(0);
    });

    for (const file of validFixtures) {
      it(`valid fixture ${path.basename(file)}`, async () => {
        const text = readFileSync(file, 'utf8');
        expect(parseMarkers(text)).toEqual([]);
        expect(await lintText(text, rule, fixtureOptions(text), file)).toEqual([]);
      });
    }

    for (const file of invalidFixtures) {
      it(`invalid fixture ${path.basename(file)}`, async () => {
        const text = readFileSync(file, 'utf8');
        const markers = parseMarkers(text);
        expect(markers.length, 'an invalid fixture needs at least one caret marker').toBeGreaterThan(0);
        const messages = await lintText(text, rule, fixtureOptions(text), file);
        const actual = messages.map((m) => comparable(m, m.endLine === m.line)).sort();
        const expected = markers
          .map((marker) => {
            const match = messages.find((m) => m.line === marker.line && m.column === marker.column && m.ruleId === marker.ruleId);
            return comparable(marker, match ? match.endLine === match.line : true);
          })
          .sort();
        expect(actual, messages.map((m) => `${m.line}:${m.column} ${m.message}`).join('\n')).toEqual(expected);
      });
    }

    for (const [i, testCase] of (cases.valid ?? []).entries()) {
      it(`valid case ${testCase.name ?? i}`, async () => {
        expect(await lintText(testCase.code, rule, testCase.options)).toEqual([]);
      });
    }

    for (const [i, testCase] of (cases.invalid ?? []).entries()) {
      it(`invalid case ${testCase.name ?? i}`, async () => {
        const messages = await lintText(testCase.code, rule, testCase.options);
        expect(messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toHaveLength(testCase.errors.length);
        testCase.errors.forEach((expected, j) => {
          const actual = messages[j];
          expect(actual.ruleId).toBe(rule.id);
          if (typeof expected.message === 'string') expect(actual.message).toBe(expected.message);
          else expect(actual.message).toMatch(expected.message);
          expect({ line: actual.line, column: actual.column }).toEqual({ line: expected.line, column: expected.column });
          if (expected.endLine !== undefined) expect(actual.endLine).toBe(expected.endLine);
          if (expected.endColumn !== undefined) expect(actual.endColumn).toBe(expected.endColumn);
          if (expected.severity !== undefined) expect(actual.severity).toBe(expected.severity);
        });
      });
    }
  });
}
