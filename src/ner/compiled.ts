/**
 * A weight table recompiled for fast tagging. Training names features as strings
 * (`b-=the|kremlin`); looking up a dozen fresh strings per token would make tagging hash-bound,
 * so at load time the features that pair words, shapes or tags are regrouped under integer keys:
 *
 * - per word form (cached by the tagger): its word-feature weights at each offset, and its `t1l` weights per
 *   previous tag;
 * - word-pair features keyed by word-id pairs, shape triples by the middle shape and `a * S + c`,
 *   in flat hash tables (`pair-table.ts`);
 * - tag-history features in flat arrays indexed by tag numbers;
 * - sentence-start, gazetteer and document features in small tables by their values.
 *
 * The rows the inner loop reads for every token (pairs, triples, `t1l`, `t1s`) sit end to end in
 * one `weights` array and are addressed by offset; the tagger keeps word vectors the same way.
 * Memory latency, not arithmetic, bounds tagging, so one flat array beats a typed array per row.
 */

import { OFFSETS, SENTENCE_END, SENTENCE_START, wordFeatureNames } from "./features.js";
import { ModelFormatError, TAGS, type WeightTable } from "./model.js";
import { PairTable } from "./pair-table.js";

export const N = TAGS.length;

/**
 * What tagging needs of one word form. Weight rows are offsets into the pass's `weights` arena
 * (offset 0 is a run of zeros standing in for absent rows), so the inner loop reads one flat
 * array instead of chasing a typed array per feature.
 */
export interface WordEntry {
  /** Offset of the summed word-feature weights (`VECTOR` floats: `N` per offset of `OFFSETS`) in the tagger's vector arena. */
  vector: number;
  /** Id of the lowercased form in `vocab`, or -1 when no pair feature mentions it. */
  id: number;
  shapeId: number;
  /** `t1l` weights, `N` per previous tag: an offset into the vector arena, right after the vector (0 when none). */
  history: number;
  /** Whether any `b-` feature pairs this word with a previous word (see `CompiledPass.pairPrev`). */
  pairPrev: boolean;
  /** Whether any `b+` feature pairs this word with a next word. */
  pairNext: boolean;
  /** Whether any `sh` feature has this word's shape in the middle. */
  triples: boolean;
  /** `t1s` weights of this word's shape, `N` per previous tag: an offset into `weights` (0 when none). */
  shapeHistory: number;
}

/** Floats per word vector: `N` weights at each offset of `OFFSETS`. */
export const VECTOR = OFFSETS.length * N;

/**
 * Word-feature weights of every pass in one table. A feature name (`l=putin`, without its
 * offset prefix) maps to a slot; slot `k` holds pass 0's `VECTOR` weights, then pass 1's, so a
 * word new to the tagger costs one hash lookup per feature for all passes, not one per pass.
 */
export class WordRows {
  private readonly slots = new Map<string, number>();
  /** `VECTOR` floats per pass per slot (zeros where a pass lacks the feature). */
  readonly rows: Float32Array;
  readonly passes: number;

  constructor(tables: readonly WeightTable[]) {
    this.passes = tables.length;
    const offsets: [string, number, number, Float32Array][] = [];
    tables.forEach((table, pass) => {
      for (const [name, w] of table) {
        const eq = name.indexOf("=");
        const colon = name.indexOf(":");
        if (!(colon > 0 && colon < eq)) continue;
        const o = OFFSETS.indexOf(Number(name.slice(0, colon)) as (typeof OFFSETS)[number]);
        if (o < 0) throw new ModelFormatError(`NER model feature ${name} has an offset the tagger does not use`);
        const base = name.slice(colon + 1);
        if (!this.slots.has(base)) this.slots.set(base, this.slots.size);
        offsets.push([base, pass, o, w]);
      }
    });
    this.rows = new Float32Array(this.slots.size * this.passes * VECTOR);
    for (const [base, pass, o, w] of offsets) this.rows.set(w, ((this.slots.get(base) ?? 0) * this.passes + pass) * VECTOR + o * N);
  }

  /** The slot of each feature name, or -1 for names no pass weighs. */
  slotsOf(features: readonly string[]): Int32Array {
    const out = new Int32Array(features.length);
    for (let k = 0; k < features.length; k++) out[k] = this.slots.get(features[k]!) ?? -1;
    return out;
  }
}

/** Lays rows end to end after `zeros` leading zeros; `add` returns where a row will be. */
class RowArena {
  private readonly rows: Float32Array[] = [];
  private size: number;

  constructor(private readonly zeros: number) {
    this.size = zeros;
  }

  add(row: Float32Array): number {
    const at = this.size;
    this.rows.push(row);
    this.size += row.length;
    return at;
  }

  build(): Float32Array {
    const out = new Float32Array(this.size);
    let at = this.zeros;
    for (const row of this.rows) {
      out.set(row, at);
      at += row.length;
    }
    return out;
  }
}

const TAG_INDEX = new Map<string, number>(TAGS.map((t, i) => [t, i]));
/** Pass-1 tags as stacking features see them: the tags, then the two sentence boundaries. */
const STACK_INDEX = new Map<string, number>([...TAGS, SENTENCE_START, SENTENCE_END].map((t, i) => [t, i]));



function split(value: string, parts: number): string[] | undefined {
  const out = value.split("|");
  return out.length === parts ? out : undefined;
}

export class CompiledPass {
  readonly vocab = new Map<string, number>();
  readonly shapes = new Map<string, number>();
  /** Word-pair weight offsets in `weights` by (this word's id, the previous (`b-`) or next (`b+`) word's id). */
  readonly pairPrev: PairTable;
  readonly pairNext: PairTable;
  /** Shape-triple weight offsets by (the middle shape's id, `outerKey(prev, next)`). */
  readonly shapeTriples: PairTable;
  private readonly hasPairPrev = new Set<number>();
  private readonly hasPairNext = new Set<number>();
  private readonly hasTriples = new Set<number>();
  /** The rows of pairs, triples and `t1l` / `t1s` tables, end to end; offset 0 starts `N * N` zeros. */
  readonly weights: Float32Array;
  readonly tag1 = new Float32Array(N * N);
  readonly tag2 = new Float32Array(N * N * N);
  /** `t1s` weight offsets in `weights` by shape id. */
  private readonly tagShapeAt: number[] = [];
  /** `t1l` weight offsets in `weights` by word id. */
  private readonly tagWordAt = new Map<number, number>();
  /** Stacking weights by pass-1 tag of the token, its predecessor and successor (`STACK_INDEX`: tags, then `<S>`, `</S>`). */
  readonly stackHere = new Float32Array((N + 2) * N);
  readonly stackPrev = new Float32Array((N + 2) * N);
  readonly stackNext = new Float32Array((N + 2) * N);
  /** Sentence-start weights by shape id. */
  readonly firstShape: (Float32Array | undefined)[] = [];
  /** Gazetteer weights by the tag of this token, its predecessor, its successor; and by tag|shape. */
  readonly gazetteerHere = new Map<string, Float32Array>();
  readonly gazetteerPrev = new Map<string, Float32Array>();
  readonly gazetteerNext = new Map<string, Float32Array>();
  readonly gazetteerShape = new Map<string, Float32Array>();
  /** Name-list weights by the tag of this token, its predecessor and its successor. */
  readonly namesHere = new Map<string, Float32Array>();
  readonly namesPrev = new Map<string, Float32Array>();
  readonly namesNext = new Map<string, Float32Array>();
  /** Document-type weights by type, by type in a caps sentence or not, and by type and word id. */
  readonly docType = new Map<string, Float32Array>();
  readonly docTypeCaps = new Map<string, Float32Array>();
  readonly docTypePlain = new Map<string, Float32Array>();
  readonly docTypeWord = new Map<string, Map<number, Float32Array>>();
  /** Casing-evidence weights by value (`LU|F`...). */
  readonly casing = new Map<string, Float32Array>();
  private shapeCount = 0;

  /**
   * `words` holds this pass's word features at index `pass` (built from this table alone when
   * not given, as in training).
   */
  constructor(
    table: WeightTable,
    private readonly lexicon: ReadonlySet<string>,
    readonly words: WordRows = new WordRows([table]),
    private readonly pass = 0,
  ) {
    const deferred: [string, Float32Array][] = [];
    const arena = new RowArena(N * N);
    const tagWord = new Map<number, Float32Array>();
    const tagShape: (Float32Array | undefined)[] = [];
    const pairPrev: [number, number, number][] = [];
    const pairNext: [number, number, number][] = [];
    const triples: [number, number, number][] = [];
    for (const [name, w] of table) {
      const eq = name.indexOf("=");
      const kind = name.slice(0, eq);
      const value = name.slice(eq + 1);
      const colon = name.indexOf(":");
      if (colon > 0 && colon < eq) {
        continue; // word features: in `words`
      } else if (kind === "p0" || kind === "p-" || kind === "p+") {
        const into = kind === "p0" ? this.stackHere : kind === "p-" ? this.stackPrev : this.stackNext;
        this.addTagRow(into, STACK_INDEX.get(value), w);
      } else if (kind === "t1") this.addTagRow(this.tag1, TAG_INDEX.get(value), w);
      else if (kind === "t2") {
        const [a, b] = split(value, 2) ?? [];
        const i2 = TAG_INDEX.get(a ?? "");
        const i1 = TAG_INDEX.get(b ?? "");
        if (i2 !== undefined && i1 !== undefined) this.addTagRow(this.tag2, i2 * N + i1, w);
      } else if (kind === "g0") this.gazetteerHere.set(value, w);
      else if (kind === "g-") this.gazetteerPrev.set(value, w);
      else if (kind === "g+") this.gazetteerNext.set(value, w);
      else if (kind === "g0s") this.gazetteerShape.set(value, w);
      else if (kind === "n0") this.namesHere.set(value, w);
      else if (kind === "n-") this.namesPrev.set(value, w);
      else if (kind === "n+") this.namesNext.set(value, w);
      else if (kind === "d") this.docType.set(value, w);
      else if (kind === "ce") this.casing.set(value, w);
      else if (kind === "dC") {
        const [type = "", caps] = value.split("|");
        (caps === "C" ? this.docTypeCaps : this.docTypePlain).set(type, w);
      } else if (["b-", "b+", "sh", "t1l", "t1s", "F", "dl"].includes(kind)) {
        deferred.push([name, w]);
      }
    }
    // Ids first, keys after: a key multiplies by the final vocabulary and shape counts.
    for (const [name] of deferred) {
      const eq = name.indexOf("=");
      const kind = name.slice(0, eq);
      const parts = name.slice(eq + 1).split("|");
      if (kind === "b-" || kind === "b+") parts.forEach((p) => this.intern(this.vocab, p));
      if (kind === "t1l" || kind === "dl") this.intern(this.vocab, parts.slice(1).join("|"));
      if (kind === "F") this.intern(this.shapes, parts.join("|"));
      if (kind === "sh") parts.forEach((p) => this.intern(this.shapes, p));
      if (kind === "t1s") this.intern(this.shapes, parts.slice(1).join("|"));
    }
    this.shapeCount = this.shapes.size;
    for (const [name, w] of deferred) {
      const eq = name.indexOf("=");
      const kind = name.slice(0, eq);
      const value = name.slice(eq + 1);
      if (kind === "b-" || kind === "b+") {
        const [a, b] = split(value, 2) ?? [];
        if (a === undefined || b === undefined) continue;
        const ia = this.vocab.get(a) ?? -1;
        const ib = this.vocab.get(b) ?? -1;
        // Keyed by the middle word first, so each word entry holds its own small map.
        if (kind === "b-") pairPrev.push([ib, ia, arena.add(w)]);
        else pairNext.push([ia, ib, arena.add(w)]);
      } else if (kind === "sh") {
        const [a, b, c] = split(value, 3) ?? [];
        if (a === undefined || b === undefined || c === undefined) continue;
        const ia = this.shapes.get(a) ?? -1;
        const ic = this.shapes.get(c) ?? -1;
        if (ia >= 0 && ic >= 0) triples.push([this.shapes.get(b) ?? -1, this.outerKey(ia, ic), arena.add(w)]);
      } else if (kind === "F") {
        this.firstShape[this.shapes.get(value) ?? -1] = w;
      } else if (kind === "dl") {
        const bar = value.indexOf("|");
        const type = value.slice(0, bar);
        const byWord = this.docTypeWord.get(type) ?? new Map<number, Float32Array>();
        byWord.set(this.vocab.get(value.slice(bar + 1)) ?? -1, w);
        this.docTypeWord.set(type, byWord);
      } else {
        const bar = value.indexOf("|");
        const prev = TAG_INDEX.get(value.slice(0, bar));
        const rest = value.slice(bar + 1);
        if (prev === undefined) continue;
        const id = (kind === "t1l" ? this.vocab : this.shapes).get(rest) ?? -1;
        let rows = kind === "t1l" ? tagWord.get(id) : tagShape[id];
        if (!rows) {
          rows = new Float32Array(N * N);
          if (kind === "t1l") tagWord.set(id, rows);
          else tagShape[id] = rows;
        }
        this.addTagRow(rows, prev, w);
      }
    }
    for (const [id, rows] of tagWord) this.tagWordAt.set(id, arena.add(rows));
    tagShape.forEach((rows, id) => {
      if (rows) this.tagShapeAt[id] = arena.add(rows);
    });
    this.weights = arena.build();
    this.pairPrev = new PairTable(pairPrev);
    this.pairNext = new PairTable(pairNext);
    this.shapeTriples = new PairTable(triples);
    for (const [id] of pairPrev) this.hasPairPrev.add(id);
    for (const [id] of pairNext) this.hasPairNext.add(id);
    for (const [id] of triples) this.hasTriples.add(id);
  }

  private intern(map: Map<string, number>, key: string): void {
    if (!map.has(key)) map.set(key, map.size);
  }

  private addTagRow(into: Float32Array, row: number | undefined, w: Float32Array): void {
    if (row === undefined) return;
    for (let t = 0; t < N; t++) into[row * N + t] = (into[row * N + t] ?? 0) + (w[t] ?? 0);
  }

  /** The key of a shape triple's outer shapes in a middle shape's map (see `WordEntry.triples`). */
  outerKey(prev: number, next: number): number {
    return prev < 0 || next < 0 ? -1 : prev * this.shapeCount + next;
  }

  shapeId(shape: string): number {
    return this.shapes.get(shape) ?? -1;
  }

  /** Word-feature names of a form (see `wordFeatureNames`). */
  featureNames(form: string, caps: boolean): string[] {
    return wordFeatureNames(form, caps, this.lexicon);
  }

  /**
   * The entry of a form; `lower` and `shape` are the view's (shape with caps prefix), `slots`
   * its `featureNames` as `words.slotsOf` gives them. Its word vector is summed into `vectors`
   * at `at` (`VECTOR` floats, zero on entry), and its `t1l` rows, if any, copied right after it
   * (`N * N` floats), so a token's weights sit together. Not cached here.
   */
  word(slots: Int32Array, lower: string, shape: string, vectors: Float32Array, at: number): WordEntry {
    const rows = this.words.rows;
    const stride = this.words.passes;
    for (let f = 0; f < slots.length; f++) {
      const slot = slots[f]!;
      if (slot < 0) continue;
      const row = (slot * stride + this.pass) * VECTOR;
      for (let k = 0; k < VECTOR; k++) vectors[at + k] = vectors[at + k]! + rows[row + k]!;
    }
    const id = this.vocab.get(lower) ?? -1;
    const shapeId = this.shapeId(shape);
    const source = this.tagWordAt.get(id) ?? 0;
    // A loop, not `set(subarray(...))`: a view object per new word is garbage a fresh worker can do without.
    if (source > 0) for (let k = 0; k < N * N; k++) vectors[at + VECTOR + k] = this.weights[source + k]!;
    // Built whole, never changed after: writing a field later made V8 discard code that had read it.
    return {
      vector: at,
      id,
      shapeId,
      history: source > 0 ? at + VECTOR : 0,
      pairPrev: this.hasPairPrev.has(id),
      pairNext: this.hasPairNext.has(id),
      triples: this.hasTriples.has(shapeId),
      // Unknown shapes (-1) and shapes without rows stay inside the array: a read past its end deoptimises.
      shapeHistory: shapeId >= 0 && shapeId < this.tagShapeAt.length ? (this.tagShapeAt[shapeId] ?? 0) : 0,
    };
  }
}
