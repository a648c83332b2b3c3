/**
 * Scores entity extraction on CoNLL-2003: `npm run eval:ner -- [--conll FILE] [--model FILE]`.
 * Each document is rebuilt as article text and goes through `extractEntities`, as in ingest;
 * prints document-level P/R/F1 per type and articles per second (model load excluded).
 */

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ExtractedEntity } from "../src/ingest/article.js";
import { extractEntities } from "../src/entities/extract.js";
import { documentText, parseConll } from "../src/ner/conll.js";
import { emptyTally, goldOf, predictedPairs, prf, score } from "../src/ner/evaluate.js";
import { loadNerModel } from "../src/ner/load.js";
import { decodeModel } from "../src/ner/model.js";
import { extractWithModel, prepareTagger } from "../src/ner/pipeline.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    conll: { type: "string", default: resolve(root, "../shared/data/conll2003/valid.txt") },
    model: { type: "string" },
    errors: { type: "boolean", default: false },
  },
});

const docs = parseConll(readFileSync(values.conll, "utf8"));
let extract: (text: string) => ExtractedEntity[] = extractEntities;
if (values.model) {
  const model = decodeModel(readFileSync(values.model));
  prepareTagger(model);
  extract = (text) => extractWithModel(model, text);
} else {
  loadNerModel();
}

const texts = docs.map(documentText);
const started = performance.now();
const cpuStart = process.cpuUsage();
const results = texts.map((text) => extract(text));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const tally = emptyTally();
texts.forEach((text, d) => {
  const doc = docs[d];
  const entities = results[d];
  if (!doc || !entities) return;
  const gold = goldOf(doc, text);
  const predicted = predictedPairs(entities, text);
  score(tally, gold, predicted);
  if (values.errors) {
    const missed = [...gold.pairs].filter((p) => !predicted.has(p));
    const wrong = [...predicted].filter((p) => !gold.pairs.has(p) && !gold.misc.has(p.split("\t")[0] ?? ""));
    if (missed.length + wrong.length > 0) {
      console.log(`doc ${d}: ${text.split("\n")[0]}`);
      for (const p of missed) console.log(`  missed ${p.replace("\t", " / ")}`);
      for (const p of wrong) console.log(`  wrong  ${p.replace("\t", " / ")}`);
    }
  }
});

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
console.log(`${values.conll}: ${docs.length} documents`);
console.log("type          P       R      F1    tp  pred  gold");
for (const [label, key] of [["PER", "person"], ["ORG", "organization"], ["LOC", "place"], ["overall", "all"]] as const) {
  const c = tally[key];
  const { p, r, f1 } = prf(c);
  console.log(`${label.padEnd(8)} ${pct(p)}  ${pct(r)}  ${pct(f1)}  ${String(c.tp).padStart(4)}  ${String(c.predicted).padStart(4)}  ${String(c.gold).padStart(4)}`);
}
console.log(
  `speed: ${(docs.length / seconds).toFixed(0)} articles/s wall, ${(docs.length / cpuSeconds).toFixed(0)} per CPU second (${docs.length} articles in ${seconds.toFixed(2)} s, model load excluded, one thread)`,
);
