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

  private sort(): Int32Array {
    // Equal names keep their order (defined first, found first): Array#sort is stable.
    const keyed = this.items.map((item) => ({ item, hash: hashName(item.name) }));
    keyed.sort((a, b) => a.hash - b.hash);
    this.items = keyed.map((k) => k.item);
    this.hashes = Int32Array.from(keyed, (k) => k.hash);
    return this.hashes;
  }
}

const NONE: readonly Resource[] = Object.freeze([]);

/** FNV-1a over UTF-16 code units, as a signed 32-bit integer. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash;
}
