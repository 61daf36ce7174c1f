import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/load.js';
import { toResources } from '../src/resource.js';
import { lint } from '../src/engine.js';
import { decode } from '../src/files.js';

const load = (text: string, path = 'test.yaml') => loadFile({ path, text });
const values = (text: string, path?: string) => load(text, path).documents.map((d) => d.value);

describe('loading', () => {
  it('reads multi-document YAML and keeps document indexes', () => {
    const result = load('a: 1\n---\nb: 2\n---\n---\nc: 3\n');
    expect(result.issues).toEqual([]);
    expect(result.documents.map((d) => [d.docIndex, d.value])).toEqual([[0, { a: 1 }], [1, { b: 2 }], [2, null], [3, { c: 3 }]]);
  });

  it('types plain scalars as kubectl (go-yaml v2, YAML 1.1) does', () => {
    expect(values('a: yes\nb: on\nc: Off\nd: n\ne: 0777\nf: 1_000\ng: 0x1F\nh: 1.0\ni: 2024-01-01\nj: "yes"\nk: ~\nl: 0b101\nm: 1e3\np: .5\nn: key\n')).toEqual([
      { a: true, b: true, c: false, d: false, e: 511, f: 1000, g: 31, h: 1, i: '2024-01-01', j: 'yes', k: null, l: 5, m: 1000, p: 0.5, false: "key" },
    ]);
  });

  it('types explicitly tagged scalars by their tag, and keeps merge keys', () => {
    expect(values('a: !!str 0777\nb: !!int "0x1F"\nc: !!bool yes\nd: !!null ~\ne: !!float "1.5"\nf: !!str yes\ng: ! 12\nh: !Ref 0777\n<<: {i: on}\n')).toEqual([
      { a: '0777', b: 31, c: true, d: null, e: 1.5, f: 'yes', g: '12', h: '0777', i: true },
    ]);
    expect(load('a: !!int abc\n').issues.map((i) => i.data)).toEqual([{ reason: 'cannot resolve a node with !<tag:yaml.org,2002:int> explicit tag' }]);
  });

  it('accepts under-indented continuation lines of a quoted scalar, as kubectl does', () => {
    expect(load('metadata:\n  annotations:\n    note: "first\nsecond"\n').issues).toEqual([]);
    expect(values('a:\n  b: "x\ny"\n')).toEqual([{ a: { b: 'x y' } }]);
  });

  it('strips a BOM and reads CRLF line endings', () => {
    expect(values('\ufeffapiVersion: v1\r\nkind: Pod\r\n')).toEqual([{ apiVersion: 'v1', kind: 'Pod' }]);
  });

  it('reads JSON files, including tab-indented ones', () => {
    expect(values('{\n\t"apiVersion": "v1",\n\t"kind": "Pod"\n}', 'pod.json')).toEqual([{ apiVersion: 'v1', kind: 'Pod' }]);
  });

  it.each([
    ['bad indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n labels: {}\n', 5, /bad indentation/],
    ['an unterminated quote', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a\n', 5, /double quoted scalar/],
    ['a duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Service\n', 3, /duplicate key/],
    ['a tab used for indentation', 'apiVersion: v1\nmetadata:\n\tname: a\n', 3, /tab character/],
  ] as const)('reports %s as yaml-syntax at its line', (_, text, line, reason) => {
    const result = load(text);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ messageId: 'syntax', line });
    expect(result.issues[0].data.reason).toMatch(reason);
  });

  it('keeps the documents around a broken one', () => {
    const result = load('apiVersion: v1\nkind: A\n---\nkey: [\n---\napiVersion: v1\nkind: B\n');
    expect(result.issues.map((i) => i.line)).toEqual([5]);
    expect(result.documents.map((d) => [d.docIndex, (d.value as { kind: string }).kind])).toEqual([[0, 'A'], [2, 'B']]);
  });

  it('recognises an unrendered Helm template in a value or a control line', () => {
    const inline = load('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n');
    expect(inline.issues).toMatchObject([{ messageId: 'helm', line: 4, column: 9, endColumn: 27 }]);
    const control = load('{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n');
    expect(control.issues).toMatchObject([{ messageId: 'helm', line: 1, column: 1 }]);
  });

  it('does not mistake template text inside strings for Helm', () => {
    const result = load('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "{{ .x }}"\n  b: |\n    {{ range .items }}\n');
    expect(result.issues).toEqual([]);
  });

  it('stops an alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const result = load(levels.join('\n'));
    expect(result.documents).toEqual([]);
    expect(result.issues).toMatchObject([{ messageId: 'aliasBomb' }]);
  });

  it('accepts ordinary anchors and merge keys', () => {
    expect(values('base: &base {a: 1}\nderived:\n  <<: *base\n  b: 2\n')).toEqual([{ base: { a: 1 }, derived: { a: 1, b: 2 } }]);
  });

  it('reads custom tags as their untagged values, as go-yaml v2 does', () => {
    const text = 'name: !Sub "${AWS::StackName}-data"\ntags: !If [a, b]\nscript: !reference [.setup, script]\nm: !vault {a: 1}\npy: !!python/name:x.y\n';
    expect(load(text).issues).toEqual([]);
    expect(values(text)).toEqual([{ name: '${AWS::StackName}-data', tags: ['a', 'b'], script: ['.setup', 'script'], m: { a: 1 }, py: null }]);
  });

  it('accepts nesting far deeper than 100 levels (kubectl allows 10000)', () => {
    const depth = 300;
    const text = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    expect(load(text).issues).toEqual([]);
  });

  it('skips a .json file of another tool that is not JSON (tsconfig with comments)', () => {
    expect(load('{\n  // comment\n  "compilerOptions": {"strict": true,},\n}\n', 'tsconfig.json')).toEqual({ documents: [], issues: [] });
  });

  it('reports the real error, not Helm, when templates sit inside a block scalar', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  t: |\n    {{ define "x" }}{{ end }}\n broken: true\n';
    expect(load(text).issues).toMatchObject([{ messageId: 'syntax', line: 6 }]);
  });

  it('decodes UTF-16 files with a byte-order mark', () => {
    const text = 'apiVersion: v1\nkind: Pod\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decode(le)).toBe(text);
    expect(decode(be)).toBe(text);
    expect(values(decode(le))).toEqual([{ apiVersion: 'v1', kind: 'Pod' }]);
  });

  it('reports a binary file', () => {
    expect(load('\u0000\u0001PNG').issues).toMatchObject([{ messageId: 'binary', line: 1 }]);
  });
});

describe('resources', () => {
  it('skips documents that are not Kubernetes objects and expands Lists', () => {
    const docs = load(
      [
        'name: CI\non: push\njobs: {}',
        'services:\n  web: {image: nginx}',
        'apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: Secret, metadata: {name: b, namespace: x}}',
        'apiVersion: v1\nkind: ServiceList\nitems: [{apiVersion: v1, kind: Service, metadata: {name: c}}]',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}',
      ].join('\n---\n'),
    ).documents;
    const resources = toResources(docs, 'team');
    expect(resources.map((r) => [r.kind, r.name, r.namespace, r.basePath])).toEqual([
      ['ConfigMap', 'a', 'team', ['items', 0]],
      ['Secret', 'b', 'x', ['items', 1]],
      ['Service', 'c', 'team', ['items', 0]],
      ['Namespace', 'x', undefined, []],
    ]);
  });

  it('uses CRD scope for custom resources', () => {
    const docs = load(
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: Cluster, names: {kind: Widget}}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
    ).documents;
    expect(toResources(docs, 'default').map((r) => r.namespace)).toEqual([undefined, undefined]);
  });
});

describe('engine', () => {
  it('reports yaml-syntax per file and still lints the other files', async () => {
    const output = await lint([
      { path: 'bad.yaml', text: 'a: [' },
      { path: 'ok.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}}\n' },
    ]);
    expect(output.results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([['yaml-syntax'], ['service-selector-mismatch']]);
  });

  it('points List items at their own lines', async () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n    spec:\n      selector: {app: x}\n';
    const output = await lint([{ path: 'list.yaml', text }]);
    expect(output.results[0].messages).toMatchObject([{ line: 8, ruleId: 'service-selector-mismatch' }]);
  });

  it('turns a rule that throws into one internal error and keeps going', async () => {
    const boom = { id: 'boom', severity: 'error' as const, description: '', docs: { why: '', fix: '' }, messages: {}, check() { throw new Error('kaboom'); } };
    const output = await lint([{ path: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' }], { ruleSet: [boom] });
    expect(output.internalError).toBe(true);
    expect(output.results[0].messages).toMatchObject([{ ruleId: 'internal-error', line: 3, message: expect.stringContaining('kaboom') }]);
  });
});

describe('engine options', () => {
  it('refuses a Kubernetes version outside 1.23-1.35 instead of failing in every rule', async () => {
    const output = await lint([{ path: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' }], { kubernetesVersion: '1.21' });
    expect(output.errors).toEqual(['Kubernetes 1.21 is not supported: k8s-lint knows 1.23 to 1.35']);
    expect(output.internalError).toBe(false);
  });

  it('accepts v-prefixed and patch versions', async () => {
    const output = await lint([{ path: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' }], { kubernetesVersion: 'v1.29.3' });
    expect(output.errors).toEqual([]);
    expect(output.internalError).toBe(false);
  });
});
