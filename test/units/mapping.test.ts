/** The source map without binaries: helm's error lines, values lines, kustomize origins and patches, versions. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverProjects } from '../../src/units/discover.js';
import { kustomizeError } from '../../src/units/kustomize.js';
import { sourceFile, templateError } from '../../src/units/helm.js';
import { satisfies } from '../../src/units/semver.js';
import { mapKustomize, TextCache, valuesLine } from '../../src/units/source-map.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-map-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('helm errors', () => {
  const dirs = new Map([['shop', '/repo/charts/shop'], ['shop/charts/common', '/repo/charts/common']]);

  it('maps template paths of the chart and of a borrowed dependency to their folders', () => {
    expect(sourceFile('shop/templates/deployment.yaml', dirs)).toBe('/repo/charts/shop/templates/deployment.yaml');
    expect(sourceFile('shop/charts/common/templates/_labels.tpl', dirs)).toBe('/repo/charts/common/templates/_labels.tpl');
    expect(sourceFile('other/templates/x.yaml', dirs)).toBeUndefined();
  });

  it('reads the file and line of execution, parse and YAML errors', () => {
    expect(templateError('Error: execution error at (shop/templates/secret.yaml:6:10): host is required\n', dirs)).toEqual({ file: '/repo/charts/shop/templates/secret.yaml', line: 6, column: 11, reason: 'host is required' });
    expect(templateError('Error: parse error at (shop/templates/svc.yaml:18): function "ports" not defined', dirs)).toMatchObject({ line: 18, reason: 'function "ports" not defined' });
    expect(templateError('Error: YAML parse error on shop/templates/svc.yaml: error converting YAML to JSON: yaml: line 12: did not find expected key', dirs)).toEqual({
      file: '/repo/charts/shop/templates/svc.yaml', line: 1, reason: 'did not find expected key (line 12 of its rendered output)',
    });
    expect(templateError('Error: something else', dirs)).toBeUndefined();
  });
});

describe('dependency versions', () => {
  it.each([
    ['2.4.0', '2.x.x', true], ['3.0.0', '2.x.x', false], ['2.4.0', '^2.1.0', true], ['2.4.0', '~2.3.0', false],
    ['2.4.0', '>=2.0.0 <3.0.0', true], ['1.0.0', '>=2.0.0 || 1.x', true], ['0.3.1', '^0.3.0', true], ['0.4.0', '^0.3.0', false],
    ['2.4.0', '', true], ['2.4.0', '2.4.0', true], ['2.4.1', '2.4.0', false], ['2.4.0', '*', true],
  ])('%s satisfies %s: %s', (version, constraint, expected) => {
    expect(satisfies(version, constraint)).toBe(expected);
  });
});

describe('values lines', () => {
  it('finds the highest-precedence file that sets a path, else the longest prefix', async () => {
    const dir = tree({ 'values.yaml': 'image:\n  repository: app\n  tag: "1.0"\nresources: {}\n', 'prod.yaml': 'image:\n  tag: "2.0"\n' });
    const files = [path.join(dir, 'values.yaml'), path.join(dir, 'prod.yaml')];
    expect(await valuesLine(new TextCache(), files, ['image', 'tag'])).toEqual({ filePath: files[1], line: 2, column: 3, endLine: 2, endColumn: 13, message: 'value `image.tag` set here' });
    expect(await valuesLine(new TextCache(), files, ['image', 'repository'])).toMatchObject({ filePath: files[0], line: 2 });
    expect(await valuesLine(new TextCache(), files, ['resources', 'limits', 'memory'])).toMatchObject({ filePath: files[0], line: 4, message: 'value `resources` set here' });
    expect(await valuesLine(new TextCache(), files, ['nothing'])).toBeUndefined();
  });
});

describe('kustomize origins', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n';
  const node = (p: Array<string | number>) => ({ kind: 'Deployment', name: 'prod-web', value: { metadata: { name: 'prod-web' }, spec: { template: { spec: { containers: [{ name: 'web' }] } } } }, path: p, key: false });

  it('points at the key in the resource file, or at the patch that sets it', async () => {
    const dir = tree({ 'base/deployment.yaml': deployment, 'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n' });
    const origin = path.join(dir, 'base/deployment.yaml');
    const patches = [path.join(dir, 'prod/replicas.yaml')];
    expect(await mapKustomize(new TextCache(), origin, patches, node(['spec', 'template', 'spec', 'containers', 0, 'image']), '')).toEqual({ filePath: origin, range: { line: 11, column: 18, endLine: 11, endColumn: 23 } });
    expect(await mapKustomize(new TextCache(), origin, patches, node(['spec', 'replicas']), '')).toEqual({ filePath: patches[0], range: { line: 6, column: 13, endLine: 6, endColumn: 14 } });
  });

  it('points a generated object at its generator entry', async () => {
    const dir = tree({ 'kustomization.yaml': 'resources: []\nconfigMapGenerator:\n  - name: settings\n    literals: [A=1]\n' });
    const file = path.join(dir, 'kustomization.yaml');
    const mapped = await mapKustomize(new TextCache(), file, [], { kind: 'ConfigMap', name: 'settings-5h2m8', value: {}, path: ['data'], key: false }, file);
    expect(mapped).toMatchObject({ filePath: file, range: { line: 3 }, note: 'generated by this kustomization' });
  });
});

describe('projects', () => {
  it('renders kustomizations no other one consumes, and never lints what they consume raw', async () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/deployment.yaml': 'kind: Deployment\n',
      'overlays/prod/kustomization.yaml': 'resources: [../../base, ../../extra/cm.yaml]\npatches:\n  - path: patch.yaml\n',
      'overlays/prod/patch.yaml': 'kind: Deployment\n',
      'extra/cm.yaml': 'kind: ConfigMap\n',
      'extra/other.yaml': 'kind: ConfigMap\n',
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'charts/app/templates/x.yaml': 'kind: ConfigMap\n',
      'charts/app/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
    });
    const files = ['base/deployment.yaml', 'base/kustomization.yaml', 'charts/app/Chart.yaml', 'charts/app/charts/sub/Chart.yaml', 'charts/app/templates/x.yaml', 'extra/cm.yaml', 'extra/other.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/patch.yaml'].map((f) => path.join(dir, f));
    const projects = await discoverProjects(files);
    expect(projects.roots.map((k) => path.relative(dir, k.dir))).toEqual(['overlays/prod']);
    expect(projects.charts.map((c) => path.relative(dir, c.dir))).toEqual(['charts/app']);
    expect(files.filter((f) => !projects.covers(f)).map((f) => path.relative(dir, f))).toEqual(['charts/app/Chart.yaml', 'extra/other.yaml']);
  });
});

describe('kustomize errors', () => {
  it('keeps the innermost error and the entry it names, with the user paths', () => {
    const stderr = "accumulating resources: accumulation err='accumulating resources from '../repo/app': read /repo/app: is a directory': recursed accumulation of path '/repo/app': accumulating resources: accumulation err='accumulating resources from 'missing.yaml': open /repo/app/missing.yaml: no such file or directory': must build at directory: not a valid directory";
    expect(kustomizeError(stderr, '../repo/app', '/repo/app')).toEqual({ reason: 'missing.yaml: open /repo/app/missing.yaml: no such file or directory', entry: 'missing.yaml' });
    expect(kustomizeError('error: invalid Kustomization: json: unknown field "resourcez"', '../repo/app', '/repo/app')).toEqual({ reason: 'invalid Kustomization: json: unknown field "resourcez"' });
  });
});
