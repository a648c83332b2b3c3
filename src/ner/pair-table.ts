/**
 * A hash table from pairs of non-negative integers to non-negative integers, in one flat
 * typed array of `[first, second, value]` slots (open addressing, linear probing). The tagger
 * looks up word pairs and shape triples for every token; a probe here touches one cache line,
 * where nested `Map`s chase several pointers (and three parallel arrays would touch three).
 */

export class PairTable {
  /** Slot `k` is `slots[3k]` (first, -1 when empty), `slots[3k + 1]` (second), `slots[3k + 2]` (value). */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `entries` are `[first, second, value]`; a pair listed twice keeps its last value. */
  constructor(entries: readonly (readonly [number, number, number])[]) {
    let capacity = 16;
    while (capacity < entries.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    const slots = new Int32Array(capacity * 3);
    for (let k = 0; k < capacity; k++) slots[3 * k] = -1;
    for (const [a, b, value] of entries) {
      if (a < 0 || b < 0) continue;
      let slot = this.slot(a, b);
      while (slots[3 * slot] !== -1 && (slots[3 * slot] !== a || slots[3 * slot + 1] !== b)) slot = (slot + 1) & this.mask;
      slots[3 * slot] = a;
      slots[3 * slot + 1] = b;
      slots[3 * slot + 2] = value;
    }
    this.slots = slots;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    return Math.imul(h, 0xc2b2ae35) & this.mask;
  }

  /** The value of pair (a, b), or `missing`. */
  get(a: number, b: number, missing: number): number {
    if (a < 0 || b < 0) return missing;
    const slots = this.slots;
    let slot = this.slot(a, b);
    for (;;) {
      const at = 3 * slot;
      const first = slots[at]!;
      if (first === -1) return missing;
      if (first === a && slots[at + 1] === b) return slots[at + 2]!;
      slot = (slot + 1) & this.mask;
    }
  }
}
