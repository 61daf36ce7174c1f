import type { Resource } from './resource.js';

/**
 * The objects of one kind and namespace, found by name: an array sorted (stably) by a hash of the
 * name on first lookup and searched by bisection over the hashes, so that a lookup compares
 * integers, not strings (a string `<` costs as much as a whole hash). A run may hold a million
 * small objects: a hash map would take 36 bytes and a key string per object, this takes 12.
 */
export class ByName {
  private items: Resource[] = [];
  /** `hashName(items[i].name)`, ascending; undefined until the first lookup after an `add`. */
  private hashes: Int32Array | undefined;

  /** `largest`: the most items sorted by key in a double (tests lower it to reach the other sort). */
  constructor(private readonly largest = POSITIONS - 1) {}

  add(resource: Resource): void {
    this.items.push(resource);
    this.hashes = undefined;
  }

  get(name: string): readonly Resource[] {
    const hashes = this.hashes ?? this.sort();
    const hash = hashName(name);
    let low = 0;
    let high = hashes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (hashes[mid] < hash) low = mid + 1;
      else high = mid;
    }
    let found: Resource[] | undefined;
    for (let i = low; i < hashes.length && hashes[i] === hash; i++) {
      const item = this.items[i];
      if (item.name === name) (found ??= []).push(item);
    }
    return found ?? NONE;
  }

  /** Adds to `out` every object whose name another object of this bucket has too. */
  repeated(out: Set<Resource>): void {
    if (this.items.length < 2) return;
    const hashes = this.hashes ?? this.sort();
    const items = this.items;
    // Equal names have equal hashes, so they sit in one run of equal hashes: compare within runs.
    for (let start = 0, end = 1; start < hashes.length; start = end++) {
      while (end < hashes.length && hashes[end] === hashes[start]) end++;
      if (end - start === 2) {
        if (items[start].name === items[start + 1].name) out.add(items[start]).add(items[start + 1]);
      } else if (end - start > 2) {
        const count = new Map<string, number>();
        for (let i = start; i < end; i++) count.set(items[i].name, (count.get(items[i].name) ?? 0) + 1);
        for (let i = start; i < end; i++) if (count.get(items[i].name)! > 1) out.add(items[i]);
      }
    }
  }

  private sort(): Int32Array {
    // Equal names keep their order (defined first, found first). Each item is keyed by its hash
    // times 2^21 plus its position, exact in a double, so one native numeric sort of a typed array
    // orders by hash then position, with no comparator call and no object per item.
    const items = this.items;
    const count = items.length;
    if (count > this.largest) return this.sortObjects();
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = hashName(items[i].name) * POSITIONS + i;
    keys.sort();
    const sorted = new Array<Resource>(count);
    const hashes = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const hash = Math.floor(keys[i] / POSITIONS);
      hashes[i] = hash;
      sorted[i] = items[keys[i] - hash * POSITIONS];
    }
    this.items = sorted;
    this.hashes = hashes;
    return hashes;
  }

  /** The same order for a bucket too large to key by position in a double. */
  private sortObjects(): Int32Array {
    // Array#sort is stable.
    const keyed = this.items.map((item) => ({ item, hash: hashName(item.name) }));
    keyed.sort((a, b) => a.hash - b.hash);
    this.items = keyed.map((k) => k.item);
    this.hashes = Int32Array.from(keyed, (k) => k.hash);
    return this.hashes;
  }
}

/** 2^21 positions: a 32-bit hash times this, plus a position, stays below 2^53. */
const POSITIONS = 2 ** 21;

const NONE: readonly Resource[] = Object.freeze([]);

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash;
}
