/**
 * Loads the shipped model once per process (per worker thread), on first use. The path is
 * resolved from the project root, not the working directory, so ingest can run from anywhere.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../code-location.js";
import { compiledKey, readCompiled, writeCompiled } from "./compiled-cache.js";
import { decodeModel, type NerModel } from "./model.js";
import { adoptTagger, prepareTagger } from "./pipeline.js";
import { DocumentTagger } from "./tagger.js";

const MODEL_FILE = path.join(PROJECT_ROOT, "models", "ner.json.gz");

let cached: NerModel | undefined;

/**
 * The shipped model, ready for tagging: compiled earlier and read from the cache
 * (`compiled-cache.ts`), or read and compiled now, then cached.
 */
export function loadNerModel(): NerModel {
  if (!cached) {
    const bytes = readFileSync(MODEL_FILE);
    const key = compiledKey(bytes);
    const kept = readCompiled(key);
    if (kept) {
      adoptTagger(kept.model, new DocumentTagger(kept.model, kept.passes));
      cached = kept.model;
    } else {
      cached = decodeModel(bytes);
      writeCompiled(key, cached, prepareTagger(cached).passes);
      // The tagger has compiled the weight tables into flat arrays. Kept, the tables (150,000
      // small typed arrays) would be marked by every full garbage collection in this thread.
      cached.passes.length = 0;
    }
  }
  return cached;
}
