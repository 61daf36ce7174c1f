/**
 * The yardstick: podinfo (a chart, Kustomize bases and overlays, a plain kustomization)
 * renders, every object is checked, nothing is an error; faults injected into a template, a
 * values file, a base and a patch are reported at the line a person edits.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared } from '../helpers/shared.js';
import { copyOf, edit, lintRepo, SHARED } from './helpers.js';

const PODINFO = path.join(SHARED, 'podinfo');
const CHART = 'charts/podinfo';

describe.runIf(hasShared('real-repos/podinfo'))('podinfo, linted as deployed', () => {
  it('renders the chart for each values set and every root kustomization, with no errors', async () => {
    const output = await lintRepo(PODINFO, { charts: [{ chart: path.join(PODINFO, CHART), values: ['values-prod.yaml'] }] });
    expect(output.errors).toEqual([]);
    expect(output.units).toEqual(expect.arrayContaining([
      'charts/podinfo',
      'charts/podinfo (values-prod.yaml)',
      'deploy/overlays/dev',
      'deploy/overlays/production',
      'deploy/overlays/staging',
      'kustomize',
    ]));
    expect(output.messages.filter((m) => m.severity === 2)).toEqual([]);
    // Findings on rendered objects point at real files, never at rendered or temporary text.
    for (const m of output.messages) expect(existsSync(path.join(PODINFO, m.file)), m.file).toBe(true);
  }, 60_000);

  it('reports a fault in a template at the template line', async () => {
    const dir = copyOf(PODINFO);
    const line = edit(path.join(dir, CHART, 'templates/service.yaml'), 'targetPort: http\n', 'targetPort: htp\n');
    const { messages } = await lintRepo(dir);
    expect(messages.filter((m) => m.severity === 2)).toEqual([
      expect.objectContaining({ ruleId: 'service-target-port-mismatch', file: `${CHART}/templates/service.yaml`, line, column: 19, unit: 'charts/podinfo' }),
    ]);
  }, 60_000);

  it('reports a fault in a values file at the template line, with the values line beside it', async () => {
    const dir = copyOf(PODINFO);
    const line = edit(path.join(dir, CHART, 'values.yaml'), 'externalPort: 9898', 'externalPort: 98980');
    const { messages } = await lintRepo(dir);
    const errors = messages.filter((m) => m.severity === 2);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: `${CHART}/templates/service.yaml`, line: 19 });
    expect(errors[0].related).toEqual([
      expect.objectContaining({ filePath: path.join(dir, CHART, 'values.yaml'), line, column: 3, message: 'value `service.externalPort` set here' }),
    ]);
  }, 60_000);

  it('reports a fault in a base at the base line, once for all the overlays that use it', async () => {
    const dir = copyOf(PODINFO);
    const file = 'deploy/bases/backend/deployment.yaml';
    const line = edit(path.join(dir, file), 'memory: 512Mi', 'memory: 512Mx');
    const { messages } = await lintRepo(dir);
    const errors = messages.filter((m) => m.severity === 2 && m.ruleId === 'invalid-quantity');
    expect(errors.map((m) => `${m.file}:${m.line}:${m.column}`)).toEqual([`${file}:${line}:21`]);
  }, 60_000);

  it('reports a label a transformer adds at the transformer line', async () => {
    const dir = copyOf(PODINFO);
    const line = edit(path.join(dir, 'deploy/overlays/staging/labels.yaml'), 'app.kubernetes.io/environment: staging', 'app.kubernetes.io/environment: staging env');
    const { messages } = await lintRepo(dir);
    const errors = messages.filter((m) => m.severity === 2);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((m) => `${m.ruleId} ${m.file}:${m.line}:${m.column}`))).toEqual(new Set([`invalid-label deploy/overlays/staging/labels.yaml:${line}:3`]));
  }, 60_000);

  it('reports a field a patch sets at the patch line', async () => {
    const dir = copyOf(PODINFO);
    const overlay = path.join(dir, 'deploy/overlays/dev');
    edit(path.join(overlay, 'kustomization.yaml'), 'transformers:', 'patches:\n  - path: backend-memory.yaml\ntransformers:');
    writeFileSync(path.join(overlay, 'backend-memory.yaml'), [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: backend',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: backend',
      '          resources:',
      '            limits:',
      '              memory: 1Gx',
      '',
    ].join('\n'));
    const { messages } = await lintRepo(dir);
    const errors = messages.filter((m) => m.severity === 2);
    expect(errors.map((m) => `${m.ruleId} ${m.file}:${m.line}:${m.column} ${m.unit}`)).toEqual([
      'invalid-quantity deploy/overlays/dev/backend-memory.yaml:12:23 deploy/overlays/dev',
    ]);
  }, 60_000);
});
