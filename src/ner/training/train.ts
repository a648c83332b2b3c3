/**
 * The whole training recipe: pass 1 on all training documents; pass 2 on the same documents
 * with document features from pass-1 taggers that never saw them (k-fold jackknife), so pass 2
 * learns how far to trust pass 1 as it will behave on unseen text.
 */

import type { ConllDocument } from "../conll.js";
import { applyDocumentFeatures } from "../document.js";
import { GazetteerMatcher } from "../gazetteer.js";
import type { ModelContents } from "../model.js";
import { TAGS } from "../model.js";
import { PassScorer } from "../tagger.js";
import type { WeightTable } from "../model.js";
import { buildGazetteer } from "./gazetteer-source.js";
import { buildLexicon, nameList, toTrainingDocuments } from "./corpus.js";
import { trainPass, type TrainingDocument, type TrainOptions } from "./perceptron.js";

export interface RecipeOptions {
  epochs: number;
  folds: number;
  seed: number;
  /** Runs per pass with different shuffles, whose weights are averaged (a cheap ensemble). */
  runs: number;
  log: (line: string) => void;
}

export const DEFAULT_RECIPE = { epochs: 12, folds: 4, seed: 20260528, runs: 1 } as const;

/** The mean of several weight tables (features missing from one count as zero there). */
function meanTable(tables: readonly WeightTable[]): WeightTable {
  const out: WeightTable = new Map();
  for (const table of tables) {
    for (const [name, w] of table) {
      const sum = out.get(name) ?? new Float32Array(w.length);
      for (let t = 0; t < w.length; t++) sum[t] = (sum[t] ?? 0) + (w[t] ?? 0) / tables.length;
      out.set(name, sum);
    }
  }
  return out;
}

function trainRuns(docs: readonly TrainingDocument[], options: TrainOptions, runs: number): WeightTable {
  const tables: WeightTable[] = [];
  for (let run = 0; run < runs; run++) tables.push(trainPass(docs, { ...options, seed: options.seed + 1000 * run }));
  return tables.length === 1 ? (tables[0] ?? new Map()) : meanTable(tables);
}

function addDocumentFeatures(docs: readonly TrainingDocument[], table: WeightTable, lexicon: ReadonlySet<string>): void {
  const scorer = new PassScorer(table, lexicon);
  for (const doc of docs) {
    const views = doc.map((s) => s.view);
    applyDocumentFeatures(views, views.map((v) => scorer.tagSentence(v)));
  }
}

export function trainModel(train: readonly ConllDocument[], dev: readonly ConllDocument[], options: RecipeOptions): ModelContents {
  const lexiconList = buildLexicon(train);
  const lexicon = new Set(lexiconList);
  const gazetteerEntries = buildGazetteer();
  const gazetteer = new GazetteerMatcher(gazetteerEntries);
  const names = nameList(train);
  const allNames = new GazetteerMatcher(names);
  // Each training document sees names from the other folds only, as text outside training would.
  const foldNames = Array.from({ length: options.folds }, (_, fold) => new GazetteerMatcher(nameList(train.filter((_, d) => d % options.folds !== fold))));
  const trainDocs = toTrainingDocuments(train, gazetteer, (d) => foldNames[d % options.folds] ?? allNames);
  const devDocs = toTrainingDocuments(dev, gazetteer, () => allNames);
  const base = { epochs: options.epochs, lexicon, log: options.log };

  options.log("pass 1");
  const pass1 = trainRuns(trainDocs, { ...base, seed: options.seed, dev: devDocs }, options.runs);

  for (let fold = 0; fold < options.folds; fold++) {
    options.log(`pass 1, fold ${fold + 1}/${options.folds} (for pass 2's document features)`);
    const held = trainDocs.filter((_, d) => d % options.folds === fold);
    const rest = trainDocs.filter((_, d) => d % options.folds !== fold);
    const table = trainPass(rest, { ...base, seed: options.seed + fold + 1 });
    addDocumentFeatures(held, table, lexicon);
  }
  addDocumentFeatures(devDocs, pass1, lexicon);

  options.log("pass 2");
  const pass2 = trainRuns(trainDocs, { ...base, seed: options.seed, dev: devDocs }, options.runs);
  return {
    note: "Trained on CoNLL-2003 English (Reuters RCV1, research use only) by scripts/train-ner.ts.",
    lexicon: lexiconList,
    gazetteer: gazetteerEntries,
    names,
    passes: [pass1, pass2],
  };
}
