/**
 * Turns CoNLL documents into training material: sentence views with gazetteer tags, gold tag
 * indices, and the lowercase lexicon the `lc` feature consults.
 */

import type { ConllDocument } from "../conll.js";
import { applyCaseEvidence } from "../case-evidence.js";
import { viewSentence } from "../features.js";
import type { GazetteerMatcher } from "../gazetteer.js";
import { TAGS } from "../model.js";
import type { TrainingDocument } from "./perceptron.js";

/** Words seen in lowercase at least twice: a capitalised one of these is probably not a name. */
export function buildLexicon(docs: readonly ConllDocument[]): string[] {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    for (const sentence of doc.sentences) {
      for (const token of sentence.tokens) {
        if (/\p{L}/u.test(token) && token === token.toLowerCase()) counts.set(token, (counts.get(token) ?? 0) + 1);
      }
    }
  }
  return [...counts].filter(([, n]) => n >= 2).map(([w]) => w);
}

export function toTrainingDocuments(docs: readonly ConllDocument[], gazetteer: GazetteerMatcher): TrainingDocument[] {
  return docs.map((doc) => {
    const sentences = doc.sentences.map((s) => ({
      view: viewSentence(s.tokens, gazetteer),
      gold: s.tags.map((tag) => {
        const t = TAGS.indexOf(tag as (typeof TAGS)[number]);
        return t >= 0 ? t : 0;
      }),
    }));
    applyCaseEvidence(sentences.map((s) => s.view));
    return sentences;
  });
}
