import { describe, expect, it } from 'vitest';
import { applyBaseline, objectKey, pruneBaseline, recordBaseline, type Baseline } from '../src/baseline.js';
import type { LintMessage, LintResult } from '../src/model.js';

const DIR = '/repo';
const api = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' };
const svc = { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'api' };

function message(ruleId: string, line: number, resource = api, severity: 1 | 2 = 2): LintMessage {
  return { ruleId, severity, message: `${ruleId} at ${line}`, line, column: 1, endLine: line, endColumn: 2, resource };
}

function result(filePath: string, messages: LintMessage[]): LintResult {
  return { filePath, messages, errorCount: messages.filter((m) => m.severity === 2).length, warningCount: messages.filter((m) => m.severity === 1).length };
}

describe('baseline', () => {
  it('keys objects by group, kind, namespace and name', () => {
    expect(objectKey(api)).toBe('apps/Deployment shop/api');
    expect(objectKey(svc)).toBe('Service shop/api');
    expect(objectKey({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'reader' })).toBe('rbac.authorization.k8s.io/ClusterRole reader');
    expect(objectKey(undefined)).toBe('(file)');
  });

  it('records errors per file, object and rule, leaving warnings and other files alone', () => {
    const results = [result('/repo/deploy/api.yaml', [message('missing-secret', 3), message('missing-secret', 9), message('missing-configmap', 5, svc), message('image-tag-latest', 7, api, 1)])];
    const existing: Baseline = { 'other.yaml': { '(file)': { 'yaml-syntax': { count: 1 } } } };
    expect(recordBaseline(results, existing, DIR)).toEqual({
      'other.yaml': { '(file)': { 'yaml-syntax': { count: 1 } } },
      'deploy/api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 2 } }, 'Service shop/api': { 'missing-configmap': { count: 1 } } },
    });
    expect(recordBaseline(results, existing, DIR, ['missing-configmap'])['deploy/api.yaml']).toEqual({ 'Service shop/api': { 'missing-configmap': { count: 1 } } });
  });

  it('--suppress-rule keeps the entries of other rules', () => {
    const baseline: Baseline = { 'api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 1 } } } };
    const results = [result('/repo/api.yaml', [message('missing-pvc', 4)])];
    expect(recordBaseline(results, baseline, DIR, ['missing-pvc'])).toEqual({ 'api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 1 }, 'missing-pvc': { count: 1 } } } });
  });

  it('suppresses findings up to the recorded count wherever their lines moved, and reports all of them beyond it', () => {
    const baseline: Baseline = { 'api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 1 } } } };
    const moved = applyBaseline([result('/repo/api.yaml', [message('missing-secret', 40), message('missing-pvc', 41)])], baseline, DIR);
    expect(moved.suppressed).toBe(1);
    expect(moved.results[0].messages.map((m) => m.ruleId)).toEqual(['missing-pvc']);
    expect(moved.results[0].errorCount).toBe(1);
    expect(moved.results[0].suppressedMessages).toMatchObject([{ ruleId: 'missing-secret', line: 40, suppressions: [{ kind: 'external' }] }]);
    const more = applyBaseline([result('/repo/api.yaml', [message('missing-secret', 3), message('missing-secret', 8)])], baseline, DIR);
    expect(more.suppressed).toBe(0);
    expect(more.results[0].messages).toHaveLength(2);
    const otherObject = applyBaseline([result('/repo/api.yaml', [message('missing-secret', 3, { ...api, name: 'web' })])], baseline, DIR);
    expect(otherObject.results[0].messages).toHaveLength(1);
  });

  it('lists suppressions of linted files that no longer occur, and prunes them', () => {
    const baseline: Baseline = {
      'api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 2 }, 'missing-pvc': { count: 1 } } },
      'not-linted.yaml': { '(file)': { 'yaml-syntax': { count: 1 } } },
    };
    const results = [result('/repo/api.yaml', [message('missing-secret', 3)])];
    expect(applyBaseline(results, baseline, DIR).unused).toEqual([
      'api.yaml apps/Deployment shop/api missing-secret (1 unused)',
      'api.yaml apps/Deployment shop/api missing-pvc (1 unused)',
    ]);
    expect(pruneBaseline(results, baseline, DIR)).toEqual({
      'api.yaml': { 'apps/Deployment shop/api': { 'missing-secret': { count: 1 } } },
      'not-linted.yaml': { '(file)': { 'yaml-syntax': { count: 1 } } },
    });
  });
});
