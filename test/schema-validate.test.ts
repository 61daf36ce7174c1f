import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/load.js';
import { isRecord, toResources, type Resource } from '../src/resource.js';
import { ResourceIndex } from '../src/resource-index.js';
import { objectSchema, validateObject, type SchemaIssue } from '../src/schema-validate.js';
import { KUBERNETES_KEYWORDS, lookupKind } from '../src/schemas.js';
import { ROOT } from './helpers/test-rule.js';

function resourcesOf(text: string): { resources: Resource[]; index: ResourceIndex } {
  const { documents } = loadFile({ path: 'test.yaml', text });
  const resources = toResources(documents, 'default');
  return { resources, index: new ResourceIndex(resources) };
}

function issuesOf(text: string, version = '1.35'): SchemaIssue[] {
  const { resources, index } = resourcesOf(text);
  return resources.flatMap((r) => {
    const schema = objectSchema(r, index, version);
    return schema ? validateObject(r.value, schema) : [];
  });
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx}]\n';

describe('objectSchema', () => {
  it('returns one cached schema per version and kind, and accepts version spellings', () => {
    const { resources: [pod], index } = resourcesOf(POD);
    const schema = objectSchema(pod!, index, '1.35');
    expect(schema?.source).toBe('v1 Pod in Kubernetes 1.35');
    expect(objectSchema(pod!, index, 'v1.35.2')).toBe(schema);
    expect(objectSchema(pod!, index, '1.23')).not.toBe(schema);
    expect(() => objectSchema(pod!, index, '1.19')).toThrow(RangeError);
  });

  it('leaves kinds the version does not serve, and unknown custom kinds, alone', () => {
    const { resources, index } = resourcesOf(
      'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n---\napiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n',
    );
    expect(objectSchema(resources[0]!, index, '1.24')).toBeDefined();
    expect(objectSchema(resources[0]!, index, '1.25')).toBeUndefined();
    expect(objectSchema(resources[1]!, index, '1.35')).toBeUndefined();
  });

  it('builds a custom resource schema once per CRD and served version', () => {
    const crd = readFileSync(path.join(ROOT, 'fixtures/rules/schema-violation/valid/custom-resource.yaml'), 'utf8');
    const { resources, index } = resourcesOf(crd);
    const [, backup, , future] = resources;
    const schema = objectSchema(backup!, index, '1.35');
    expect(schema?.custom).toBe(true);
    expect(schema?.source).toBe('CustomResourceDefinition `backups.example.com`');
    expect(objectSchema(backup!, index, '1.35')).toBe(schema);
    expect(objectSchema(future!, index, '1.35')).toBeUndefined(); // v2 is not served by the CRD
  });
});

describe('validateObject', () => {
  it('skips nulls without touching the frozen value', () => {
    const { resources: [pod], index } = resourcesOf(POD);
    const value = Object.freeze({ ...pod!.value, metadata: Object.freeze({ name: 'p', labels: null, creationTimestamp: null }), status: null });
    expect(validateObject(value, objectSchema(pod!, index, '1.35')!)).toEqual([]);
  });

  it('prints map keys in brackets and fields with dots', () => {
    const issues = issuesOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: {example.com/port: 80}\n');
    expect(issues).toEqual([expect.objectContaining({
      code: 'wrongType', path: ['metadata', 'annotations', 'example.com/port'], key: false,
      data: { field: 'metadata.annotations[example.com/port]', detail: 'expected a string, got the number `80`; quote the value' },
    })]);
  });

  it('reports duplicates of list-type set values as warnings for built-in kinds', () => {
    const issues = issuesOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  finalizers: [example.com/a, example.com/b, example.com/a]\n');
    expect(issues).toEqual([{
      code: 'duplicateEntry', path: ['metadata', 'finalizers', 2], key: false, severity: 'warn',
      data: { field: 'metadata.finalizers', detail: 'value `example.com/a` appears twice (items 0 and 2); keep one' },
    }]);
  });

  it('treats a missing protocol as TCP when comparing list-map keys', () => {
    const pod = (second: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: dns\n      image: coredns/coredns:1.11.1\n      ports:\n        - {containerPort: 53}\n        - {containerPort: 53, ${second}}\n`;
    expect(issuesOf(pod('protocol: TCP')).map((i) => [i.code, i.severity])).toEqual([['duplicateEntry', 'warn']]);
    expect(issuesOf(pod('protocol: UDP'))).toEqual([]);
  });

  it('reports duplicates in custom resource list-maps as errors and checks CRD constraints', () => {
    const crd = readFileSync(path.join(ROOT, 'fixtures/rules/schema-violation/valid/custom-resource.yaml'), 'utf8')
      .replace('- {name: wal, size: 2}', '- {name: data, size: 2}')
      .replace('schedule: "0 2 * * *"', 'schedule: "daily"')
      .replace('storage: s3', 'storage: 3');
    expect(issuesOf(crd).map((i) => `${i.code} ${i.data.field} ${i.data.detail}${i.severity ? ' warn' : ''}`)).toEqual([
      'invalidValue spec.schedule the string `"daily"` does not match the pattern `^(\\S+ ){4}\\S+$`',
      'wrongType spec.storage expected a string, got the number `3`; quote the value',
      'duplicateEntry spec.volumes `name` `data` appears twice (items 0 and 1); keep one',
    ]);
  });

  it('summarises failed alternatives of CRD schemas in the closest one', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: routes.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Route, plural: routes}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                host: {type: string}
                path: {type: string}
              oneOf: [{required: [host]}, {required: [path]}]
---
apiVersion: example.com/v1
kind: Route
metadata: {name: a}
spec: {}
---
apiVersion: example.com/v1
kind: Route
metadata: {name: b}
spec: {host: x, path: /}
`;
    expect(issuesOf(text).map((i) => `${i.code} ${i.data.field}${i.data.detail ? ` ${i.data.detail}` : ''}`)).toEqual([
      'missingField spec.host',
      'invalidValue spec matches more than one of the alternatives of its `oneOf`; it must match exactly one',
    ]);
  });
});

/**
 * ajv as an oracle: every built-in object of the valid fixtures, and many seeded mutations of them,
 * must be valid for ajv exactly when validateObject finds nothing, and each finding must point
 * where ajv has an error.
 */
describe('agrees with ajv on the built-in schemas', () => {
  const ajv = new Ajv({ strict: true, allErrors: true, code: { optimize: false } });
  ajv.addVocabulary([...KUBERNETES_KEYWORDS]);
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (version: string, apiVersion: string, kind: string) => {
    const key = `${version} ${apiVersion} ${kind}`;
    let validate = validators.get(key);
    if (!validate) validators.set(key, (validate = ajv.compile(lookupKind(version, apiVersion, kind)!.schema)));
    return validate;
  };
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const ajvPointer = (e: ErrorObject) => {
    const params = e.params as { additionalProperty?: string; missingProperty?: string };
    const extra = params.additionalProperty ?? params.missingProperty;
    return extra === undefined ? e.instancePath : `${e.instancePath}/${escape(extra)}`;
  };
  const ourPointer = (issue: SchemaIssue) =>
    [...issue.data.field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)].map((m) => `/${escape(m[1] ?? m[2]!)}`).join('');

  const dir = path.join(ROOT, 'fixtures/rules/schema-violation/valid');
  const samples = readdirSync(dir).flatMap((f) => resourcesOf(readFileSync(path.join(dir, f), 'utf8')).resources)
    .filter((r) => lookupKind('1.35', r.apiVersion, r.kind) !== undefined)
    .map((r) => withoutNulls(r.value) as Record<string, unknown>);

  function check(object: Record<string, unknown>, version: string): boolean {
    const { resources: [resource], index } = resourcesOf(JSON.stringify(object));
    const validate = validatorFor(version, resource!.apiVersion, resource!.kind);
    const ajvValid = validate(object) as boolean;
    const pointers = new Set((validate.errors ?? []).map(ajvPointer));
    const issues = validateObject(object, objectSchema(resource!, index, version)!).filter((i) => i.code !== 'duplicateEntry');
    expect(issues.length === 0, `${JSON.stringify(object)}\najv: ${JSON.stringify(validate.errors)}\nours: ${JSON.stringify(issues)}`).toBe(ajvValid);
    for (const issue of issues) expect([...pointers], issue.data.field).toContain(ourPointer(issue));
    return ajvValid;
  }

  it('accepts every valid fixture in 1.35', () => {
    expect(samples.length).toBeGreaterThan(20);
    for (const sample of samples) expect(check(sample, '1.35')).toBe(true);
  });

  it('agrees on 600 seeded mutations in 1.35 and 1.23', () => {
    const random = seeded(42);
    let invalid = 0;
    for (let n = 0; n < 600; n++) {
      const object = structuredClone(samples[n % samples.length]!);
      mutate(object, random);
      // Every third sample in 1.23, when 1.23 serves the kind at all.
      const old = n % 3 === 0 && lookupKind('1.23', String(object.apiVersion), String(object.kind)) !== undefined;
      if (!check(object, old ? '1.23' : '1.35')) invalid++;
    }
    expect(invalid).toBeGreaterThan(300);
  });
});

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** One random change below the root (apiVersion/kind stay): a new field, a value of another
 * type, a removed field, or a list turned into a map. */
function mutate(object: Record<string, unknown>, random: () => number): void {
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (node: unknown, depth: number) => {
    if (Array.isArray(node) || isRecord(node)) {
      if (depth > 0) containers.push(node);
      for (const child of Object.values(node)) walk(child, depth + 1);
    }
  };
  walk(object, 0);
  const parent = containers[Math.floor(random() * containers.length)] ?? object;
  const keys = Object.keys(parent);
  const key = keys[Math.floor(random() * keys.length)];
  const target = parent as Record<string, unknown>;
  const kind = Math.floor(random() * 4);
  if (kind === 0 && !Array.isArray(parent)) target.zzUnknown = 'x';
  else if (key === undefined) target[Array.isArray(parent) ? 0 : 'zzUnknown'] = 1;
  else if (kind === 1 || kind === 0) {
    const old = target[key];
    target[key] = typeof old === 'string' ? 7 : typeof old === 'number' ? String(old) : typeof old === 'boolean' ? 'yes' : Array.isArray(old) ? { a: 1 } : 'text';
  } else if (kind === 2 && !Array.isArray(parent)) delete target[key];
  else target[key] = Array.isArray(target[key]) ? { first: (target[key] as unknown[])[0] ?? 1 } : [target[key]];
}
