/** ByName: lookups by name agree with a scan, in definition order, hash collisions included. */
import { describe, expect, it } from 'vitest';
import { ByName, hashName } from '../src/by-name.js';
import type { Resource } from '../src/resource.js';

const object = (name: string, n: number) => ({ name, n }) as unknown as Resource;

describe('ByName', () => {
  it.each([
    ['keyed in a typed array', undefined],
    ['too large to key by position (the object sort)', 16],
  ])('finds what a scan finds, duplicates in the order they were added: %s', (_, largest) => {
    const items = Array.from({ length: 500 }, (_, i) => object(`app-${(i * 7919) % 211}`, i));
    expect(items.some((r) => hashName(r.name) < 0) && items.some((r) => hashName(r.name) > 0)).toBe(true);
    const byName = new ByName(largest);
    for (const item of items) byName.add(item);
    for (let i = 0; i < 260; i++) {
      const name = `app-${i}`;
      expect(byName.get(name)).toEqual(items.filter((r) => r.name === name));
    }
    expect(byName.get('')).toEqual([]);
  });

  it.each([
    ['keyed in a typed array', undefined],
    ['too large to key by position (the object sort)', 16],
  ])('finds the objects whose name repeats, as a scan does: %s', (_, largest) => {
    // Names repeated 1 to 4 times, and two names whose hashes collide (one of them repeated).
    const once = Array.from({ length: 200 }, (_, i) => `app-${i}`);
    const again = Array.from({ length: 30 }, (_, i) => `app-${(i * 7) % 50}`);
    const names = [...once, ...again, 'cm-55884', 'cm-318510', 'cm-318510'];
    const items = names.map((name, i) => object(name, i));
    const byName = new ByName(largest);
    for (const item of items) byName.add(item);
    const found = new Set<Resource>();
    byName.repeated(found);
    const expected = items.filter((r) => items.some((o) => o !== r && o.name === r.name));
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(items.length - 10);
    expect(new Set(found)).toEqual(new Set(expected));
    const single = new ByName();
    single.add(items[0]);
    single.repeated(found);
    expect(found.size).toBe(expected.length);
  });

  it('tells apart names whose hashes collide', () => {
    expect(hashName('cm-55884')).toBe(hashName('cm-318510'));
    const byName = new ByName();
    const [a, b, c] = [object('cm-318510', 1), object('cm-55884', 2), object('cm-318510', 3)];
    for (const item of [a, b, c]) byName.add(item);
    expect(byName.get('cm-318510')).toEqual([a, c]);
    expect(byName.get('cm-55884')).toEqual([b]);
    byName.add(object('cm-55884', 4));
    expect(byName.get('cm-55884').map((r) => (r as unknown as { n: number }).n)).toEqual([2, 4]);
  });
});
