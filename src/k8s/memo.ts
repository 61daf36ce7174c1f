/**
 * Caches for pure functions of strings that a run asks about again and again (the same image in
 * several rules, the same quantity in every container, one schema per kind). Bounded: the language
 * server lives long, so a cache that fills up starts over.
 */
export class StringMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 10_000) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/** Values keyed by two strings (apiVersion and kind), without building a key string per lookup. */
export class PairMemo<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  private size = 0;

  constructor(private readonly limit = 10_000) {}

  get(first: string, second: string): V | undefined {
    return this.outer.get(first)?.get(second);
  }

  set(first: string, second: string, value: V): V {
    if (this.size >= this.limit) {
      this.outer.clear();
      this.size = 0;
    }
    let inner = this.outer.get(first);
    if (!inner) this.outer.set(first, (inner = new Map()));
    if (!inner.has(second)) this.size++;
    inner.set(second, value);
    return value;
  }
}
