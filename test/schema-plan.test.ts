import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definitions } from '../src/k8s/crd-schema.js';
import { loadFile } from '../src/load.js';
import { toResources } from '../src/resource.js';
import { ResourceIndex } from '../src/resource-index.js';
import { interpretObject, objectSchema, validateObject, type ObjectSchema } from '../src/schema-validate.js';
import type { JsonSchema } from '../src/schemas.js';
import { ROOT } from './helpers/test-rule.js';

/** Every built-in object of the YAML files under `folder` (recursively), with its schema in `version`. */
function builtIns(folder: string, version: string): { value: unknown; schema: ObjectSchema }[] {
  const out: { value: unknown; schema: ObjectSchema }[] = [];
  for (const entry of readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).sort()) {
    if (!entry.endsWith('.yaml')) continue;
    const file = path.join(ROOT, folder, entry);
    const resources = toResources(loadFile({ path: file, text: readFileSync(file, 'utf8') }).documents, 'default');
    const index = new ResourceIndex(resources);
    for (const resource of resources) {
      const schema = objectSchema(resource, index, version);
      if (schema !== undefined && !schema.custom) out.push({ value: resource.value, schema });
    }
  }
  return out;
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const REPLACEMENTS: Json[] = [null, true, 7, 1.5, '8080', 'yes', {}, [], { name: 'x' }, ['a', 'a'], [{ name: 'a' }, { name: 'a' }]];

/** `value` with one random change: a node replaced, a field renamed or removed, a list entry repeated. */
function mutate(value: Json, next: () => number): Json {
  const copy = structuredClone(value);
  const containers: (Json[] | { [key: string]: Json })[] = [];
  const collect = (node: Json): void => {
    if (node === null || typeof node !== 'object') return;
    containers.push(node);
    for (const child of Array.isArray(node) ? node : Object.values(node)) collect(child);
  };
  collect(copy);
  const target = containers[Math.floor(next() * containers.length)]!;
  const pick = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]!;
  if (Array.isArray(target)) {
    if (target.length > 0 && next() < 0.5) target.push(structuredClone(target[Math.floor(next() * target.length)]!));
    else target[Math.floor(next() * (target.length + 1))] = pick;
    return copy;
  }
  const keys = Object.keys(target);
  const key = keys.length === 0 ? 'extra' : keys[Math.floor(next() * keys.length)]!;
  const roll = next();
  if (roll < 0.25) delete target[key];
  else if (roll < 0.5) {
    target[`${key.slice(0, -1)}${key.slice(-1) === 's' ? 'x' : 's'}`] = target[key] ?? pick;
    delete target[key];
  } else target[key] = pick;
  return copy;
}

describe('the compiled walk of built-in kinds', () => {
  for (const version of ['1.23', '1.35']) {
    it(`finds what the interpreter finds in every fixture object and 20 mutations of each (Kubernetes ${version})`, () => {
      const objects = [...builtIns('fixtures/rules', version), ...builtIns('fixtures/examples', version)];
      expect(objects.length).toBeGreaterThan(300);
      const next = random(Number(version.slice(2)));
      let withIssues = 0;
      for (const { value, schema } of objects) {
        expect(validateObject(value, schema)).toEqual(interpretObject(value, schema));
        for (let i = 0; i < 20; i++) {
          const changed = mutate(value as Json, next);
          const expected = interpretObject(changed, schema);
          expect(validateObject(changed, schema)).toEqual(expected);
          if (expected.length > 0) withIssues++;
        }
      }
      expect(withIssues).toBeGreaterThan(objects.length * 5); // the mutations reach every kind of finding
    });
  }

  it('follows the interpreter on schema shapes the built-in schemas do not have today', () => {
    const definitions: Definitions = {
      Loop: { $ref: '#/definitions/Loop' },
      Port: { 'x-kubernetes-int-or-string': true },
      Quantity: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      Never: { anyOf: [] },
      Odd: { type: 'decimal' },
      Item: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    };
    const root: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'spec'],
      properties: {
        kind: { type: 'string' },
        free: null,
        loop: { $ref: '#/definitions/Loop' },
        missing: { $ref: '#/definitions/Missing' },
        port: { $ref: '#/definitions/Port' },
        size: { $ref: '#/definitions/Quantity' },
        never: { $ref: '#/definitions/Never' },
        odd: { $ref: '#/definitions/Odd' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        anything: { type: 'object', additionalProperties: null },
        tuple: { type: 'array', items: [{ type: 'string' }] },
        items: { type: 'array', items: { $ref: '#/definitions/Item' }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      },
    };
    const schema: ObjectSchema = { root, definitions, custom: false, source: 'test schema' };
    const values: unknown[] = [
      { kind: 'K', spec: 1, free: 3, loop: 'x', missing: 4, port: 80, size: '1Gi', odd: 2, labels: { a: 'b' }, anything: { a: 1 }, tuple: [1], tags: ['a', 'b'] },
      { kind: 1, port: true, size: 1.5, never: 'x', labels: { a: 1, b: null }, anything: 'no', tuple: 'no', tags: ['a', 'a'], items: [{ name: 'a' }, { nmae: 'a' }, { name: 'a' }] },
      { spek: {}, items: { name: 'a' }, other: null },
      [], 'text', 7, null,
    ];
    const found = values.map((value) => interpretObject(value, schema));
    expect(found.flat().map((issue) => issue.code)).toEqual(expect.arrayContaining(['wrongType', 'unknownField', 'missingField', 'duplicateEntry']));
    values.forEach((value, i) => expect(validateObject(value, schema)).toEqual(found[i]));
  });
});
