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

/**
 * The results of a function of one object for its last few keys, by identity: for facts that the
 * rules of one object ask for in turn (the runner checks an object with all its rules before the
 * next). A WeakMap beside the objects would keep every result for the whole run, and the young
 * collector would copy them all; here they die young. The last `size` keys stay reachable until
 * replaced.
 */
export class RecentMemo<K extends object, V> {
  private readonly keys: Array<K | undefined>;
  private readonly values: Array<V | undefined>;
  private next = 0;

  constructor(private readonly size = 1) {
    this.keys = new Array<K | undefined>(size).fill(undefined);
    this.values = new Array<V | undefined>(size).fill(undefined);
  }

  get(key: K): V | undefined {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i];
    return undefined;
  }

  set(key: K, value: V): V {
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    return value;
  }
}
