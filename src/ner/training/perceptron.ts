/**
 * Averaged perceptron training for one tagging pass (Collins 2002; greedy decoding with the
 * model's own previous tags as history, as in Ratinov & Roth 2009).
 *
 * Here's how it works: every token's static features (word, context, gazetteer, document) are
 * turned into integer ids once; each epoch then walks the documents in a seeded order, predicts
 * each token from its static ids plus history features, and on a mistake moves weight from the
 * predicted tag to the gold one. Averaging uses per-weight timestamps, so an update costs only
 * the features it touches. The epoch whose averaged weights score best on the dev set is kept.
 */

import { contextFeatures, historyFeatures, offsetFeatures, OFFSETS, SENTENCE_END, SENTENCE_START, type SentenceView } from "../features.js";
import { TAGS, type WeightTable } from "../model.js";
import { allowed } from "../tagger.js";
import { seededRandom, shuffled } from "./random.js";

const N = TAGS.length;
const START = TAGS.indexOf("O");
const ALLOWED: boolean[][] = TAGS.map((prev) => TAGS.map((next) => allowed(prev, next)));

export interface TrainingSentence {
  view: SentenceView;
  /** Gold tag indices into `TAGS`. */
  gold: number[];
}

export type TrainingDocument = TrainingSentence[];

export interface TrainOptions {
  epochs: number;
  seed: number;
  lexicon: ReadonlySet<string>;
  dev?: readonly TrainingDocument[];
  log?: (line: string) => void;
}

/** Static feature ids of one sentence: token i's ids are `ids[starts[i]] .. ids[starts[i+1]]`. */
interface Compiled {
  sentence: TrainingSentence;
  ids: Int32Array;
  starts: Int32Array;
}

class Weights {
  w: Float64Array<ArrayBuffer> = new Float64Array(0);
  totals: Float64Array<ArrayBuffer> = new Float64Array(0);
  stamps: Float64Array<ArrayBuffer> = new Float64Array(0);
  readonly index = new Map<string, number>();
  names: string[] = [];

  id(feature: string, create: boolean): number {
    let id = this.index.get(feature);
    if (id === undefined && create) {
      id = this.names.length;
      this.index.set(feature, id);
      this.names.push(feature);
      this.reserve(this.names.length);
    }
    return id ?? -1;
  }

  private reserve(features: number): void {
    if (features * N <= this.w.length) return;
    const size = Math.max(features * N, this.w.length * 2, 1 << 16);
    const grow = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.w = grow(this.w);
    this.totals = grow(this.totals);
    this.stamps = grow(this.stamps);
  }

  update(ids: ArrayLike<number>, tag: number, delta: number, clock: number): void {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] ?? -1;
      if (id < 0) continue;
      const at = id * N + tag;
      this.totals[at] = (this.totals[at] ?? 0) + (clock - (this.stamps[at] ?? 0)) * (this.w[at] ?? 0);
      this.stamps[at] = clock;
      this.w[at] = (this.w[at] ?? 0) + delta;
    }
  }

  averaged(clock: number): Float64Array {
    const size = this.names.length * N;
    const out = new Float64Array(size);
    for (let at = 0; at < size; at++) {
      const total = (this.totals[at] ?? 0) + (clock - (this.stamps[at] ?? 0)) * (this.w[at] ?? 0);
      out[at] = total / Math.max(clock, 1);
    }
    return out;
  }
}

function staticFeatures(view: SentenceView, i: number, lexicon: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const n = view.forms.length;
  for (const offset of OFFSETS) {
    const j = i + offset;
    const form = j < 0 ? SENTENCE_START : j >= n ? SENTENCE_END : (view.forms[j] ?? "");
    out.push(...offsetFeatures(form, view.caps, lexicon, offset));
  }
  contextFeatures(view, i, out);
  return out;
}

function compile(sentence: TrainingSentence, weights: Weights, lexicon: ReadonlySet<string>, create: boolean): Compiled {
  const ids: number[] = [];
  const starts = [0];
  for (let i = 0; i < sentence.view.forms.length; i++) {
    for (const f of staticFeatures(sentence.view, i, lexicon)) {
      const id = weights.id(f, create);
      if (id >= 0) ids.push(id);
    }
    starts.push(ids.length);
  }
  return { sentence, ids: Int32Array.from(ids), starts: Int32Array.from(starts) };
}

/** Greedy decoding of one compiled sentence under `w`; learns if `learn` is given. */
function decode(
  c: Compiled,
  weights: Weights,
  w: Float64Array,
  learn: { clock: () => number } | undefined,
): number[] {
  const { view, gold } = c.sentence;
  const out: number[] = [];
  const scores = new Float64Array(N);
  const history: string[] = [];
  let prev1 = START;
  let prev2 = START;
  for (let i = 0; i < view.forms.length; i++) {
    scores.fill(0);
    const from = c.starts[i] ?? 0;
    const to = c.starts[i + 1] ?? 0;
    for (let k = from; k < to; k++) {
      const base = (c.ids[k] ?? 0) * N;
      for (let t = 0; t < N; t++) scores[t] = (scores[t] ?? 0) + (w[base + t] ?? 0);
    }
    history.length = 0;
    historyFeatures(view, i, TAGS[prev2] ?? "O", TAGS[prev1] ?? "O", history);
    const historyIds = history.map((f) => weights.id(f, learn !== undefined));
    for (const id of historyIds) {
      if (id < 0) continue;
      for (let t = 0; t < N; t++) scores[t] = (scores[t] ?? 0) + (w[id * N + t] ?? 0);
    }
    let best = START;
    let bestScore = -Infinity;
    for (let t = 0; t < N; t++) {
      const s = scores[t] ?? 0;
      if (ALLOWED[prev1]?.[t] && s > bestScore) {
        best = t;
        bestScore = s;
      }
    }
    if (learn) {
      const truth = gold[i] ?? START;
      const clock = learn.clock();
      if (best !== truth) {
        const staticIds = c.ids.subarray(from, to);
        weights.update(staticIds, truth, 1, clock);
        weights.update(staticIds, best, -1, clock);
        weights.update(historyIds, truth, 1, clock);
        weights.update(historyIds, best, -1, clock);
      }
    }
    out.push(best);
    prev2 = prev1;
    prev1 = best;
  }
  return out;
}

/** Entity spans as `start:end:type` strings, for span-level F1 on the dev set. */
export function spanKeys(tags: readonly number[], prefix: string): string[] {
  const keys: string[] = [];
  let start = -1;
  let type = "";
  const close = (end: number): void => {
    if (start >= 0) keys.push(`${prefix}:${start}:${end}:${type}`);
    start = -1;
  };
  tags.forEach((t, i) => {
    const tag = TAGS[t] ?? "O";
    if (tag.startsWith("B-") || tag === "O" || tag.slice(2) !== type) close(i);
    if (tag.startsWith("B-")) {
      start = i;
      type = tag.slice(2);
    }
  });
  close(tags.length);
  return keys;
}

function f1(gold: Set<string>, predicted: readonly string[]): number {
  let tp = 0;
  for (const key of predicted) if (gold.has(key)) tp++;
  const p = tp / Math.max(predicted.length, 1);
  const r = tp / Math.max(gold.size, 1);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function toTable(weights: Weights, averaged: Float64Array): WeightTable {
  const table: WeightTable = new Map();
  weights.names.forEach((name, id) => {
    const row = averaged.subarray(id * N, id * N + N);
    if (row.some((x) => Math.abs(x) >= 0.0005)) table.set(name, Float32Array.from(row));
  });
  return table;
}

/** Trains one pass; returns the averaged weights of the best epoch on `dev` (the last without dev). */
export function trainPass(docs: readonly TrainingDocument[], options: TrainOptions): WeightTable {
  const weights = new Weights();
  const compiled = docs.map((doc) => doc.map((s) => compile(s, weights, options.lexicon, true)));
  const dev = (options.dev ?? []).map((doc) => doc.map((s) => compile(s, weights, options.lexicon, false)));
  const devGold = new Set(dev.flatMap((doc, d) => doc.flatMap((c, s) => spanKeys(c.sentence.gold, `${d}.${s}`))));
  const random = seededRandom(options.seed);
  let clock = 0;
  const learn = { clock: () => ++clock };
  let best: { f1: number; epoch: number; averaged: Float64Array } | undefined;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (const doc of shuffled(compiled, random)) for (const c of doc) decode(c, weights, weights.w, learn);
    const averaged = weights.averaged(clock);
    if (dev.length === 0) {
      best = { f1: 0, epoch, averaged };
      continue;
    }
    const predicted = dev.flatMap((doc, d) => doc.flatMap((c, s) => spanKeys(decode(c, weights, averaged, undefined), `${d}.${s}`)));
    const score = f1(devGold, predicted);
    options.log?.(`  epoch ${epoch}: dev span F1 ${(100 * score).toFixed(2)}`);
    if (!best || score > best.f1) best = { f1: score, epoch, averaged };
  }
  if (!best) throw new Error("trainPass needs at least one epoch");
  options.log?.(`  kept epoch ${best.epoch}`);
  return toTable(weights, best.averaged);
}
