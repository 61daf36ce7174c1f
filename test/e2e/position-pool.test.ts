/**
 * The built engine resolves positions of many files in a worker thread as well: the answer must
 * not depend on it. (Sources under test run as TypeScript, so only the bundle has the worker: dist/engine.js is the
 * build's internal entry for the engine, sharing the chunks the CLI ships.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

it('gives the same positions with and without the worker thread', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-pool-'));
  for (let f = 0; f < 60; f++) {
    const docs = Array.from({ length: 4 }, (_, i) => `apiVersion: v1
kind: Service
metadata:
  name: svc-${f}-${i}
spec:
  selector:
    app: nothing-${i}
  ports:
    - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm-${f}-${i}}
data: {a: "1"}`);
    writeFileSync(path.join(dir, `f${f}.yaml`), docs.join('\n---\n'));
  }
  const engine = (await import(pathToFileURL(path.join(ROOT, 'dist/engine.js')).href)) as typeof import('../../src/engine.js');
  const pooled = await engine.lint([{ path: dir }], {});
  const single = await engine.lint([{ path: dir }], { positionWorkers: false });
  expect(pooled.results.reduce((n, r) => n + r.messages.length, 0)).toBe(240);
  expect(pooled.results).toEqual(single.results);
  const last = pooled.results.find((r) => path.basename(r.filePath) === 'f59.yaml')!;
  expect(last.messages.map((m) => `${m.line}:${m.column}`)).toEqual(['7:5', '22:5', '37:5', '52:5']);
});
