/** A fixed set of results every formatter test runs on. */
import path from 'node:path';
import type { FormatContext } from '../../src/formatters/index.js';
import type { LintMessage, LintResult } from '../../src/model.js';

export const CWD = path.resolve('/repo');
export const file = (relative: string): string => path.join(CWD, ...relative.split('/'));

export function message(overrides: Partial<LintMessage>): LintMessage {
  return { ruleId: 'missing-config-map', severity: 2, message: 'problem', line: 1, column: 1, endLine: 1, endColumn: 2, ...overrides };
}

export function result(filePath: string, messages: LintMessage[]): LintResult {
  return {
    filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

export const CONTEXT: FormatContext = {
  cwd: CWD,
  rules: [
    {
      id: 'service-selector-mismatch',
      description: 'Service selector matches no pod template',
      docsUrl: 'https://github.com/k8s-lint/k8s-lint/blob/v0.1.0/RULES.md#service-selector-mismatch',
      severity: 'error',
      docs: { why: 'The Service gets no endpoints, so traffic to it is refused.', fix: 'Make the selector match the pod labels.' },
    },
    {
      id: 'invalid-image-reference',
      description: 'Container image is not a valid reference',
      docsUrl: 'https://github.com/k8s-lint/k8s-lint/blob/v0.1.0/RULES.md#invalid-image-reference',
      severity: 'error',
    },
    {
      id: 'missing-config-map',
      description: 'Referenced ConfigMap is not defined',
      docsUrl: 'https://github.com/k8s-lint/k8s-lint/blob/v0.1.0/RULES.md#missing-config-map',
      severity: 'warn',
    },
  ],
};

/** The awkward message: every character some format must escape. */
export const SPECIAL = 'Value `100%` has "quotes", \'apostrophes\', a: colon, <angle> & ampersand,\nand a second line';
export const SPECIAL_FILE = 'manifests/odd, name:50%.yaml';

export const CLEAN = [result(file('manifests/clean.yaml'), [])];

export const RESULTS: LintResult[] = [
  result(file('manifests/clean.yaml'), []),
  result(file('manifests/app.yaml'), [
    message({
      ruleId: 'service-selector-mismatch',
      message: 'Service `web` selects no pods: no pod template has labels `app=web`',
      line: 7,
      column: 5,
      endLine: 7,
      endColumn: 14,
      resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
    }),
    message({
      ruleId: 'invalid-image-reference',
      severity: 1,
      message: 'Container `app` image `nginx:` has an empty tag',
      line: 20,
      column: 18,
      endLine: 22,
      endColumn: 3,
    }),
  ]),
  result(file(SPECIAL_FILE), [message({ ruleId: 'missing-config-map', message: SPECIAL, line: 3, column: 9, endLine: 3, endColumn: 20 })]),
  result('<stdin>', [message({ ruleId: 'missing-config-map', severity: 1, message: 'ConfigMap `settings` is not defined', line: 4, column: 3, endLine: 4, endColumn: 11 })]),
];
