/** Charts in a repository: dependencies from the tree, missing dependencies, template errors. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';
import { copyOf, edit, lintRepo, TOOLS } from './helpers.js';

const REPO = path.join(ROOT, 'fixtures', 'e2e', 'repo-charts');

describe('charts of a repository', () => {
  it('renders a chart whose dependency sits beside it, offline; one diagnostic for a missing one; template errors at their line', async () => {
    const output = await lintRepo(REPO);
    expect(output.errors).toEqual([]);
    expect(output.units).toEqual(['charts/app']);
    expect(output.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([
      'charts/needs-redis/Chart.yaml:8:3 yaml-syntax Chart dependency `redis` (version `19.x.x`) is neither in `charts/` nor a chart of the linted tree: run `helm dependency build` for chart `needs-redis` (unit `charts/needs-redis`)',
      'charts/failing/templates/secret.yaml:6:12 yaml-syntax Helm cannot render the chart: database.host is required: set it in the values (unit `charts/failing`)',
    ]);
  }, 60_000);

  it('follows a value through an `include` of a named template to its values line', async () => {
    const dir = copyOf(REPO);
    const values = path.join(dir, 'charts/app/values.yaml');
    const line = edit(values, 'repository: registry.example.com/app', 'repository: Registry.example.com/App');
    const found = (await lintRepo(dir)).messages.filter((m) => m.ruleId === 'invalid-image-reference');
    expect(found).toEqual([expect.objectContaining({ file: 'charts/app/templates/deployment.yaml', line: 19 })]);
    expect(found[0].related).toEqual([expect.objectContaining({ filePath: values, line, message: 'value `image.repository` set here' })]);
  }, 60_000);

  it('tells helm about the CRDs of the run (--api-versions), so capability checks in templates pass', async () => {
    const dir = copyOf(REPO);
    writeFileSync(path.join(dir, 'charts/app/templates/widget.yaml'), [
      '{{- if .Capabilities.APIVersions.Has "shop.example.com/v1/Widget" }}',
      'apiVersion: shop.example.com/v1',
      'kind: Widget',
      'metadata:',
      '  name: Widget_{{ .Release.Name }}',
      '{{- end }}',
      '',
    ].join('\n'));
    const widgets = async () => (await lintRepo(dir)).messages.filter((m) => m.ruleId === 'invalid-object-name').map((m) => `${m.file}:${m.line}`);
    expect(await widgets()).toEqual([]);
    mkdirSync(path.join(dir, 'crds'));
    writeFileSync(path.join(dir, 'crds/widget.yaml'), [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata:',
      '  name: widgets.shop.example.com',
      'spec:',
      '  group: shop.example.com',
      '  scope: Namespaced',
      '  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}',
      '',
    ].join('\n'));
    expect(await widgets()).toEqual(['charts/app/templates/widget.yaml:5']);
  }, 60_000);

  it('applies k8s-lint-disable comments in templates and in values files', async () => {
    const dir = copyOf(REPO);
    const service = path.join(dir, 'charts/app/templates/service.yaml');
    const line = edit(service, 'targetPort: http', 'targetPort: web');
    const mismatch = async () => (await lintRepo(dir)).messages.filter((m) => m.ruleId === 'service-target-port-mismatch').map((m) => `${m.file}:${m.line}`);
    expect(await mismatch()).toEqual([`charts/app/templates/service.yaml:${line}`]);
    edit(service, '      targetPort: web', '      # k8s-lint-disable-next-line service-target-port-mismatch -- the sidecar listens there\n      targetPort: web');
    expect(await mismatch()).toEqual([]);

    const values = path.join(dir, 'charts/app/values.yaml');
    edit(values, '  port: 80', '  port: 80800');
    const port = async () => (await lintRepo(dir)).messages.filter((m) => m.related?.some((r) => r.filePath === values));
    expect(await port()).toHaveLength(1);
    edit(values, '  port: 80800', '  port: 80800 # k8s-lint-disable-line -- a test value');
    expect(await port()).toEqual([]);
  }, 60_000);
});

describe('kustomizations that cannot render offline or as configured', () => {
  it('skips remote resources and helmCharts with a notice, never an error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-remote-'));
    for (const [name, text] of Object.entries({
      'remote/kustomization.yaml': 'resources:\n  - https://github.com/example/manifests//base?ref=v1.0.0\n',
      'inflated/kustomization.yaml': 'helmCharts:\n  - name: redis\n    repo: https://charts.example.com\n    version: 19.0.0\n',
    })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const output = await lintRepo(dir);
    expect(output.messages).toEqual([]);
    expect(output.notices).toEqual([
      'Kustomize folder inflated inflates Helm charts (`helmCharts`): set `kustomizeEnableHelm: true` to render it; lint the rendered output with `kubectl kustomize inflated | k8s-lint -`',
      'Kustomize folder remote uses remote resources, and k8s-lint works offline; lint the rendered output with `kubectl kustomize remote | k8s-lint -`',
    ]);
  }, 60_000);
});

describe('packaged dependencies', () => {
  it('points a finding in a packaged dependency at the chart that vendors it, never at a missing file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-tgz-'));
    const write = (name: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    };
    write('src/cache/Chart.yaml', 'apiVersion: v2\nname: cache\nversion: 1.0.0\n');
    write('src/cache/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  ports:\n    - port: 99999\n');
    write('charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: cache\n    version: 1.0.0\n    repository: https://charts.example.com\n');
    execFileSync(path.join(TOOLS, 'helm'), ['package', path.join(dir, 'src/cache'), '--destination', path.join(dir, 'charts/web/charts')]);
    const output = await lintRepo(path.join(dir, 'charts'));
    const ports = output.messages.filter((m) => m.ruleId === 'invalid-port');
    expect(ports.map((m) => `${m.file}:${m.line} ${m.message}`)).toEqual([
      'web/Chart.yaml:5 Service `cache` port `99999` is not a valid port number (1-65535) (from `cache`, a packaged dependency)',
    ]);
  }, 60_000);
});
