import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import { defineRule, edit, type Edit, type Resource } from '../../src/rule-api.js';
import yamlSyntax from '../../rules/yaml-syntax.js';

/** A rule that reports once per object with the fix `edits(resource)` (when it gives one). */
function fixingRule(edits: (resource: Resource) => Edit[] | undefined) {
  return defineRule({
    id: 'test-fix',
    severity: 'error',
    fixable: true,
    description: 'test',
    docs: { why: 'test', fix: 'test' },
    messages: { found: 'found' },
    check({ resource, report }) {
      const fix = edits(resource);
      report(resource.node('kind'), 'found', {}, fix ? { fix } : {});
    },
  });
}

async function fixed(text: string, edits: (resource: Resource) => Edit[] | undefined, path = 'test.yaml') {
  const output = await lint([{ path, text }], { ruleSet: [yamlSyntax, fixingRule(edits)], freeze: true, fix: true });
  return output.results[0];
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # the storefront
  labels: {app: web}
spec:
  replicas: 2
  # the pods
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          env:
            - name: DEBUG
              value: yes # quoted by the fix
`;

describe('fix edits', () => {
  it('quotes a plain scalar with its text and keeps the comment after it', async () => {
    const result = await fixed(DEPLOYMENT, (r) => [edit.quote(r.node('spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'))]);
    expect(result.output).toBe(DEPLOYMENT.replace('value: yes #', 'value: "yes" #'));
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0].fix).toBeUndefined();
  });

  it('inserts a key before another, above that key\'s comment, in the document\'s indentation', async () => {
    const result = await fixed(DEPLOYMENT, (r) => [edit.insertKey(r.node('spec'), 'selector', { matchLabels: { app: 'web' } }, { before: 'template' })]);
    expect(result.output).toBe(DEPLOYMENT.replace('  # the pods\n', '  selector:\n    matchLabels:\n      app: web\n  # the pods\n'));
  });

  it('inserts a key last, with lists in the style of the document', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n    name: web\nspec:\n    ports:\n    - port: 80\n';
    const result = await fixed(text, (r) => [edit.insertKey(r.node('spec'), 'externalIPs', ['10.0.0.1', '10.0.0.2'])]);
    expect(result.output).toBe(`${text}    externalIPs:\n    - 10.0.0.1\n    - 10.0.0.2\n`);
  });

  it('replaces scalars in their quoting style and quotes what YAML 1.1 would not read as a string', async () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'web'\ndata:\n  a: b\n";
    const result = await fixed(text, (r) => [edit.replace(r.node('metadata', 'name'), "it's"), edit.replace(r.node('data', 'a'), 'on')]);
    expect(result.output).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'it''s'\ndata:\n  a: \"on\"\n");
  });

  it('replaces an entry with a nested one and removes a sibling, keeping CRLF line endings and the BOM', async () => {
    const text = '\uFEFFapiVersion: v1\r\nkind: X\r\nbackend:\r\n  serviceName: web\r\n  servicePort: 80\r\n  other: 1\r\n';
    const result = await fixed(text, (r) => [
      edit.replaceEntry(r.node('backend', 'serviceName'), 'service', { name: 'web', port: { number: 80 } }),
      edit.removeKey(r.node('backend', 'servicePort')),
    ]);
    expect(result.output).toBe('\uFEFFapiVersion: v1\r\nkind: X\r\nbackend:\r\n  service:\r\n    name: web\r\n    port:\r\n      number: 80\r\n  other: 1\r\n');
  });

  it('renames a key and keeps its value', async () => {
    const text = 'apiVersion: v1\nkind: X\nspec:\n  backend: # default\n    name: web\n';
    const result = await fixed(text, (r) => [edit.renameKey(r.node('spec', 'backend'), 'defaultBackend')]);
    expect(result.output).toBe('apiVersion: v1\nkind: X\nspec:\n  defaultBackend: # default\n    name: web\n');
  });

  it('writes JSON into JSON files', async () => {
    const text = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web"}, "data": {"a": true}}';
    const result = await fixed(text, (r) => [edit.replace(r.node('metadata', 'name'), 'api'), edit.quote(r.node('data', 'a'))], 'cm.json');
    expect(result.output).toBe('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "api"}, "data": {"a": "true"}}');
  });

  it('edits flow collections in flow style', async () => {
    const text = 'apiVersion: v1\nkind: X\nflow: {a: 1}   # keep\nother: {x: [1]}\n';
    const result = await fixed(text, (r) => [edit.insertKey(r.node('flow'), 'b', ['on']), edit.replace(r.node('other'), { c: { d: 'yes' } })]);
    expect(result.output).toBe('apiVersion: v1\nkind: X\nflow: {a: 1, b: ["on"]}   # keep\nother: {c: {d: "yes"}}\n');
    const json = await fixed('{"apiVersion": "v1", "kind": "X", "spec": {"a": 1}}', (r) => [edit.insertKey(r.node('spec'), 'b', { c: 'd' })], 'x.json');
    expect(json.output).toBe('{"apiVersion": "v1", "kind": "X", "spec": {"a": 1, "b": {"c":"d"}}}');
    const entries = await fixed('{"apiVersion": "v1", "kind": "X", "spec": {"a": 1, "b": 2, "c": 3}}', (r) => [
      edit.replaceEntry(r.node('spec', 'a'), 'z', [true]), edit.removeKey(r.node('spec', 'c')),
    ], 'x.json');
    expect(entries.output).toBe('{"apiVersion": "v1", "kind": "X", "spec": {"z": [true], "b": 2}}');
    const first = await fixed('apiVersion: v1\nkind: X\nspec: {a: 1, b: 2}\n', (r) => [edit.removeKey(r.node('spec', 'a'))]);
    expect(first.output).toBe('apiVersion: v1\nkind: X\nspec: {b: 2}\n');
  });

  it('offers no fix it cannot make safely: a missing node, a type change, the last key of a map, a multi-line scalar', async () => {
    const text = 'apiVersion: v1\nkind: X\nflow: {a: 1}\nonly:\n  key: 1\nlong: two\n  lines\n';
    for (const edits of [
      (r: Resource) => [edit.quote(r.node('nowhere'))],
      (r: Resource) => [edit.insertKey(r.node('flow'), 'a', 2)],
      (r: Resource) => [edit.removeKey(r.node('only', 'key'))],
      (r: Resource) => [edit.quote(r.node('long'))],
      (r: Resource) => [edit.replace(r.node('flow'), [1])],
    ]) {
      const result = await fixed(text, edits);
      expect(result.output).toBeUndefined();
      expect(result.messages[0].fix).toBeUndefined();
    }
  });

  it('reports the fix as an ESLint text edit without applying it when not fixing', async () => {
    const text = 'apiVersion: v1\nkind: X\nvalue: on\n';
    const output = await lint([{ path: 't.yaml', text }], { ruleSet: [yamlSyntax, fixingRule((r) => [edit.quote(r.node('value'))])] });
    expect(output.results[0].output).toBeUndefined();
    expect(output.results[0].messages[0].fix).toEqual({ range: [30, 32], text: '"on"' });
  });

  it('applies overlapping fixes one per pass until nothing changes', async () => {
    const text = 'apiVersion: v1\nkind: X\ncount: 1\n';
    const bump = (r: Resource) => {
      const n = (r.value as unknown as { count: number }).count;
      return n < 4 ? [edit.replace(r.node('count'), n + 1)] : undefined;
    };
    const twice = defineRule({ ...fixingRule(bump), check: (context) => { fixingRule(bump).check(context); fixingRule(bump).check(context); } });
    const output = await lint([{ path: 't.yaml', text }], { ruleSet: [yamlSyntax, twice], fix: true });
    expect(output.results[0].output).toBe('apiVersion: v1\nkind: X\ncount: 4\n');
  });

  it('turns a fix from a rule that does not declare `fixable` into an internal error', async () => {
    const rule = { ...fixingRule((r) => [edit.quote(r.node('value'))]), fixable: false };
    const output = await lint([{ path: 't.yaml', text: 'apiVersion: v1\nkind: X\nvalue: on\n' }], { ruleSet: [rule] });
    expect(output.internalError).toBe(true);
    expect(output.results[0].messages[0].message).toMatch(/does not declare `fixable: true`/);
  });
});
