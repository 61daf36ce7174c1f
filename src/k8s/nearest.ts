/**
 * "Did you mean" over one set of names asked about many times: every missing reference of a
 * namespace looks among the same names. It answers as `closest` (suggest.ts) does — the nearest
 * name by edit distance, ignoring case first, the alphabetically first of equals, within a third
 * of the word's length (at least 2 edits) — without its cost per name: names are lowercased
 * once and grouped by length, only lengths within reach are looked at (the distance is at least
 * the difference of lengths), and a distance stops being computed once it is out of reach.
 */

interface Candidate {
  readonly name: string;
  readonly lower: string;
}

export class NameSuggester {
  private readonly byLength = new Map<number, Candidate[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const lower = name.toLowerCase();
      const group = this.byLength.get(lower.length);
      if (group) group.push({ name, lower });
      else this.byLength.set(lower.length, [{ name, lower }]);
    }
  }

  /** The name `word` probably meant, or undefined when none is near enough. */
  closest(word: string): string | undefined {
    const limit = Math.max(2, Math.floor(word.length / 3));
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    const counts = countCodes(lower);
    for (let length = Math.max(0, lower.length - limit); length <= lower.length + limit; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.name === word) continue;
        const bound = Math.min(limit, bestDistance);
        const distance = candidate.lower === lower ? 0.5
          : bagDistance(counts, lower.length, candidate.lower) > bound ? Infinity
            : distanceWithin(lower, candidate.lower, bound);
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate.name < best)) {
          best = candidate.name;
          bestDistance = distance;
        }
      }
    }
    return best;
  }
}

/** How often each code unit (folded to 7 bits) occurs in `text`. */
function countCodes(text: string): Int32Array {
  const counts = new Int32Array(128);
  for (let i = 0; i < text.length; i++) counts[text.charCodeAt(i) & 127]++;
  return counts;
}

/** Code units `bagDistance` took from the counts, to put back. */
const taken = new Int32Array(128);

/**
 * A lower bound of the edit distance, cheap to compute: the longer length minus the code units
 * both strings have (each edit fixes at most one). Folding codes to 7 bits only lowers it.
 */
function bagDistance(counts: Int32Array, length: number, other: string): number {
  let shared = 0;
  for (let i = 0; i < other.length; i++) {
    const code = other.charCodeAt(i) & 127;
    if (counts[code] > 0) {
      counts[code]--;
      taken[code]++;
      shared++;
    }
  }
  for (let i = 0; i < other.length; i++) {
    const code = other.charCodeAt(i) & 127;
    counts[code] += taken[code];
    taken[code] = 0;
  }
  return Math.max(length, other.length) - shared;
}

/** Two rows of the distance table, reused (grown for longer names). */
const rows = { previous: new Int32Array(64), current: new Int32Array(64) };

/** The edit distance of `a` and `b` when it is at most `bound`, else Infinity. */
export function distanceWithin(a: string, b: string, bound: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > bound) return Infinity;
  if (rows.previous.length <= n) {
    rows.previous = new Int32Array(n + 1);
    rows.current = new Int32Array(n + 1);
  }
  let previous = rows.previous;
  let current = rows.current;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowMin = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      let value = previous[j - 1] + (code === b.charCodeAt(j - 1) ? 0 : 1);
      const up = previous[j] + 1;
      if (up < value) value = up;
      const left = current[j - 1] + 1;
      if (left < value) value = left;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // Every later row is at least this row's minimum.
    if (rowMin > bound) return Infinity;
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[n] <= bound ? previous[n] : Infinity;
}
