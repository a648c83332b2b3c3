/**
 * Loads the shipped model once per process (per worker thread), on first use. The path is
 * resolved from this module, not the working directory, so ingest can run from anywhere.
 */

import { readFileSync } from "node:fs";
import { decodeModel, type NerModel } from "./model.js";
import { prepareTagger } from "./pipeline.js";

const MODEL_URL = new URL("../../models/ner.json.gz", import.meta.url);

let cached: NerModel | undefined;

/** The shipped model, read and compiled for tagging on first call. */
export function loadNerModel(): NerModel {
  if (!cached) {
    cached = decodeModel(readFileSync(MODEL_URL));
    prepareTagger(cached);
    // The tagger has compiled the weight tables into flat arrays. Kept, the tables (150,000
    // small typed arrays) would be marked by every full garbage collection in this thread.
    cached.passes.length = 0;
  }
  return cached;
}
