/**
 * Greedy left-to-right tagging, run twice per article: pass 1 without document features, pass 2
 * with features built from pass 1's tags. Scores are sums of weights compiled in `compiled.ts`.
 */

import { CompiledPass, type WordEntry } from "./compiled.js";
import { applyDocumentFeatures } from "./document.js";
import { OFFSETS, SENTENCE_END, SENTENCE_START, sparseFeatures, type SentenceView } from "./features.js";
import { TAGS, type NerModel, type WeightTable } from "./model.js";

/** Whether tag `next` may follow tag `prev` in IOB2: `I-X` continues only `B-X` or `I-X`. */
export function allowed(prev: string, next: string): boolean {
  return !next.startsWith("I-") || (prev !== "O" && prev.slice(2) === next.slice(2));
}

// Module-local copies: under tsx, imported bindings are getters, too slow for the inner loops.
const N = TAGS.length;
const STACK_START = N;
const STACK_END = N + 1;
const ALLOWED = Uint8Array.from(TAGS.flatMap((prev) => TAGS.map((next) => (allowed(prev, next) ? 1 : 0))));
const START = TAGS.indexOf("O");
/** `OFFSETS` as positions in a sentence padded with two boundary entries on each side. */
const PADDED: readonly number[] = OFFSETS.map((o) => o + 2);

function add(scores: Float32Array, w: Float32Array | undefined, at: number): void {
  if (!w) return;
  for (let t = 0; t < N; t++) scores[t] = (scores[t] ?? 0) + (w[at + t] ?? 0);
}

export class PassScorer {
  private readonly pass: CompiledPass;
  private readonly sparse: string[] = [];

  constructor(table: WeightTable, lexicon: ReadonlySet<string>) {
    this.pass = new CompiledPass(table, lexicon);
  }

  /** Tags one sentence greedily, returning tag indices. */
  tagSentence(view: SentenceView): number[] {
    const p = this.pass;
    const n = view.forms.length;
    const start = p.word(SENTENCE_START, SENTENCE_START, SENTENCE_START, view.caps);
    const end = p.word(SENTENCE_END, SENTENCE_END, SENTENCE_END, view.caps);
    const entries: WordEntry[] = [start, start];
    for (let j = 0; j < n; j++) entries.push(p.word(view.forms[j] ?? "", view.lowers[j] ?? "", view.shapes[j] ?? "", view.caps));
    entries.push(end, end);

    const out: number[] = [];
    const scores = new Float32Array(N);
    let prev1 = START;
    let prev2 = START;
    for (let i = 0; i < n; i++) {
      scores.fill(0);
      for (let o = 0; o < PADDED.length; o++) add(scores, entries[i + (PADDED[o] ?? 0)]?.vector, o * N);
      const before = entries[i + 1] ?? start;
      const here = entries[i + 2] ?? start;
      const after = entries[i + 3] ?? end;
      add(scores, p.pairPrev.get(p.pairKey(before.id, here.id)), 0);
      add(scores, p.pairNext.get(p.pairKey(here.id, after.id)), 0);
      add(scores, p.shapeTriples.get(p.tripleKey(before.shapeId, here.shapeId, after.shapeId)), 0);
      if (view.first.length > 0) {
        add(scores, p.stackHere, (view.first[i] ?? 0) * N);
        add(scores, p.stackPrev, (i > 0 ? (view.first[i - 1] ?? 0) : STACK_START) * N);
        add(scores, p.stackNext, (i + 1 < n ? (view.first[i + 1] ?? 0) : STACK_END) * N);
      }
      this.sparse.length = 0;
      sparseFeatures(view, i, this.sparse);
      for (const feature of this.sparse) add(scores, p.table.get(feature), 0);
      add(scores, p.tag1, prev1 * N);
      add(scores, p.tag2, (prev2 * N + prev1) * N);
      add(scores, here.history, prev1 * N);
      add(scores, p.tagShape[here.shapeId], prev1 * N);

      let best = START;
      let bestScore = -Infinity;
      for (let t = 0; t < N; t++) {
        const s = scores[t] ?? 0;
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
