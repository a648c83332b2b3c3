/**
 * Mentions: the token spans the tagger marked as PER, ORG or LOC, read off IOB2 tags. MISC spans
 * are dropped here: they are demonyms, events and products, which the archive does not index.
 */

import type { EntityType } from "../ingest/article.js";
import type { Token } from "./tokenize.js";

export interface Mention {
  type: EntityType;
  tokens: Token[];
  /** Index of the sentence the mention is in, and whether that sentence is set in capitals. */
  sentence: number;
  caps: boolean;
}

const TYPES: Record<string, EntityType> = { PER: "person", ORG: "organization", LOC: "place" };

/**
 * Reads mentions off one sentence's tags, in text order. A plain loop without local named
 * functions: tsx (esbuild's keepNames) would redefine a local arrow's name on every call.
 */
export function readMentions(tokens: readonly Token[], tags: readonly string[], sentence: number, caps: boolean): Mention[] {
  const out: Mention[] = [];
  let type = "";
  let start = -1;
  for (let i = 0; i <= tokens.length; i++) {
    const tag = i < tokens.length ? (tags[i] ?? "O") : "O";
    if (start >= 0 && (tag === "O" || tag.startsWith("B-") || tag.slice(2) !== type)) {
      const entityType = TYPES[type];
      if (entityType) out.push({ type: entityType, tokens: tokens.slice(start, i), sentence, caps });
      start = -1;
    }
    if (tag === "O") continue;
    if (start < 0) {
      start = i;
      type = tag.slice(2);
    }
  }
  return out;
}
