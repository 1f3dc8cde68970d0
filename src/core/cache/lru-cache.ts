/**
 * A small least-recently-used map with a fixed capacity, for caches whose entries are pure
 * functions of their key (so eviction only ever costs time, never changes a result).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** `capacity`: the most entries kept; the least recently used one is dropped beyond it. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruCache capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, marking it most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // A Map iterates in insertion order: re-inserting moves the key to the young end.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores `value` under `key` as most recently used, evicting the oldest entry if full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** True when `key` is held (does not change its recency). */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
  }
}
