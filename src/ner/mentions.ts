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

/** Reads mentions off one sentence's tags, in text order. */
export function readMentions(tokens: readonly Token[], tags: readonly string[], sentence: number, caps: boolean): Mention[] {
  const out: Mention[] = [];
  let current: { type: string; tokens: Token[] } | undefined;
  const close = (): void => {
    const type = current ? TYPES[current.type] : undefined;
    if (current && type) out.push({ type, tokens: current.tokens, sentence, caps });
    current = undefined;
  };
  tokens.forEach((token, i) => {
    const tag = tags[i] ?? "O";
    if (tag === "O" || tag.startsWith("B-") || tag.slice(2) !== current?.type) close();
    if (tag === "O") return;
    current ??= { type: tag.slice(2), tokens: [] };
    current.tokens.push(token);
  });
  close();
  return out;
}
