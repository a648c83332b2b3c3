/**
 * Splits mentions the tagger ran together. Across a job title, which CoNLL-trained taggers do
 * when an organisation or place is followed by a role and a person:
 * `Federal Reserve Governor Lawrence Lindsey` → `Federal Reserve` (ORG) + `Lawrence Lindsey` (PER);
 * `Trade and Industry Secretary Patricia Hewitt` (PER) → `Patricia Hewitt`;
 * `Tono Eitel of Germany` (PER) → `Tono Eitel`.
 * Trailing lowercase words, dates and figures (`Albright arrives`, `Insulza Monday`,
 * `Northampton 46`) are cut as well. Across "and": `Interfax and Anatolia` (`splitConjoined`).
 */

import type { Mention } from "./mentions.js";
import type { Token } from "./tokenize.js";

const ROLES = new Set([
  "president", "governor", "chairman", "chairwoman", "ceo", "minister", "secretary", "director",
  "spokesman", "spokeswoman", "coach", "manager", "chancellor", "premier", "leader", "ambassador",
  "commissioner", "senator", "mayor", "judge", "captain", "chief", "executive", "boss", "editor",
  "envoy", "negotiator", "colonel", "general", "lieutenant", "commander", "prosecutor", "striker",
  "defender", "midfielder", "goalkeeper", "fullback", "winger", "skipper", "cardinal", "bishop",
  "presenter", "correspondent", "analyst", "economist", "chairperson", "head", "founder", "owner",
]);

const TRAILING_JUNK = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "june", "july", "august", "september", "october", "november",
  "december",
]);

function isRole(token: Token): boolean {
  return token.form
    .toLowerCase()
    .replace(/\.$/, "")
    .split("-")
    .every((part) => ROLES.has(part));
}

function isNamePart(token: Token): boolean {
  return /^\p{Lu}/u.test(token.form) || /^(?:al|el|de|da|del|der|van|von|bin|ibn|le|la|du)(?:-\p{L}|$)/u.test(token.form);
}

function withTokens(mention: Mention, tokens: Token[], type = mention.type): Mention {
  return { ...mention, type, tokens };
}

function trimEnd(mention: Mention): Mention {
  let tokens = mention.tokens;
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1];
    if (!last) break;
    const lower = last.form.toLowerCase();
    const lowercaseWord = !mention.caps && !isNamePart(last) && /^\p{Ll}/u.test(last.form) && /\p{L}\p{L}/u.test(last.form);
    // A score or figure after a name (`Northampton 46`, `Moody 6-82`); `Channel 4` keeps its digit.
    const figure = /^\d{2,}$|^\d+[-.:/]\d+$/.test(last.form);
    if (!TRAILING_JUNK.has(lower) && !lowercaseWord && !figure) break;
    tokens = tokens.slice(0, -1);
  }
  return withTokens(mention, tokens);
}

/** The mention's parts: one mention, or an organisation/place and a person. */
export function splitAtRoles(original: Mention): Mention[] {
  const mention = trimEnd(original);
  const tokens = mention.tokens;
  let k = -1;
  for (let i = tokens.length - 2; i >= 0; i--) {
    const token = tokens[i];
    if (token && isRole(token)) {
      k = i;
      break;
    }
  }
  const after = tokens.slice(k + 1);
  const nameAfter = k >= 0 && after.length >= 1 && after.length <= 4 && after.every(isNamePart) && !mention.caps;
  if (nameAfter && mention.type === "person") return [cutAtOf(withTokens(mention, after))];
  if (nameAfter && k >= 1) {
    let before = tokens.slice(0, k);
    while (before.length > 0 && isRole(before[before.length - 1] as Token)) before = before.slice(0, -1);
    const parts = [withTokens(mention, after, "person")];
    if (before.length > 0) parts.unshift(withTokens(mention, before));
    return parts;
  }
  return [mention.type === "person" ? cutAtOf(mention) : mention];
}

/** `Tono Eitel of Germany` → `Tono Eitel`; `Duke of Norfolk` stays, having one word before `of`. */
function cutAtOf(mention: Mention): Mention {
  const at = mention.tokens.findIndex((t) => t.form === "of");
  return at >= 2 ? withTokens(mention, mention.tokens.slice(0, at)) : mention;
}

/** Two-word names joined by "and" that are one name, beyond what the gazetteer lists. */
const CONJOINED_NAMES = new Set([
  "trade and industry", "marks and spencer", "procter and gamble", "johnson and johnson",
  "ernst and young", "black and decker", "tate and lyle", "bosnia and herzegovina",
]);

/**
 * `Interfax and Anatolia` → `Interfax` + `Anatolia`: a span of exactly two capitalised words
 * joined by "and" is two names of one type, unless it is a listed name (`Trinidad and Tobago`).
 */
export function splitConjoined(mention: Mention, isListed: (phrase: string) => boolean): Mention[] {
  const [a, and, b] = mention.tokens;
  if (mention.tokens.length !== 3 || !a || !b || and?.form !== "and") return [mention];
  if (!/^\p{Lu}/u.test(a.form) || !/^\p{Lu}/u.test(b.form)) return [mention];
  const phrase = `${a.form} and ${b.form}`;
  if (CONJOINED_NAMES.has(phrase.toLowerCase()) || isListed(phrase)) return [mention];
  return [withTokens(mention, [a]), withTokens(mention, [b])];
}
