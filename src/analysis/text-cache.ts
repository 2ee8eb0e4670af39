// The analyzer's cache of text-only results, keyed by the comment text.
// Eviction is CLOCK (second chance): every entry has a "used" bit that a hit
// sets; when the cache is full, a hand sweeps the slots, clearing set bits and
// evicting the first entry whose bit is clear. That keeps the texts that recur
// (greetings, copied spam) like LRU does, at O(1) per operation. (An LRU built
// on a Map's insertion order was tried: a Map keeps deleted entries as holes
// until it rehashes, and taking its oldest key skipped thousands of them, about
// 30 µs per comment.)
export class TextCache<V> {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly values: V[] = [];
  private readonly used: Uint8Array;
  private hand = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.used = new Uint8Array(this.capacity);
  }

  get(key: string): V | undefined {
    const slot = this.index.get(key);
    if (slot === undefined) return undefined;
    this.used[slot] = 1;
    return this.values[slot];
  }

  /** Add a key that is not in the cache. */
  add(key: string, value: V): void {
    let slot: number;
    if (this.keys.length < this.capacity) slot = this.keys.length;
    else {
      while (this.used[this.hand] === 1) {
        this.used[this.hand] = 0;
        this.hand = (this.hand + 1) % this.capacity;
      }
      slot = this.hand;
      this.hand = (this.hand + 1) % this.capacity;
      this.index.delete(this.keys[slot]!);
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.used[slot] = 0;
    this.index.set(key, slot);
  }

  get size(): number {
    return this.index.size;
  }
}
