/**
 * Text → entities, in named steps: split into sentences → tag (two passes) → read mentions →
 * split at job titles and "and" → drop common words → clean names → group into entities with aliases.
 */

import { mapPacked } from "./packed.js";
import type { ExtractedEntity } from "../ingest/article.js";
import { groupMentions, type NamedMention } from "./aliases.js";
import { applyCaseEvidence } from "./case-evidence.js";
import { isCommonWord, lowercaseWords } from "./common-words.js";
import { viewSentence } from "./features.js";
import { readMentions } from "./mentions.js";
import type { NerModel } from "./model.js";
import { cleanName, type NameContext } from "./names.js";
import { splitAtRoles, splitConjoined } from "./roles.js";
import { DocumentTagger } from "./tagger.js";
import { splitSentences } from "./tokenize.js";

const taggers = new WeakMap<NerModel, DocumentTagger>();

/** Makes `tagger` the one `prepareTagger` gives for `model` (a tagger of passes compiled earlier). */
export function adoptTagger(model: NerModel, tagger: DocumentTagger): void {
  taggers.set(model, tagger);
}

/** Compiles the model's weights for tagging, once per model; later calls return the same tagger. */
export function prepareTagger(model: NerModel): DocumentTagger {
  let tagger = taggers.get(model);
  if (!tagger) {
    tagger = new DocumentTagger(model);
    taggers.set(model, tagger);
  }
  return tagger;
}

export function extractWithModel(model: NerModel, text: string): ExtractedEntity[] {
  const sentences = splitSentences(text);
  const views = mapPacked(sentences, (tokens) => viewSentence(mapPacked(tokens, (t) => t.form), model.gazetteer, model.names));
  applyCaseEvidence(views);
  const tags = prepareTagger(model).tag(views);
  // Built on first use: most articles never need them.
  let casedText: string | undefined;
  const context: NameContext = {
    text,
    get casedText(): string {
      casedText ??= sentences
        .filter((_, s) => !views[s]?.caps)
        .map((tokens) => text.slice(tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0))
        .join("\n");
      return casedText;
    },
    isDemonym: (word) => model.gazetteer.kindOf(word.replace(/’/g, "'")) === "DEM",
    spellings: new Map(),
  };
  let lowercaseSet: Set<string> | undefined;
  const lowercase = (): Set<string> => (lowercaseSet ??= lowercaseWords(sentences));
  const isListed = (phrase: string): boolean => model.gazetteer.kindOf(phrase) !== undefined;
  const named: NamedMention[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const tokens = sentences[s]!;
    const view = views[s];
    if (!view) continue;
    const mentions = readMentions(tokens, tags[s] ?? [], s, view.caps)
      .flatMap(splitAtRoles)
      .flatMap((m) => splitConjoined(m, isListed));
    for (const mention of mentions) {
      if (isCommonWord(mention, tokens, view, lowercase)) continue;
      const name = cleanName(mention, context);
      if (name !== undefined) named.push({ name, type: mention.type, order: named.length });
    }
  }
  return groupMentions(named);
}
