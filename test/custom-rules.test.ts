/** `customRules:` in the configuration file: CEL rules compiled once, their findings, and their errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { parseFieldPath } from '../src/custom-rules.js';
import { lint } from '../src/engine.js';
import { allRules } from '../rules/index.js';
import { ROOT } from './helpers/test-rule.js';

const IDS = allRules.map((rule) => rule.id);
const PROJECT = path.join(ROOT, 'fixtures', 'custom-rules');

describe('customRules', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-custom-'));
    writeFileSync(path.join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function configWith(text: string) {
    const file = path.join(dir, '.k8s-lint.yaml');
    writeFileSync(file, text);
    return loadConfig(file, IDS, '.k8s-lint.yaml');
  }

  it('reports the example rules: per object, across objects (`objects`), at their field paths, with configured severities', async () => {
    const loaded = await loadConfig(path.join(PROJECT, '.k8s-lint.yaml'), IDS);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.loaded.rules!.map((rule) => [rule.id, rule.severity])).toEqual([
      ['custom/min-replicas', 'error'],
      ['custom/unused-configmap', 'warn'],
      ['custom/team-label', 'warn'],
    ]);
    const output = await lint([{ path: 'manifests' }], { cwd: PROJECT, ruleSet: [...allRules, ...loaded.loaded.rules!], rules: loaded.loaded.config.rules, freeze: true });
    expect(output.results[0].messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.message])).toEqual([
      ['custom/min-replicas', 2, 9, 13, 'Deployment `web` runs fewer than 2 replicas in production'],
      ['custom/unused-configmap', 1, 37, 9, 'ConfigMap `leftover` is read by no Deployment of its namespace'],
      ['custom/team-label', 2, 39, 11, 'ConfigMap `leftover` has no `team` label'],
    ]);
  });

  it.each([
    ['expression: "object.spec.replicas >="', 4, 17, /`customRules\[0\].expression`: does not compile: /],
    ['expression: "self.spec.replicas > 1"', 4, 17, /`customRules\[0\].expression`: does not compile: .*self/],
    ["expression: \"'not' + 'a bool'\"", 4, 17, /`customRules\[0\].expression`: must evaluate to a bool, but evaluates to string/],
    ['expression: "true"\n    messageExpression: "object.metadata.name +"', 5, 24, /`customRules\[0\].messageExpression`: does not compile/],
    ['expression: "true"\n    fieldPath: "spec..replicas"', 5, 16, /`customRules\[0\].fieldPath`: `spec..replicas` is not a field path/],
  ])('reports %s at its line in the configuration file', async (line, row, column, message) => {
    const result = await configWith(`customRules:\n  - id: x\n    severity: warn\n    ${line}\n    message: m\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message.startsWith(`.k8s-lint.yaml:${row}:${column}: `), result.message).toBe(true);
      expect(result.message).toMatch(message);
    }
  });

  it('refuses duplicate ids, missing keys, and unknown custom ids in rules', async () => {
    const twice = await configWith('customRules:\n  - {id: x, severity: warn, expression: "true", message: m}\n  - {id: x, severity: warn, expression: "true", message: m}\n');
    expect(twice.ok || twice.message).toMatch(/^\.k8s-lint\.yaml:3:10: `customRules\[1\].id`: custom rule `x` is declared twice/);
    const missing = await configWith('customRules:\n  - {id: x, severity: warn, expression: "true"}\n');
    expect(missing.ok || missing.message).toMatch(/`customRules\[0\]`: needs `message`/);
    const unknown = await configWith('customRules:\n  - {id: has-team, severity: warn, expression: "true", message: m}\nrules:\n  custom/has-tem: "off"\n');
    expect(unknown.ok || unknown.message).toMatch(/unknown rule `custom\/has-tem`; did you mean `custom\/has-team`\?/);
  });

  it('reports an expression that fails on an object as a finding of the rule, and keeps checking the others', async () => {
    const loaded = await configWith('customRules:\n  - {id: ports, severity: error, expression: "object.spec.ports.size() > 0", message: m}\n');
    if (!loaded.ok) throw new Error(loaded.message);
    const output = await lint([{ path: 'app.yaml' }], { cwd: dir, ruleSet: loaded.loaded.rules!, only: ['custom/ports'] });
    expect(output.internalError).toBe(false);
    expect(output.results[0].messages).toMatchObject([
      { ruleId: 'custom/ports', line: 4, message: expect.stringMatching(/^custom rule `ports` could not be evaluated on ConfigMap `settings`: .*spec/) },
      { ruleId: 'custom/ports', line: 9, message: expect.stringMatching(/on Service `web`/) },
    ]);
  });
});

describe('parseFieldPath', () => {
  it.each([
    ['.spec.replicas', ['spec', 'replicas']],
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    [".metadata.labels['app.kubernetes.io/name']", ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['.metadata.annotations["a/b"]', ['metadata', 'annotations', 'a/b']],
  ])('%s', (text, segments) => expect(parseFieldPath(text)).toEqual(segments));

  it.each(['', 'spec..replicas', '.spec[x]', 'spec replicas'])('refuses %j', (text) => expect(parseFieldPath(text)).toBeUndefined());
});
