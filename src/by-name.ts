import type { Resource } from './resource.js';

/**
 * The objects of one kind and namespace, found by name: an array sorted (stably) on first lookup
 * and searched by bisection. A run may hold a million small objects: a hash map would take 36
 * bytes and a key string per object, this takes 8.
 */
export class ByName {
  private items: Resource[] = [];
  private sorted = true;

  add(resource: Resource): void {
    const last = this.items[this.items.length - 1];
    if (last !== undefined && last.name > resource.name) this.sorted = false;
    this.items.push(resource);
  }

  get(name: string): readonly Resource[] {
    if (!this.sorted) {
      // Equal names keep their order (defined first, found first): Array#sort is stable.
      this.items = this.items.sort((a, b) => compare(a.name, b.name));
      this.sorted = true;
    }
    const items = this.items;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (items[mid].name < name) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < items.length && items[end].name === name) end++;
    return end === low ? [] : items.slice(low, end);
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
