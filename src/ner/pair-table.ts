/**
 * A hash table from pairs of non-negative integers to non-negative integers, in three flat
 * typed arrays (open addressing, linear probing). The tagger looks up word pairs and shape
 * triples for every token; a probe here touches one or two cache lines, where nested `Map`s
 * chase several pointers.
 */

export class PairTable {
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  /** `entries` are `[first, second, value]`; a pair listed twice keeps its last value. */
  constructor(entries: readonly (readonly [number, number, number])[]) {
    let capacity = 16;
    while (capacity < entries.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.firsts = new Int32Array(capacity).fill(-1);
    this.seconds = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    for (const [a, b, value] of entries) {
      if (a < 0 || b < 0) continue;
      let slot = this.slot(a, b);
      while (this.firsts[slot] !== -1 && (this.firsts[slot] !== a || this.seconds[slot] !== b)) slot = (slot + 1) & this.mask;
      this.firsts[slot] = a;
      this.seconds[slot] = b;
      this.values[slot] = value;
    }
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    return Math.imul(h, 0xc2b2ae35) & this.mask;
  }

  /** The value of pair (a, b), or `missing`. */
  get(a: number, b: number, missing: number): number {
    if (a < 0 || b < 0) return missing;
    const firsts = this.firsts;
    let slot = this.slot(a, b);
    for (;;) {
      const first = firsts[slot]!;
      if (first === -1) return missing;
      if (first === a && this.seconds[slot] === b) return this.values[slot]!;
      slot = (slot + 1) & this.mask;
    }
  }
}
