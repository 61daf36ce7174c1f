import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/load.js';
import { share, sharingStrings } from '../src/yaml11.js';

/** A text of `count` distinct plain scalars of 13 or more characters (`batch` makes them unique per text). */
const distinct = (batch: number, count: number) => Array.from({ length: count }, (_, i) => `k${i}: name-${batch}-${i}-abcdefghij\n`).join('');
const valueOf = (text: string, key: string) => (loadFile({ path: 'a.yaml', text }).documents[0].value as Record<string, string>)[key];

function gcHeap(): () => number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
}

describe('strings shared while parsing', () => {
  it('returns equal strings, whatever evicted them from the shared slots, and equal copies past the length', () => {
    sharingStrings(() => {
      const a = valueOf('kind: ConfigMapThatIsLong\n', 'kind');
      expect(valueOf('kind: ConfigMapThatIsLong\n', 'kind')).toBe(a);
      valueOf(distinct(0, 50_000), 'k0'); // every slot taken by another string
      const late = valueOf('name: only-seen-past-the-limit\n', 'name');
      expect(late).toBe('only-seen-past-the-limit');
      expect(valueOf('kind: ConfigMapThatIsLong\n', 'kind')).toBe(a);
      const long = `image: ${'r'.repeat(70)}@sha256:${'0'.repeat(64)}\n`;
      expect(valueOf(long, 'image')).toBe(long.slice(7, -1));
    });
    expect(share('outside-of-a-parse')).toBe('outside-of-a-parse');
  });

  it('keeps one string for a value repeated among thousands of distinct ones', () => {
    const heap = gcHeap();
    const text = (batch: number) => Array.from({ length: 1000 }, (_, i) => `kind: ConfigMapThatIsLong\nmetadata: {name: app-${batch}-${i}-abcdefghijk}\n`).join('---\n');
    const kinds: string[] = new Array(40_000);
    let n = 0;
    // Parsed once before measuring, so that the parser's compiled code is not counted.
    sharingStrings(() => loadFile({ path: 'a.yaml', text: text(-1) }));
    const before = heap();
    sharingStrings(() => {
      // 40,000 objects, each with a name of its own: kept as copies, their kinds would take ~1.6 MB.
      for (let batch = 0; batch < 40; batch++) {
        for (const doc of loadFile({ path: 'a.yaml', text: text(batch) }).documents) kinds[n++] = (doc.value as { kind: string }).kind;
      }
    });
    // The list itself (allocated before) takes nothing more; a string per object would take ~1.6 MB.
    expect(heap() - before).toBeLessThan(512 * 1024);
    expect(new Set(kinds)).toEqual(new Set(['ConfigMapThatIsLong']));
  });

  it('keeps no parsed text alive through the strings it returns, shared or not', () => {
    const heap = gcHeap();
    const kept: string[] = [];
    sharingStrings(() => {
      valueOf(distinct(0, 50_000), 'k0');
      const before = heap();
      // 40 texts of ~270 KB: were each kept by one slice, they would hold ~11 MB.
      for (let batch = 1; batch <= 40; batch++) kept.push(valueOf(distinct(batch, 8000), 'k7'));
      expect(heap() - before).toBeLessThan(3 * 1024 * 1024);
    });
    expect(kept[39]).toBe('name-40-7-abcdefghij');
  });
});

describe('values kept compact while parsing', () => {
  it('gives lists their exact length, and aliases the anchored value', () => {
    const [value] = loadFile({ path: 'a.yaml', text: 'a: &x [1, {b: [2]}]\nc: *x\nd:\n  - e\n  - [f]\n' }).documents.map((d) => d.value);
    expect(value).toEqual({ a: [1, { b: [2] }], c: [1, { b: [2] }], d: ['e', ['f']] });
  });

  it('keeps no parsed text alive through quoted and block scalars, and no room for items a list does not have', () => {
    const heap = gcHeap();
    const quoted = (batch: number) => Array.from({ length: 8000 }, (_, i) => `k${i}: "name-${batch}-${i}-abcdefghij"\nb${i}: |\n  line-${batch}-${i}-abcdefghij\n`).join('');
    const kept: unknown[] = [];
    let before = heap();
    for (let batch = 1; batch <= 20; batch++) {
      const value = loadFile({ path: 'a.yaml', text: quoted(batch) }).documents[0].value as Record<string, string>;
      kept.push(value.k7, value.b7);
    }
    // 20 texts of ~700 KB (batches of ~256 KB): were each kept by a slice, they would hold ~14 MB.
    expect(heap() - before).toBeLessThan(3 * 1024 * 1024);
    before = heap();
    const lists = loadFile({ path: 'a.yaml', text: Array.from({ length: 20_000 }, (_, i) => `- [${i}]\n`).join('') }).documents[0].value;
    // 20,000 lists of one item: 56 bytes each when exact, 184 as js-yaml grows them (3.7 MB).
    expect(heap() - before).toBeLessThan(3 * 1024 * 1024);
    expect([kept[0], kept[1], (lists as number[][])[19_999]]).toEqual(['name-1-7-abcdefghij', 'line-1-7-abcdefghij\n', [19_999]]);
  });
});
