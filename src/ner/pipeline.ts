/**
 * Text → entities, in named steps: split into sentences → tag (two passes) → read mentions →
 * split at job titles → drop common words → clean names → group into entities with aliases.
 */

import type { ExtractedEntity } from "../ingest/article.js";
import { groupMentions, type NamedMention } from "./aliases.js";
import { isCommonWord, lowercaseWords } from "./common-words.js";
import { viewSentence } from "./features.js";
import { readMentions } from "./mentions.js";
import type { NerModel } from "./model.js";
import { cleanName, type NameContext } from "./names.js";
import { splitAtRoles } from "./roles.js";
import { DocumentTagger } from "./tagger.js";
import { splitSentences } from "./tokenize.js";

const taggers = new WeakMap<NerModel, DocumentTagger>();

function taggerFor(model: NerModel): DocumentTagger {
  let tagger = taggers.get(model);
  if (!tagger) {
    tagger = new DocumentTagger(model);
    taggers.set(model, tagger);
  }
  return tagger;
}

export function extractWithModel(model: NerModel, text: string): ExtractedEntity[] {
  const sentences = splitSentences(text);
  const views = sentences.map((tokens) => viewSentence(tokens.map((t) => t.form), model.gazetteer));
  const tags = taggerFor(model).tag(views);
  const context: NameContext = {
    text,
    casedText: sentences
      .filter((_, s) => !views[s]?.caps)
      .map((tokens) => text.slice(tokens[0]?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0))
      .join("\n"),
    isDemonym: (word) => model.gazetteer.kindOf(word.replace(/’/g, "'")) === "DEM",
    spellings: new Map(),
  };
  const lowercase = lowercaseWords(sentences);
  const named: NamedMention[] = [];
  sentences.forEach((tokens, s) => {
    const view = views[s];
    if (!view) return;
    for (const mention of readMentions(tokens, tags[s] ?? [], s, view.caps).flatMap(splitAtRoles)) {
      if (isCommonWord(mention, tokens, view, lowercase)) continue;
      const name = cleanName(mention, context);
      if (name !== undefined) named.push({ name, type: mention.type, order: named.length });
    }
  });
  return groupMentions(named);
}
