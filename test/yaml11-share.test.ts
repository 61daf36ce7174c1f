import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/load.js';
import { share, sharingStrings } from '../src/yaml11.js';

/** A text of `count` distinct plain scalars of 13 or more characters (`batch` makes them unique per text). */
const distinct = (batch: number, count: number) => Array.from({ length: count }, (_, i) => `k${i}: name-${batch}-${i}-abcdefghij\n`).join('');
const valueOf = (text: string, key: string) => (loadFile({ path: 'a.yaml', text }).documents[0].value as Record<string, string>)[key];

describe('strings shared while parsing', () => {
  it('returns one string for equal strings, and equal copies past the limit or the length', () => {
    sharingStrings(() => {
      const a = valueOf('kind: ConfigMapThatIsLong\n', 'kind');
      expect(valueOf('kind: ConfigMapThatIsLong\n', 'kind')).toBe(a);
      valueOf(distinct(0, 50_000), 'k0'); // fills the shared strings
      const late = valueOf('name: only-seen-past-the-limit\n', 'name');
      expect(late).toBe('only-seen-past-the-limit');
      expect(valueOf('kind: ConfigMapThatIsLong\n', 'kind')).toBe(a);
      const long = `image: ${'r'.repeat(70)}@sha256:${'0'.repeat(64)}\n`;
      expect(valueOf(long, 'image')).toBe(long.slice(7, -1));
    });
    expect(share('outside-of-a-parse')).toBe('outside-of-a-parse');
  });

  it('keeps no parsed text alive through the strings it returns, past the limit too', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
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
