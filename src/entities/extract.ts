/**
 * Named-entity extraction for ingest: persons, organisations and places in one article, with
 * in-article aliases merged. Archive-wide canonical names and slugs are `canonical.ts`'s job.
 *
 * The tagger is a two-pass averaged perceptron shipped in `models/ner.json.gz` (see `src/ner/`);
 * it loads on first call, once per process or worker thread.
 */

import type { ExtractedEntity } from "../ingest/article.js";
import { loadNerModel } from "../ner/load.js";
import { extractWithModel } from "../ner/pipeline.js";

/**
 * Finds the entities of an article given as its headline, a newline, then its paragraphs
 * separated by newlines. Most mentioned first, then by first mention.
 * @example extractEntities("Putin visits Iran\nRussian President Vladimir Putin flew to Tehran.")
 * // [{ name: "Vladimir Putin", type: "person", aliases: ["Putin"], mentions: 2 }, ...]
 */
export function extractEntities(text: string): ExtractedEntity[] {
  return extractWithModel(loadNerModel(), text);
}
