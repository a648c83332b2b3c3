/**
 * Content digests of index records, for deciding which pages a rebuild must render.
 *
 * A page is a pure function of its index record (plus the site settings and the code, which
 * `build-state.ts` fingerprints separately). The digest covers everything reachable from the
 * record, so a renderer cannot read data the digest missed: it may over-report a change (an
 * article page is digested with its whole record), never under-report one. List pages are
 * rendered from views of what they show (`site/list-view.ts`), so theirs cover no more.
 *
 * The index is a graph that shares records (an article sits in a dozen lists), so digests are
 * Merkle-style: each object's digest mixes its keys, its primitive values and its children's
 * digests. The records shared by many are frozen (term references, article links, the views'
 * cards), and frozen records are remembered by identity, which keeps digesting the whole index
 * linear in its size; a record not frozen is digested at each reference to it.
 *
 * The mix is cyrb53, a fast non-cryptographic 53-bit hash, fed value by value
 * with no intermediate strings: a crypto hash per record, or a JSON string per record, cost
 * several seconds at 10,000 articles. Nothing here defends against an adversary; the chance
 * that any two of a 100,000-article archive's ~10 million records collide is about 1e-2 for
 * some pair, but a collision only matters between a record's old and new versions: ~1e-16 each.
 */

/** The running hash's two 32-bit lanes (digesting never overlaps, so module state will do). */
let h1 = 0;
let h2 = 0;
const A = 2654435761;
const B = 1597334677;

function start(tag: number): void {
  h1 = Math.imul(0xdeadbeef ^ tag, A);
  h2 = Math.imul(0x41c6ce57 ^ tag, B);
}

function mixCode(c: number): void {
  h1 = Math.imul(h1 ^ c, A);
  h2 = Math.imul(h2 ^ c, B);
}

/** A string, with its length first so that adjacent strings cannot run into each other. */
function mixText(text: string): void {
  let a = Math.imul(h1 ^ text.length, A);
  let b = Math.imul(h2 ^ text.length, B);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, A);
    b = Math.imul(b ^ c, B);
  }
  h1 = a;
  h2 = b;
}

/** Each key's own 32-bit hash, mixed in as one code: records use a few dozen keys, millions of times. */
const KEY_CODES = new Map<string, number>();

function keyCode(key: string): number {
  let code = KEY_CODES.get(key);
  if (code === undefined) {
    code = Math.imul(0x2545f491 ^ key.length, A);
    for (let i = 0; i < key.length; i++) code = Math.imul(code ^ key.charCodeAt(i), A);
    KEY_CODES.set(key, code);
  }
  return code;
}

function mixPrimitive(value: unknown): void {
  if (typeof value === "string") {
    mixCode(1);
    mixText(value);
  } else if (value === undefined) {
    mixCode(2);
  } else if (typeof value === "number" && (value | 0) === value) {
    // Counts and page numbers, millions of them: as one code, without a string each.
    mixCode(7);
    mixCode(value);
  } else {
    // Other numbers, booleans, null: their text, tagged apart from strings.
    mixCode(3);
    mixText(String(value));
  }
}

/** The 53-bit result, exact in a double. */
function finish(): number {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/**
 * A digest of a record whose fields are known, mixed in one value at a time in a fixed order
 * (`record-digest.ts` lists an article's), rather than walked as the `Digester` walks a record,
 * key by key and child by child through its memo: 10,000 synthetic articles took 92-101 ms
 * this way against 124-129 ms walked (first pass, in one process). Strings and lists carry their lengths, and an
 * absent value has a code of its own, so that no two sequences of values mix alike.
 *
 * It shares the module's running hash: one digest at a time, start to `done`.
 */
export class FieldDigest {
  constructor(tag: number) {
    start(tag);
  }

  text(value: string | undefined): this {
    if (value === undefined) mixCode(2);
    else {
      mixCode(1);
      mixText(value);
    }
    return this;
  }

  texts(values: readonly string[]): this {
    mixCode(4);
    mixCode(values.length);
    for (const value of values) mixText(value);
    return this;
  }

  number(value: number): this {
    mixPrimitive(value);
    return this;
  }

  /** The digest, as text. */
  done(): string {
    return finish().toString(36);
  }
}

export class Digester {
  // A Map, not a WeakMap: a digester lives for one build, and a million weak entries cost the
  // garbage collector more than the digests themselves.
  private readonly memo = new Map<object, number>();

  /** The digest of any value the index holds (plain objects, arrays, primitives), as text. */
  of(value: unknown): string {
    return this.hash(value).toString(36);
  }

  private hash(value: unknown): number {
    if (value === null || typeof value !== "object") {
      start(0);
      mixPrimitive(value);
      return finish();
    }
    return this.memo.get(value) ?? this.hashObject(value);
  }

  private hashObject(value: object): number {
    let size: number;
    if (Array.isArray(value)) {
      size = value.length;
      start(4);
      for (let i = 0; i < value.length; i++) this.mixChild(value[i]);
    } else {
      start(5);
      const record = value as Record<string, unknown>;
      size = 0;
      // for-in, not Object.keys: the same order for the plain records digested here, without an
      // array per record (digesting a 10,000-article site visits millions of them).
      for (const key in record) {
        size++;
        mixCode(keyCode(key));
        this.mixChild(record[key]);
      }
    }
    const digest = finish();
    // Remembered: frozen records, which is how the index and its views mark a record shared by
    // many (a term's reference, an article's link, a card in a dozen lists), and
    // large leaves (a list's page URLs, shared by all its pages). At 50,000 articles, digesting
    // the article pages took 1.5 s with shared records digested again at every reference,
    // 0.7 s remembered. Other records are digested where they are met: remembering every record
    // that holds others, as this did, filled the memo with records nearly all met once (no
    // faster or slower, measured: choosing a one-seed rebuild's pages took 0.59-0.90 s either way).
    if (size > 16 || Object.isFrozen(value)) this.memo.set(value, digest);
    return digest;
  }

  /** Mixes in one value. */
  private mixChild(child: unknown): void {
    if (child === null || typeof child !== "object") {
      mixPrimitive(child);
      return;
    }
    // A child is digested with the lanes to itself; ours are kept aside meanwhile.
    const a = h1;
    const b = h2;
    const digest = this.memo.get(child) ?? this.hashObject(child);
    h1 = a;
    h2 = b;
    mixCode(6);
    mixCode(digest % 4294967296);
    mixCode(Math.floor(digest / 4294967296));
  }
}
