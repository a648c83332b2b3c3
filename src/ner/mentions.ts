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

const BRACKETS = new Set(["(", ")", "[", "]"]);

/** Titles of peers and knights, which only people bear. */
const PEERAGE = new Set(["lord", "lady", "sir", "dame", "baron", "baroness"]);

/** Offices a peerage title also opens (`Lord Mayor`, `Lord Chancellor`): not a person's name. */
const OFFICES = new Set(["mayor", "chancellor", "chief", "justice", "president", "provost", "lieutenant", "advocate", "speaker", "privy", "chamberlain", "high"]);

/**
 * Whether a span is a peer's or a knight's name (`Lord Goldsmith`, `Sir Menzies Campbell`,
 * `Lord Irvine of Lairg`), whatever the tagger called it: it filed such names as places and
 * organisations now and then. A title, one or two capitalised words, and perhaps `of` and one
 * or two more; not an office: not `Lord of the Rings`, `Lady Lever Art Gallery`, `Baroness
 * Scotland and Baron Hughes` or `Lord Mayor`, nor `Lady` alone.
 */
function peer(span: readonly Token[]): boolean {
  const [title, next] = span;
  if (!title || !next || !PEERAGE.has(title.form.toLowerCase().replace(/\./g, "")) || OFFICES.has(next.form.toLowerCase())) return false;
  const capitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
  const rest = span.slice(1);
  const of = rest.findIndex((t) => t.form === "of");
  const name = of < 0 ? rest : rest.slice(0, of);
  const place = of < 0 ? [] : rest.slice(of + 1);
  return name.length >= 1 && name.length <= 2 && name.every(capitalised) && (of < 0 || (place.length >= 1 && place.length <= 2 && place.every(capitalised)));
}

/**
 * A person's name up to a bracket: the tagger ran `Steve Borthwick (Bath` on as one name in the
 * BBC's team lists, where each player's club follows in brackets, making "Borthwick (Bath" of
 * it. What the bracket holds is left out (a club, a party), not made a person of its own.
 * Organizations and places keep theirs: CoNLL-2003 has `Proleter (Z)`, a club, as one name.
 */
function beforeBracket(type: EntityType, span: Token[]): Token[] {
  if (type !== "person") return span;
  const at = span.findIndex((t) => BRACKETS.has(t.form));
  return at < 0 ? span : span.slice(0, at);
}

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
      const end = entityType === "organization" && tag === "O" ? stationEnd(tokens, i) : i;
      // Possessives go wherever the name ends (the tokeniser keeps `4's` of `Radio 4's` whole).
      const span = entityType && beforeBracket(entityType, tokens.slice(start, end > i ? end : i));
      if (entityType && span?.length) out.push({ type: peer(span) ? "person" : entityType, tokens: withoutPossessive(span), sentence, caps });
      start = -1;
      if (end > i) {
        i = end - 1;
        continue;
      }
    }
    if (tag === "O") continue;
    if (start < 0) {
      start = i;
      type = tag.slice(2);
    }
  }
  return out;
}

/** Words after which a number names a station or channel: `Channel 4`, `BBC Radio 4`, `BBC Two`. */
const STATION_WORDS = new Set(["channel", "radio", "bbc", "itv", "s4c"]);
/** A station's number, possibly possessive (`Radio 4's Today`: the tokeniser keeps `4's` whole). */
const STATION_NUMBER = /^(?:[1-9]|One|Two|Three|Four|Five)(?:'s)?$/;

/**
 * Where an organization mention ending at `end` really ends: the tagger, trained on Reuters
 * text where such names are rare, leaves the number of `Channel 4` or `BBC Radio 4` outside the
 * name, which would make them "Channel" and "BBC Radio". The number is taken in when it directly
 * follows a station word, and so is a `Live` after the number (`Radio Five Live`).
 */
function stationEnd(tokens: readonly Token[], end: number): number {
  let at = end;
  const last = tokens[at - 1];
  const next = tokens[at];
  if (last && next && STATION_WORDS.has(last.form.toLowerCase()) && STATION_NUMBER.test(next.form) && next.start === last.end + 1) at++;
  const number = tokens[at - 1];
  const word = tokens[at - 2];
  const live = tokens[at];
  const isStation = number && word && STATION_NUMBER.test(number.form) && STATION_WORDS.has(word.form.toLowerCase());
  if (isStation && !number.form.endsWith("'s") && live?.form === "Live" && live.start === number.end + 1) at++;
  return at;
}

/** `BBC Radio 4's` → `BBC Radio 4`: the possessive of a number stays on its token, unlike a word's. */
function withoutPossessive(tokens: Token[]): Token[] {
  const last = tokens[tokens.length - 1];
  // A token that is the possessive alone is left to the name's reading (`names.ts`), which drops it.
  if (!last || last.form.length <= 2 || !last.form.endsWith("'s")) return tokens;
  const text = last.text.slice(0, -2);
  tokens[tokens.length - 1] = { text, form: last.form.slice(0, -2), start: last.start, end: last.start + text.length };
  return tokens;
}
