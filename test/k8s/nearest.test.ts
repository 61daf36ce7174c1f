/** NameSuggester answers exactly as `closest`, the plain scan it replaces for names asked about many times. */
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/k8s/suggest.js';
import { distanceWithin, NameSuggester } from '../../src/k8s/nearest.js';

/** A small seeded generator, so a failure is reproducible. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('NameSuggester', () => {
  it('answers the cases `closest` is documented for', () => {
    const names = ['app-config', 'App-Config2', 'frontend', 'backend', 'api', 'db', 'kube-root-ca.crt', ''];
    const suggester = new NameSuggester(names);
    for (const word of ['app-confg', 'APP-CONFIG', 'app-config', 'frontnd', 'bakend', 'ap', 'x', 'kube-root-ca', '', 'zzzzzzzzzzzz', 'b']) {
      expect(suggester.closest(word), word).toBe(closest(word, names));
    }
    expect(suggester.closest('frontnd')).toBe('frontend');
    expect(new NameSuggester([]).closest('web')).toBeUndefined();
  });

  it('breaks ties as `closest` does, whatever the order of the names', () => {
    // `web-b` and `web-a` are one edit from `web-c`; the alphabetically first wins; a case-only difference beats both.
    expect(new NameSuggester(['web-b', 'web-a']).closest('web-c')).toBe('web-a');
    expect(new NameSuggester(['web-b', 'WEB-C', 'web-a']).closest('web-c')).toBe('WEB-C');
    expect(new NameSuggester(['Web-C', 'WEB-C', 'web-c']).closest('web-c')).toBe('WEB-C');
  });

  it('agrees with `closest` on random names and words', () => {
    const next = random(14);
    const alphabet = 'ab-cdeİK1';
    const word = (max: number) => Array.from({ length: Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const names = Array.from({ length: Math.floor(next() * 30) }, () => word(12));
      const suggester = new NameSuggester(names);
      for (let i = 0; i < 10; i++) {
        const asked = next() < 0.2 && names.length > 0 ? names[Math.floor(next() * names.length)] : word(12);
        expect(suggester.closest(asked), `${asked} in ${JSON.stringify(names)}`).toBe(closest(asked, names));
      }
    }
  });
});

describe('distanceWithin', () => {
  it('is the edit distance when within the bound, else Infinity', () => {
    const next = random(7);
    const word = () => Array.from({ length: Math.floor(next() * 90) }, () => 'abc'[Math.floor(next() * 3)]).join('');
    for (let round = 0; round < 300; round++) {
      const [a, b, bound] = [word(), word(), Math.floor(next() * 8)];
      const distance = editDistance(a, b);
      expect(distanceWithin(a, b, bound)).toBe(distance <= bound ? distance : Infinity);
    }
  });
});
