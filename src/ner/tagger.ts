/**
 * Greedy left-to-right tagging with an averaged-perceptron weight table, run twice per article:
 * pass 1 without document features, pass 2 with features built from pass 1's tags.
 *
 * Speed comes from caching, per word form, the summed weights of its word features at each
 * offset: most of a token's score is then five cached vectors, leaving a dozen hashed lookups
 * for context and history features.
 */

import { contextFeatures, historyFeatures, offsetFeatures, OFFSETS, SENTENCE_END, SENTENCE_START, type SentenceView } from "./features.js";
import { applyDocumentFeatures } from "./document.js";
import { TAGS, type NerModel, type WeightTable } from "./model.js";

const N = TAGS.length;
const CACHE_LIMIT = 200_000;

/** Whether tag `next` may follow tag `prev` in IOB2: `I-X` continues only `B-X` or `I-X`. */
export function allowed(prev: string, next: string): boolean {
  return !next.startsWith("I-") || (prev !== "O" && prev.slice(2) === next.slice(2));
}

const ALLOWED: boolean[][] = TAGS.map((prev) => TAGS.map((next) => allowed(prev, next)));
const START = TAGS.indexOf("O");

export class PassScorer {
  private readonly cache = new Map<string, Float32Array>();
  private readonly buffer: string[] = [];

  constructor(
    private readonly table: WeightTable,
    private readonly lexicon: ReadonlySet<string>,
  ) {}

  /** Summed word-feature weights of `form` at each offset in `OFFSETS`, `N` weights per offset. */
  private wordVector(form: string, caps: boolean): Float32Array {
    const key = caps ? `C${form}` : form;
    let vector = this.cache.get(key);
    if (vector) return vector;
    vector = new Float32Array(OFFSETS.length * N);
    OFFSETS.forEach((offset, o) => {
      for (const feature of offsetFeatures(form, caps, this.lexicon, offset)) {
        const w = this.table.get(feature);
        if (!w) continue;
        for (let t = 0; t < N; t++) vector[o * N + t] = (vector[o * N + t] ?? 0) + (w[t] ?? 0);
      }
    });
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, vector);
    return vector;
  }

  private addFeatures(features: readonly string[], scores: Float32Array): void {
    for (const feature of features) {
      const w = this.table.get(feature);
      if (!w) continue;
      for (let t = 0; t < N; t++) scores[t] = (scores[t] ?? 0) + (w[t] ?? 0);
    }
  }

  /** Tags one sentence greedily, returning tag indices. */
  tagSentence(view: SentenceView): number[] {
    const n = view.forms.length;
    const vectors: Float32Array[] = [];
    for (let j = -2; j < n + 2; j++) {
      const form = j < 0 ? SENTENCE_START : j >= n ? SENTENCE_END : (view.forms[j] ?? "");
      vectors.push(this.wordVector(form, view.caps));
    }
    const out: number[] = [];
    const scores = new Float32Array(N);
    let prev1 = START;
    let prev2 = START;
    for (let i = 0; i < n; i++) {
      scores.fill(0);
      OFFSETS.forEach((offset, o) => {
        const v = vectors[i + offset + 2];
        if (!v) return;
        for (let t = 0; t < N; t++) scores[t] = (scores[t] ?? 0) + (v[o * N + t] ?? 0);
      });
      this.buffer.length = 0;
      contextFeatures(view, i, this.buffer);
      historyFeatures(view, i, TAGS[prev2] ?? "O", TAGS[prev1] ?? "O", this.buffer);
      this.addFeatures(this.buffer, scores);
      let best = START;
      let bestScore = -Infinity;
      const row = ALLOWED[prev1];
      for (let t = 0; t < N; t++) {
        const s = scores[t] ?? 0;
        if (row?.[t] && s > bestScore) {
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
  private readonly scorers: PassScorer[];

  constructor(model: NerModel) {
    this.scorers = model.passes.map((table) => new PassScorer(table, model.lexicon));
  }

  /** Tags every sentence of one article; `views` gain document features along the way. */
  tag(views: readonly SentenceView[]): string[][] {
    let tags: string[][] = [];
    this.scorers.forEach((scorer, pass) => {
      if (pass > 0) applyDocumentFeatures(views, tags);
      tags = views.map((view) => scorer.tagSentence(view).map((t) => TAGS[t] ?? "O"));
    });
    return tags;
  }
}
