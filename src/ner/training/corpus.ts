/**
 * Turns CoNLL documents into training material: sentence views with gazetteer tags, gold tag
 * indices, and the lowercase lexicon the `lc` feature consults.
 */

import { goldSpans, type ConllDocument } from "../conll.js";
import { applyCaseEvidence } from "../case-evidence.js";
import { viewSentence } from "../features.js";
import type { GazetteerEntry, GazetteerMatcher } from "../gazetteer.js";
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

/**
 * The names of the gold entities with their most frequent type (ties: alphabetical), for the
 * name-list feature. Entries of one or two letters are left out: mostly initials and noise.
 */
export function nameList(docs: readonly ConllDocument[]): GazetteerEntry[] {
  const counts = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    for (const sentence of doc.sentences) {
      for (const { type, tokens } of goldSpans(sentence)) {
        const phrase = tokens.join(" ");
        if (phrase.length <= 2) continue;
        const byType = counts.get(phrase) ?? new Map<string, number>();
        byType.set(type, (byType.get(type) ?? 0) + 1);
        counts.set(phrase, byType);
      }
    }
  }
  return [...counts].map(([phrase, byType]) => {
    const [best = ""] = [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    return [phrase, best] as GazetteerEntry;
  });
}

/** `names(d)` is the name list document `d` may see: in training, one built without it. */
export function toTrainingDocuments(
  docs: readonly ConllDocument[],
  gazetteer: GazetteerMatcher,
  names: (d: number) => GazetteerMatcher,
): TrainingDocument[] {
  return docs.map((doc, d) => {
    const sentences = doc.sentences.map((s) => ({
      view: viewSentence(s.tokens, gazetteer, names(d)),
      gold: s.tags.map((tag) => {
        const t = TAGS.indexOf(tag as (typeof TAGS)[number]);
        return t >= 0 ? t : 0;
      }),
    }));
    applyCaseEvidence(sentences.map((s) => s.view));
    return sentences;
  });
}
