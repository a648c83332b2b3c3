/**
 * Document-level scoring of extracted entities against CoNLL gold: per document, the set of
 * distinct (normalised name, type) pairs, predicted versus gold.
 *
 * A predicted entity contributes its name and every alias that occurs in the text, so the score
 * covers aliasing as well as tagging. Gold MISC is ignored, and a prediction whose string equals
 * a gold MISC string counts neither way (CoNLL calls `Iranian` MISC; a tagger that calls a MISC
 * string a place is arguing about the annotation, not finding a wrong entity).
 */

import type { EntityType, ExtractedEntity } from "../ingest/article.js";
import { detokenize, goldSpans, type ConllDocument } from "./conll.js";

const LEADING_TITLES = /^(?:(?:president|mr|mrs|ms|dr|sir|prime minister|minister|chancellor|secretary|general|gen|senator|sen|king|queen)\s+)+/;

/**
 * Lowercases, drops possessive 's, turns punctuation into spaces, drops a leading "the" and titles.
 * @example normaliseName("The U.S.'s") // "u s"
 */
export function normaliseName(name: string): string {
  let s = name.toLowerCase().replace(/['’]s\b/g, "");
  s = s.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  s = s.replace(/^the\s+/, "");
  return s.replace(LEADING_TITLES, "").trim();
}

const CONLL_TYPES: Record<string, EntityType> = { PER: "person", ORG: "organization", LOC: "place" };

export interface GoldDocument {
  text: string;
  /** "name\ttype" pairs. */
  pairs: Set<string>;
  misc: Set<string>;
}

export function goldOf(doc: ConllDocument, text: string): GoldDocument {
  const pairs = new Set<string>();
  const misc = new Set<string>();
  for (const sentence of doc.sentences) {
    for (const { type, tokens } of goldSpans(sentence)) {
      const name = normaliseName(detokenize(tokens));
      const entityType = CONLL_TYPES[type];
      if (name && entityType) pairs.add(`${name}\t${entityType}`);
      else if (name && type === "MISC") misc.add(name);
    }
  }
  return { text, pairs, misc };
}

/** The (name, type) pairs an extraction claims: names and aliases that occur in the text. */
export function predictedPairs(entities: readonly ExtractedEntity[], text: string): Set<string> {
  const haystack = ` ${normaliseName(text.replace(/\n/g, " "))} `;
  const pairs = new Set<string>();
  for (const entity of entities) {
    for (const form of [entity.name, ...entity.aliases]) {
      const name = normaliseName(form);
      if (name && haystack.includes(` ${name} `)) pairs.add(`${name}\t${entity.type}`);
    }
  }
  return pairs;
}

export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}

export type Tally = Record<EntityType | "all", Counts>;

export function emptyTally(): Tally {
  const zero = (): Counts => ({ tp: 0, predicted: 0, gold: 0 });
  return { person: zero(), organization: zero(), place: zero(), all: zero() };
}

export function score(tally: Tally, gold: GoldDocument, predicted: ReadonlySet<string>): void {
  for (const pair of predicted) {
    const [name = "", type = ""] = pair.split("\t");
    const counts = tally[type as EntityType];
    if (gold.pairs.has(pair)) {
      counts.tp++;
      tally.all.tp++;
    } else if (gold.misc.has(name)) {
      continue;
    }
    counts.predicted++;
    tally.all.predicted++;
  }
  for (const pair of gold.pairs) {
    const type = (pair.split("\t")[1] ?? "") as EntityType;
    tally[type].gold++;
    tally.all.gold++;
  }
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.tp / Math.max(c.predicted, 1);
  const r = c.tp / Math.max(c.gold, 1);
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}
