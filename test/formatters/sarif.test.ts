import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import sarif, { FINGERPRINT_KEY } from '../../src/formatters/sarif.js';
import { packageInfo } from '../../src/package-info.js';
import { CLEAN, CONTEXT, CWD, file, message, result, RESULTS, SPECIAL } from './results.js';

// The OASIS SARIF 2.1.0 schema (rtm.5, as published on SchemaStore), copied from Microsoft's
// @microsoft/jest-sarif (MIT) into test/formatters/schemas/ rather than depending on a package
// that brings ~20 others for one JSON file. It is a draft-04 schema whose keywords draft-07
// reads the same way, except `id`, which is `$id` there.
const SCHEMA_FILE = new URL('./schemas/sarif-2.1.0-rtm.5.json', import.meta.url);

function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // unicodeRegExp: false: the schema's `language` pattern has a stray `]`, legal only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  // A URI reference (RFC 3986): only URI characters, valid percent-escapes, and either a scheme
  // or no colon before the first slash (`a:b.yaml` would be read as scheme `a`).
  ajv.addFormat('uri-reference', (value: string) => {
    if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value)) return false;
    const firstSegment = value.split(/[/?#]/)[0]!;
    return !firstSegment.includes(':') || URL.canParse(value);
  });
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: id as string });
}

const parse = (text: string) => JSON.parse(text);

describe('sarif formatter', () => {
  const validate = sarifValidator();
  const log = parse(sarif(RESULTS, CONTEXT));
  const run = log.runs[0];

  it('validates against the SARIF 2.1.0 schema, with problems and when clean', () => {
    for (const text of [sarif(RESULTS, CONTEXT), sarif(CLEAN, CONTEXT), sarif([], { cwd: CWD, rules: [] })]) {
      const valid = validate(parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('the schema check does reject broken logs (it is not vacuous)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    delete broken.runs[0].results[1].message;
    broken.runs[0].tool.driver.rules[0].defaultConfiguration.level = 'fatal';
    broken.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'odd, name:50%.yaml';
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        '/runs/0/results/0/locations/0/physicalLocation/region/startLine',
        '/runs/0/tool/driver/rules/0/defaultConfiguration/level',
        '/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri',
      ]),
    );
  });

  it('has the log properties GitHub requires', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'k8s-lint',
      version: packageInfo().version,
      semanticVersion: packageInfo().version,
      informationUri: packageInfo().homepage,
    });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
  });

  it('describes every rule with the texts and links code scanning shows', () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CONTEXT.rules.map((r) => r.id));
    expect(run.tool.driver.rules[0]).toEqual({
      id: 'service-selector-mismatch',
      name: 'ServiceSelectorMismatch',
      shortDescription: { text: 'Service selector matches no pod template' },
      fullDescription: { text: 'Service selector matches no pod template. The Service gets no endpoints, so traffic to it is refused.' },
      helpUri: CONTEXT.rules[0]!.docsUrl,
      help: {
        text: `Service selector matches no pod template\n\nWhy: The Service gets no endpoints, so traffic to it is refused.\n\nFix: Make the selector match the pod labels.\n\nDocs: ${CONTEXT.rules[0]!.docsUrl}`,
        markdown: `**Service selector matches no pod template**\n\n**Why:** The Service gets no endpoints, so traffic to it is refused.\n\n**Fix:** Make the selector match the pod labels.\n\n[Documentation of \`service-selector-mismatch\`](${CONTEXT.rules[0]!.docsUrl})`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['kubernetes'], 'problem.severity': 'error' },
    });
    expect(run.tool.driver.rules[2].defaultConfiguration.level).toBe('warning');
    for (const rule of run.tool.driver.rules) {
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) expect(text).toMatch(/\S/);
    }
  });

  it('reports each problem with its rule, level, message, repository-relative URI and exact region', () => {
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toEqual({
      ruleId: 'service-selector-mismatch',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Service `web` selects no pods: no pod template has labels `app=web`' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'manifests/app.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 7, startColumn: 5, endLine: 7, endColumn: 14 },
          },
          logicalLocations: [{ name: 'web', fullyQualifiedName: 'Service/shop/web', kind: 'object' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}:1$/) },
    });
    // A range over several lines keeps both ends.
    expect(run.results[1]).toMatchObject({
      ruleIndex: 1,
      level: 'warning',
      locations: [{ physicalLocation: { region: { startLine: 20, startColumn: 18, endLine: 22, endColumn: 3 } } }],
    });
  });

  it('percent-encodes odd file names and keeps messages verbatim', () => {
    expect(run.results[2].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'manifests/odd%2C%20name%3A50%25.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(decodeURIComponent(run.results[2].locations[0].physicalLocation.artifactLocation.uri)).toBe('manifests/odd, name:50%.yaml');
    expect(run.results[2].message.text).toBe(SPECIAL);
  });

  it('names stdin without a base, and files outside the directory by absolute file URI', () => {
    expect(run.results[3].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'stdin' });
    const outside = parse(sarif([result('/elsewhere/x.yaml', [message({})])], CONTEXT));
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.yaml' });
  });

  it('leaves primaryLocationLineHash to GitHub and fingerprints by rule, file and message, not line', () => {
    expect(run.results.every((r: { partialFingerprints: object }) => !('primaryLocationLineHash' in r.partialFingerprints))).toBe(true);
    const at = (line: number, text = 'ConfigMap `a` is not defined') =>
      parse(sarif([result(file('a.yaml'), [message({ line, endLine: line, message: text })])], CONTEXT)).runs[0].results[0].partialFingerprints[FINGERPRINT_KEY];
    expect(at(3)).toBe(at(40));
    expect(at(3)).not.toBe(at(3, 'ConfigMap `b` is not defined'));
    // Identical problems in one file stay distinct, numbered in order.
    const twice = parse(sarif([result(file('a.yaml'), [message({ line: 1 }), message({ line: 9 })])], CONTEXT)).runs[0].results;
    expect(twice.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[FINGERPRINT_KEY].split(':')[1])).toEqual(['1', '2']);
  });

  it('writes results: [] when clean, and a descriptor for a rule id it was not told about', () => {
    expect(parse(sarif(CLEAN, CONTEXT)).runs[0].results).toEqual([]);
    const unknown = parse(sarif([result(file('a.yaml'), [message({ ruleId: 'not-registered' })])], CONTEXT)).runs[0];
    expect(unknown.results[0].ruleIndex).toBe(3);
    expect(unknown.tool.driver.rules[3]).toMatchObject({ id: 'not-registered', shortDescription: { text: 'not-registered' } });
    expect(validate({ version: '2.1.0', runs: [unknown] })).toBe(true);
  });

  it('keeps positions at least 1 (SARIF regions are 1-based)', () => {
    const zero = parse(sarif([result(file('a.yaml'), [message({ line: 0, column: 0, endLine: 0, endColumn: 0 })])], CONTEXT));
    expect(zero.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  });
});
