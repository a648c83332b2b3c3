/**
 * Rebuilds the entity tagger: `npm run train:ner -- [--train FILE] [--dev FILE] [--out FILE]`.
 * Defaults read CoNLL-2003 from ../shared and write models/ner.json.gz; the same input always
 * gives the same bytes (seeded shuffles, sorted rows, timestamp-free gzip).
 */

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseConll } from "../src/ner/conll.js";
import { encodeModel } from "../src/ner/model.js";
import { DEFAULT_RECIPE, trainModel } from "../src/ner/training/train.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    train: { type: "string", default: resolve(root, "../shared/data/conll2003/train.txt") },
    dev: { type: "string", default: resolve(root, "../shared/data/conll2003/valid.txt") },
    out: { type: "string", default: resolve(root, "models/ner.json.gz") },
    epochs: { type: "string", default: String(DEFAULT_RECIPE.epochs) },
    folds: { type: "string", default: String(DEFAULT_RECIPE.folds) },
    seed: { type: "string", default: String(DEFAULT_RECIPE.seed) },
    runs: { type: "string", default: String(DEFAULT_RECIPE.runs) },
  },
});

const started = performance.now();
const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);
const train = parseConll(readFileSync(values.train, "utf8"));
const dev = parseConll(readFileSync(values.dev, "utf8"));
log(`${train.length} training documents, ${dev.length} dev documents`);
const model = trainModel(train, dev, {
  epochs: Number(values.epochs),
  folds: Number(values.folds),
  seed: Number(values.seed),
  runs: Number(values.runs),
  log,
});
const bytes = encodeModel(model);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, bytes);
const sha = createHash("sha256").update(bytes).digest("hex");
log(`wrote ${values.out}: ${(bytes.length / 1e6).toFixed(2)} MB, ${model.passes.map((p) => p.size).join(" + ")} features, sha256 ${sha}`);
