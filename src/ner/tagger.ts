/**
 * Greedy left-to-right tagging, run twice per article: pass 1 without document features, pass 2
 * with features built from pass 1's tags. Scores are sums of weights compiled in `compiled.ts`.
 */

import { mapPacked } from "./packed.js";
import { CompiledPass, VECTOR, WordRows, type WordEntry } from "./compiled.js";
import { applyDocumentFeatures } from "./document.js";
import { SENTENCE_END, SENTENCE_START, type SentenceView } from "./features.js";
import { Interner } from "./interner.js";
import { TAGS, type NerModel, type WeightTable } from "./model.js";

/** Whether tag `next` may follow tag `prev` in IOB2: `I-X` continues only `B-X` or `I-X`. */
export function allowed(prev: string, next: string): boolean {
  return !next.startsWith("I-") || (prev !== "O" && prev.slice(2) === next.slice(2));
}

// Module-local copies: under tsx, imported bindings are getters, too slow for the inner loops.
const N = TAGS.length;
const STACK_START = N;
const BOUNDARY_START = SENTENCE_START;
const BOUNDARY_END = SENTENCE_END;
const STACK_END = N + 1;
const ALLOWED = Uint8Array.from(TAGS.flatMap((prev) => TAGS.map((next) => (allowed(prev, next) ? 1 : 0))));
const START = TAGS.indexOf("O");
/** Adds one feature's weights (the sparse features must mirror `sparseFeatures` in `features.ts`). */
function addRow(scores: Float64Array, w: Float32Array | undefined): void {
  if (w) for (let t = 0; t < N; t++) scores[t] = Math.fround(scores[t]! + w[t]!);
}

export class PassScorer {
  private readonly pass: CompiledPass;
  private entries: (WordEntry | undefined)[] = [];
  /** The sentence's entries with two boundary entries on each side, reused between sentences. */
  private readonly padded: WordEntry[] = [];
  private readonly scores = new Float64Array(N);
  /**
   * The cached entries' rows end to end: `N * N` zeros (the history of words without one), then
   * per entry its word vector (`VECTOR` floats) and, if it has one, a copy of its `t1l` rows, so
   * a token's weights sit together in memory. It starts with room for its leading zeros alone and
   * doubles as words arrive: the constructor's boundary entries already replace it, so V8 never compiles code that assumes
   * the field fixed (replacing it later threw that code away, tagging's included).
   */
  private vectors = new Float32Array(N * N);
  private used = N * N;
  private readonly boundaryEnd: number;
  private generation = 0;
  /** Sentence-boundary entries: [start, end] outside and inside caps sentences. */
  private readonly boundaries: [WordEntry, WordEntry][];

  /**
   * A scorer of a weight table, compiled here, or of a pass compiled earlier (see
   * `compiled-cache.ts`). `words` and `index`: the word-feature table shared by the passes and
   * this pass's place in it.
   */
  constructor(
    source: WeightTable | CompiledPass,
    lexicon: ReadonlySet<string>,
    private readonly interner = new Interner(),
    words?: WordRows,
    index = 0,
  ) {
    this.pass = source instanceof CompiledPass ? source : new CompiledPass(source, lexicon, words ?? new WordRows([source]), index);
    this.boundaries = [false, true].map((caps) => [
      this.place(this.slotsOf(BOUNDARY_START, caps), BOUNDARY_START, BOUNDARY_START),
      this.place(this.slotsOf(BOUNDARY_END, caps), BOUNDARY_END, BOUNDARY_END),
    ]);
    this.boundaryEnd = this.used;
  }

  /** The compiled pass this scorer tags with. */
  get compiled(): CompiledPass {
    return this.pass;
  }

  /** Builds an entry with its rows in the next free slot of `vectors` (see `CompiledPass.word`). */
  private place(slots: Int32Array, lower: string, shape: string): WordEntry {
    const size = VECTOR + N * N;
    if (this.used + size > this.vectors.length) {
      const grown = new Float32Array(Math.max(this.vectors.length * 2, this.used + size));
      grown.set(this.vectors);
      this.vectors = grown;
    }
    const at = this.used;
    this.vectors.fill(0, at, at + VECTOR);
    const entry = this.pass.word(slots, lower, shape, this.vectors, at);
    this.used += entry.history > 0 ? size : VECTOR;
    return entry;
  }

  private entry(id: number, view: SentenceView, j: number): WordEntry {
    // No closure here: one capturing `view` would allocate a context on every call, hit or miss.
    return this.entries[id] ?? this.newEntry(id, view, j);
  }

  private newEntry(id: number, view: SentenceView, j: number): WordEntry {
    return this.prime(id, this.slotsOf(view.forms[j] ?? "", view.caps), view.lowers[j] ?? "", view.shapes[j] ?? "");
  }

  /** A form's word features as slots of the shared word-feature table (the same for every pass). */
  slotsOf(form: string, caps: boolean): Int32Array {
    return this.pass.words.slotsOf(this.pass.featureNames(form, caps));
  }

  /** Whether the word with this id has its entry; `prime` gives it one. */
  has(id: number): boolean {
    this.sync();
    return this.entries[id] !== undefined;
  }

  /** Builds the entry of the word with this id (see `place`), from its word-feature names. */
  prime(id: number, slots: Int32Array, lower: string, shape: string): WordEntry {
    this.sync();
    const entry = this.place(slots, lower, shape);
    this.entries[id] = entry;
    return entry;
  }

  /** Drops the cached entries when the interner has started over (their ids now mean other words). */
  private sync(): void {
    if (this.generation !== this.interner.generation) {
      this.entries = [];
      this.used = this.boundaryEnd;
      this.generation = this.interner.generation;
    }
  }

  /** Tags one sentence greedily, returning tag indices; `ids` come from this scorer's interner. */
  tagSentence(view: SentenceView, ids = this.interner.idsOf(view)): number[] {
    this.sync();
    const p = this.pass;
    const n = view.forms.length;
    const pair = this.boundaries[view.caps ? 1 : 0];
    const start = pair?.[0];
    const end = pair?.[1];
    if (!start || !end) throw new Error("unreachable: boundaries are built for both cases");
    const entries = this.padded;
    // Grown, never shrunk: entries past n + 3 are stale and never read.
    while (entries.length < n + 4) entries.push(start);
    entries[0] = start;
    entries[1] = start;
    for (let j = 0; j < n; j++) entries[j + 2] = this.entry(ids[j] ?? 0, view, j);
    entries[n + 2] = end;
    entries[n + 3] = end;
    const first = view.first;
    const stacked = first.length > 0;
    const stackHere = this.pass.stackHere;
    const stackPrev = this.pass.stackPrev;
    const stackNext = this.pass.stackNext;

    const out: number[] = [];
    const scores = this.scores;
    // Read after the entries are placed: placing may have grown the arena.
    const vec = this.vectors;
    const w = p.weights;
    const tag1 = p.tag1;
    const tag2 = p.tag2;
    const pairsBefore = p.pairPrev;
    const pairsAfter = p.pairNext;
    const shapeTriples = p.shapeTriples;
    let prev1 = START;
    let prev2 = START;
    for (let i = 0; i < n; i++) {
      // Word features come from the five tokens around i, each at its own offset slot (see `OFFSETS`).
      const here = entries[i + 2] ?? start;
      const before = entries[i + 1] ?? start;
      const after = entries[i + 3] ?? end;
      const v0 = here.vector;
      const vm1 = before.vector + N;
      const vp1 = after.vector + 2 * N;
      const vm2 = (entries[i] ?? start).vector + 3 * N;
      const vp2 = (entries[i + 4] ?? end).vector + 4 * N;
      const pairPrev = here.pairPrev ? pairsBefore.get(here.id, before.id, 0) : 0;
      const pairNext = here.pairNext ? pairsAfter.get(here.id, after.id, 0) : 0;
      const triple = here.triples ? shapeTriples.get(here.shapeId, p.outerKey(before.shapeId, after.shapeId), 0) : 0;
      const h1 = prev1 * N;
      const h2 = (prev2 * N + prev1) * N;
      const wordHistory = here.history + h1;
      const shapeHistory = here.shapeHistory + h1;
      // Summed in double in a fixed order, then rounded once (see below).
      for (let t = 0; t < N; t++) {
        scores[t] = vec[v0 + t]! + vec[vm1 + t]! + vec[vp1 + t]! + vec[vm2 + t]! + vec[vp2 + t]!;
      }
      for (let t = 0; t < N; t++) scores[t] = scores[t]! + w[pairPrev + t]! + w[pairNext + t]! + w[triple + t]!;
      for (let t = 0; t < N; t++) {
        scores[t] = scores[t]! + tag1[h1 + t]! + tag2[h2 + t]! + vec[wordHistory + t]! + w[shapeHistory + t]!;
      }
      if (stacked) {
        const s0 = first[i]! * N;
        const sPrev = (i > 0 ? first[i - 1]! : STACK_START) * N;
        const sNext = (i + 1 < n ? first[i + 1]! : STACK_END) * N;
        for (let t = 0; t < N; t++) scores[t] = scores[t]! + stackHere[s0 + t]! + stackPrev[sPrev + t]! + stackNext[sNext + t]!;
      }
      // Rounded as a Float32Array would, so tags do not hinge on summation width.
      for (let t = 0; t < N; t++) scores[t] = Math.fround(scores[t]!);
      if (i === 0 && here.shapeId >= 0 && here.shapeId < p.firstShape.length) addRow(scores, p.firstShape[here.shapeId]);
      const g0 = view.gazetteer[i];
      if (g0) {
        addRow(scores, p.gazetteerHere.get(g0));
        addRow(scores, p.gazetteerShape.get(`${g0}|${view.shapes[i] ?? ""}`));
      }
      const gPrev = i > 0 ? view.gazetteer[i - 1] : "";
      if (gPrev) addRow(scores, p.gazetteerPrev.get(gPrev));
      const gNext = i + 1 < n ? view.gazetteer[i + 1] : "";
      if (gNext) addRow(scores, p.gazetteerNext.get(gNext));
      const n0 = view.names[i];
      if (n0) addRow(scores, p.namesHere.get(n0));
      const nPrev = i > 0 ? view.names[i - 1] : "";
      if (nPrev) addRow(scores, p.namesPrev.get(nPrev));
      const nNext = i + 1 < n ? view.names[i + 1] : "";
      if (nNext) addRow(scores, p.namesNext.get(nNext));
      const c = view.casing[i];
      if (c) addRow(scores, p.casing.get(c));
      const d = view.doc[i];
      if (d) {
        addRow(scores, p.docType.get(d));
        addRow(scores, (view.caps ? p.docTypeCaps : p.docTypePlain).get(d));
        addRow(scores, p.docTypeWord.get(d)?.get(here.id));
      }

      let best = START;
      let bestScore = -Infinity;
      for (let t = 0; t < N; t++) {
        const s = scores[t]!;
        if (ALLOWED[prev1 * N + t] === 1 && s > bestScore) {
          best = t;
          bestScore = s;
        }
      }
      out.push(best);
      prev2 = prev1;
      prev1 = best;
    }
    return out;
  }
}

export class DocumentTagger {
  private readonly interner = new Interner();
  private readonly scorers: PassScorer[];
  /** The passes compiled for tagging, in order (what `compiled-cache.ts` keeps). */
  readonly passes: readonly CompiledPass[];

  /** Compiles the model's weight tables, or takes passes compiled earlier. */
  constructor(model: NerModel, compiled?: readonly CompiledPass[]) {
    if (compiled) {
      this.scorers = compiled.map((pass) => new PassScorer(pass, model.lexicon, this.interner));
    } else {
      // `loadNerModel` releases the tables once its tagger is compiled: get that one through `prepareTagger`.
      if (model.passes.length === 0) throw new Error("NER model has no weight tables left to compile; use prepareTagger(model)");
      const words = new WordRows(model.passes);
      this.scorers = model.passes.map((table, pass) => new PassScorer(table, model.lexicon, this.interner, words, pass));
    }
    this.passes = this.scorers.map((scorer) => scorer.compiled);
  }

  /**
   * Gives every pass its entry for each word no earlier article had, computing the word's
   * feature names and their slots once for all passes. The names are dropped straight after
   * (the passes used to keep them per word, for the life of the worker).
   */
  private primeNewWords(views: readonly SentenceView[], ids: readonly Int32Array[]): void {
    const first = this.scorers[0];
    if (!first) return;
    for (let s = 0; s < views.length; s++) {
      const view = views[s];
      const sentence = ids[s];
      if (!view || !sentence) continue;
      for (let j = 0; j < sentence.length; j++) {
        const id = sentence[j] ?? 0;
        if (first.has(id)) continue;
        const slots = first.slotsOf(view.forms[j] ?? "", view.caps);
        for (const scorer of this.scorers) scorer.prime(id, slots, view.lowers[j] ?? "", view.shapes[j] ?? "");
      }
    }
  }

  /** Tags every sentence of one article; `views` gain document features along the way. */
  tag(views: readonly SentenceView[]): string[][] {
    const generation = this.interner.generation;
    let ids = mapPacked(views, (view) => this.interner.idsOf(view));
    // The table started over midway: ids from before the reset would point at other words.
    if (this.interner.generation !== generation) ids = mapPacked(views, (view) => this.interner.idsOf(view));
    this.primeNewWords(views, ids);
    let tags: number[][] = [];
    for (let pass = 0; pass < this.scorers.length; pass++) {
      const scorer = this.scorers[pass]!;
      if (pass > 0) applyDocumentFeatures(views, tags);
      const next: number[][] = [];
      for (let s = 0; s < views.length; s++) next.push(scorer.tagSentence(views[s]!, ids[s]));
      tags = next;
    }
    return mapPacked(tags, (sentence) => mapPacked(sentence, (t) => TAGS[t] ?? "O"));
  }
}
