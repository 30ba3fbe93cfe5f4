/** A held value, its weight, and whether it was read since it last came to the young end. */
interface Slot<V> {
  readonly value: V;
  readonly weight: number;
  used: boolean;
}

/**
 * A map bounded by a total weight (each value weighs `weigh(value)`, at
 * least 1): adding past the bound drops values that have gone longest
 * without being read ("second chance": a read marks a value, and eviction
 * moves a marked value to the young end once instead of dropping it, so a
 * read costs no reordering). A value heavier than the whole bound is not kept.
 */
export class LruCache<K, V> {
  readonly #map = new Map<K, Slot<V>>();
  readonly #capacity: number;
  readonly #weigh: (value: V) => number;
  #weight = 0;

  constructor(capacity: number, weigh: (value: V) => number = () => 1) {
    this.#capacity = capacity;
    this.#weigh = weigh;
  }

  get size(): number {
    return this.#map.size;
  }

  /** The summed weight of the values held (never above the capacity). */
  get weight(): number {
    return this.#weight;
  }

  /** The value, marked as read. */
  get(key: K): V | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = Math.max(1, this.#weigh(value));
    if (weight > this.#capacity) return;
    this.#map.set(key, { value, weight, used: false });
    this.#weight += weight;
    while (this.#weight > this.#capacity) {
      const [oldest, slot] = this.#map.entries().next().value as [K, Slot<V>];
      this.#map.delete(oldest);
      if (slot.used && oldest !== key) {
        slot.used = false;
        this.#map.set(oldest, slot);
      } else {
        this.#weight -= slot.weight;
      }
    }
  }

  delete(key: K): void {
    const slot = this.#map.get(key);
    if (slot === undefined) return;
    this.#map.delete(key);
    this.#weight -= slot.weight;
  }

  /** Drops every value whose key passes `test`. */
  deleteWhere(test: (key: K) => boolean): void {
    for (const key of [...this.#map.keys()]) if (test(key)) this.delete(key);
  }
}
