/**
 * Values from manifests are data, never members: an object using a property name of
 * Object.prototype (`__proto__`, `constructor`, `toString`, ...) as its kind, group, version, name,
 * namespace, label key, field name, resource name or reference must be linted like any other word.
 * fixtures/robustness/every-lookup.yaml puts `__P__` in every place where k8s-lint looks a value up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine.js';
import type { LintMessage } from '../../src/model.js';
import { ROOT } from '../helpers/test-rule.js';
import jsyaml from 'js-yaml';
import { fixtureSeeds, MEMBER_NAMES, PROTOTYPE_NAMES } from '../../scripts/fuzz/mutate.mjs';

const TEMPLATE = readFileSync(path.join(ROOT, 'fixtures/robustness/every-lookup.yaml'), 'utf8');

/** An ordinary word of the same shape (length, case, underscores): `__proto__` -> `__xxxxx__`. */
function sameShape(word: string): string {
  return word.replace(/[a-z]/g, 'x').replace(/[A-Z]/g, 'X');
}

const where = (m: LintMessage) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.severity}`;

async function findings(word: string): Promise<LintMessage[]> {
  const output = await lint([{ path: 'every-lookup.yaml', text: TEMPLATE.replaceAll('__P__', word) }], { freeze: true });
  expect(output.errors).toEqual([]);
  return output.results.flatMap((r) => r.messages);
}

/** Member names that are no Kubernetes field name (`name` is one: it would make duplicate keys). */
const NAMES = [...PROTOTYPE_NAMES, 'then', 'length', 'prototype'];

describe('property names of Object.prototype in manifests', () => {
  it.each(NAMES)('`%s` is linted like an ordinary word in every place', async (name) => {
    const [got, ordinary] = await Promise.all([findings(name), findings(sameShape(name))]);
    expect(got.filter((m) => m.ruleId === 'internal-error').map((m) => m.message)).toEqual([]);
    expect(got.map(where)).toEqual(ordinary.map(where));
    expect(got.length).toBeGreaterThan(20);
  });
});

/**
 * Every fixture with its string values, then its map keys, replaced in turn by the names (the n-th
 * value or key gets name n mod 20): no internal error in any of them.
 */
function substituted(value: unknown, mode: 'values' | 'keys', counter: { n: number }): unknown {
  if (typeof value === 'string') return mode === 'values' ? MEMBER_NAMES[counter.n++ % MEMBER_NAMES.length] : value;
  if (Array.isArray(value)) return value.map((item) => substituted(item, mode, counter));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = mode === 'keys' && counter.n++ % 3 === 0 ? MEMBER_NAMES[counter.n % MEMBER_NAMES.length] : key;
    Object.defineProperty(out, name, { value: substituted(item, mode, counter), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe('fixtures with member names substituted', () => {
  const seeds = fixtureSeeds(ROOT).filter((seed) => !seed.path.includes('alias-bomb'));
  it.each(['values', 'keys'] as const)('lint without internal errors when %s are member names', async (mode) => {
    const crashes: string[] = [];
    for (const seed of seeds) {
      let docs: unknown[];
      try {
        docs = jsyaml.loadAll(seed.text, undefined, { json: true });
      } catch {
        continue;
      }
      const counter = { n: 0 };
      const text = docs.map((doc) => jsyaml.dump(substituted(doc, mode, counter), { lineWidth: -1, skipInvalid: true })).join('---\n');
      const output = await lint([{ path: seed.path, text }]);
      for (const m of output.results.flatMap((r) => r.messages)) if (m.ruleId === 'internal-error') crashes.push(`${seed.path}: ${m.message}`);
    }
    expect(crashes).toEqual([]);
  });
});
