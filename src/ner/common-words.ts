/**
 * Capitalised common words the tagger mistakes for names where capitals say nothing: at the
 * start of a sentence (`Broadband take-up...`) or in an ALL CAPS headline. A one-word mention
 * there is dropped when the article also uses the word in lowercase, unless a gazetteer lists it
 * (`US` in a headline, `us` in a quote).
 */

import type { SentenceView } from "./features.js";
import type { Mention } from "./mentions.js";
import type { Token } from "./tokenize.js";

export function lowercaseWords(sentences: readonly (readonly Token[])[]): Set<string> {
  const words = new Set<string>();
  for (const tokens of sentences) {
    for (const token of tokens) {
      const form = token.form;
      if (form === form.toLowerCase() && form !== form.toUpperCase()) words.add(form);
    }
  }
  return words;
}

/** `lowercase` gives the article's `lowercaseWords`, called only when a mention needs them. */
export function isCommonWord(
  mention: Mention,
  tokens: readonly Token[],
  view: SentenceView,
  lowercase: () => ReadonlySet<string>,
): boolean {
  const token = mention.tokens[0];
  if (mention.tokens.length !== 1 || !token) return false;
  const i = tokens.indexOf(token);
  const atStart = view.caps || tokens.slice(0, i).every((t) => !/\p{L}/u.test(t.form));
  return atStart && !view.gazetteer[i] && lowercase().has(token.form.toLowerCase());
}
