/** The configuration keys of rendering and units. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

async function load(text: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'k8s-lint-config-')), '.k8s-lint.yaml');
  writeFileSync(file, text);
  return loadConfig(file, [], '.k8s-lint.yaml');
}

describe('units and render configuration', () => {
  it('accepts chart values sets, releases, file units and render settings', async () => {
    const result = await load('render: require\nkustomizeCommand: kubectl\nkustomizeEnableHelm: true\nunits:\n  - chart: charts/app\n    values: [values-prod.yaml]\n    release: app-prod\n    namespace: prod\n  - name: platform\n    files: [infra/**]\n');
    expect(result.ok).toBe(true);
  });

  it('names the key of a units entry that is wrong, for the kind of entry it is', async () => {
    const result = await load('units:\n  - chart: charts/app\n    valuez: [a.yaml]\n  - name: platform\n  - chart: charts/app\n    release: App_1\n');
    expect(result).toEqual({
      ok: false,
      message: [
        '.k8s-lint.yaml:3:5: `units[0].valuez`: unknown key; did you mean `values`?',
        '.k8s-lint.yaml:4:5: `units[1]`: needs `files`',
        ".k8s-lint.yaml:6:14: `units[2].release`: `App_1` is not valid: a release name: lowercase letters, digits and `-` (default: the chart's name)",
      ].join('\n'),
    });
  });
});
