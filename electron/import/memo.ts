/**
 * A pure function remembered by its argument for one sheet. Vendor sheets repeat their values
 * down thousands of rows, so each distinct one is worked out once.
 */

/** Arguments a memo keeps at most; past that (a sheet of unique notes, say) it computes afresh. */
export const MEMO_LIMIT = 20_000;

const NONE: unique symbol = Symbol('no argument yet');

export class Remembered<K, V> {
  private readonly seen = new Map<K, V>();
  private lastKey: K | typeof NONE = NONE;
  private lastValue: V | undefined;

  constructor(private readonly fn: (k: K) => V) {}

  get(k: K): V {
    // The row above mostly has the same value (sorted and grouped sheets, a vendor or date down
    // the whole column): comparing with it is cheaper than hashing a freshly parsed string.
    if (k === this.lastKey) return this.lastValue as V;
    let v = this.seen.get(k);
    if (v === undefined) {
      v = this.fn(k);
      if (this.seen.size < MEMO_LIMIT) this.seen.set(k, v);
    }
    this.lastKey = k;
    this.lastValue = v;
    return v;
  }

  /** Arguments remembered (for tests). */
  get size(): number {
    return this.seen.size;
  }
}
