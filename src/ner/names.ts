/**
 * Clean display names for mentions: titles and roles go (`Russian President Vladimir Putin` →
 * `Vladimir Putin`, `Mr Blair` → `Blair`), possessives go (`Tehran's` → `Tehran`), ALL CAPS
 * headline words take the article's own spelling, and what is left must look like a name.
 */

import type { Mention } from "./mentions.js";
import type { Token } from "./tokenize.js";
import { mapPacked } from "./packed.js";

/** Words that introduce a person without being part of the name; matched lowercased, dot-free. */
const TITLES = new Set([
  "president", "vice", "prime", "minister", "ministers", "chancellor", "secretary", "general", "gen",
  "sen", "senator", "rep", "representative", "gov", "governor", "mayor", "king", "queen", "prince",
  "princess", "pope", "sheikh", "ayatollah", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
  "sir", "dame", "lord", "lady", "baroness", "baron", "judge", "justice", "chairman", "chairwoman", "chief", "executive",
  "director", "coach", "manager", "captain", "capt", "lt", "col", "colonel", "sgt", "sergeant",
  "commissioner", "ambassador", "spokesman", "spokeswoman", "foreign", "defence", "defense",
  "interior", "finance", "home", "deputy", "former", "acting", "premier", "rev", "reverend",
  "father", "cardinal", "bishop", "archbishop", "rabbi", "imam", "emir", "sultan", "shadow",
  "leader", "speaker", "striker", "midfielder", "defender", "goalkeeper", "boss", "mp", "marshal",
  "admiral", "lieutenant", "commander", "attorney", "presidential", "candidate",
]);

/** Titles that are also common surnames (Mervyn King, John Major), so never junk on their own. */
const SURNAME_TITLES = new Set(["king", "prince", "bishop", "judge", "lord", "father", "marshal", "major"]);

/** Whole names that are never entities: bare titles, days, months. */
const JUNK = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec", "god", "internet", "web", "government", "parliament", "state", "city", "mp", "mps",
  "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "christmas", "easter",
  "ramadan", "pc", "pcs", "tv", "dvd", "dvds", "cd", "cds", "id", "gdp", "mp3", "sms", "vat",
  "hiv", "aids", "oscar", "oscars", "grammy", "grammys", "emmy", "emmys", "bafta", "baftas",
  "cabinet", "news", "born", "dj",
  // Faiths' adjectives and their people, which the tagger takes for names now and then.
  "muslim", "muslims", "christian", "christians", "jew", "jews", "jewish", "hindu", "hindus",
  "sikh", "sikhs", "buddhist", "buddhists", "catholic", "catholics", "protestant", "protestants",
]);

/** Whole names of events and awards, which CoNLL calls MISC but taggers often call organisations. */
const JUNK_NAMES = new Set([
  "new year", "golden globe", "golden globes", "world cup", "olympics", "olympic games",
  "six nations", "champions league", "premiership", "uefa cup", "fa cup", "davis cup",
  "grand slam", "super bowl", "academy awards", "brit awards",
  // Team sheets' headings and generic phrases the tagger calls organisations.
  "subs not", "subs not used", "us tv",
]);

/** Members' titles after a party's name (`Labour MPs`): the party is the entity. */
const MEMBERS = new Set(["mp", "mps", "msp", "msps", "mep", "meps"]);

const POSSESSIVE = new Set(["'s", "'", "'S"]);

function bare(form: string): string {
  return form.toLowerCase().replace(/\.$/, "");
}

/** `Lieutenant-Colonel` is a title when each of its parts is. */
function isTitle(form: string): boolean {
  return bare(form).split("-").every((part) => TITLES.has(part));
}

/** Drops leading titles (persons only: `Foreign Ministry` is an organisation's name) and trailing clitics. */
function nameTokens(mention: Mention, isDemonym: (word: string) => boolean): Token[] {
  let tokens = [...mention.tokens];
  while (tokens.length > 0 && (POSSESSIVE.has(tokens[tokens.length - 1]?.form ?? "") || /^[^\p{L}\p{N}]+$/u.test(tokens[tokens.length - 1]?.form ?? ""))) {
    tokens = tokens.slice(0, -1);
  }
  while (tokens.length > 0 && /^[^\p{L}\p{N}]+$/u.test(tokens[0]?.form ?? "")) tokens = tokens.slice(1);
  if (tokens.length > 1 && bare(tokens[0]?.form ?? "") === "the") tokens = tokens.slice(1);
  if (mention.type === "person") {
    while (tokens.length > 1 && (isTitle(tokens[0]?.form ?? "") || isDemonym(tokens[0]?.form ?? ""))) {
      tokens = tokens.slice(1);
    }
  } else {
    if (tokens.length > 1 && ["mr", "mrs", "ms", "dr"].includes(bare(tokens[0]?.form ?? ""))) tokens = tokens.slice(1);
    // After a name (`Labour MPs`), not after `of` (`Association of MPs`, `group of MPs`).
    while (tokens.length > 1 && MEMBERS.has(bare(tokens[tokens.length - 1]?.form ?? "")) && /^\p{Lu}/u.test(tokens[tokens.length - 2]?.text ?? "")) tokens = tokens.slice(0, -1);
  }
  return tokens;
}

function titleCase(word: string): string {
  return word.replace(/\p{L}+/gu, (w) => (w.length <= 3 ? w : w.charAt(0) + w.slice(1).toLowerCase()));
}

export interface NameContext {
  text: string;
  /** The text of the article's sentences that are not in capitals, for restoring case. */
  casedText: string;
  isDemonym: (word: string) => boolean;
  /** Mixed-case spellings already looked up in `casedText`, by ALL CAPS name. */
  spellings: Map<string, string | undefined>;
}

/** An ALL CAPS name takes the article's own mixed-case spelling, or else (in a caps headline) title case. */
function restoreCase(name: string, caps: boolean, context: NameContext): string {
  if (name !== name.toUpperCase() || name.toLowerCase() === name) return name;
  // Short capitals outside a caps headline are acronyms (BBC, NATO): nothing to restore.
  if (!caps && name.length <= 4) return name;
  if (!context.spellings.has(name)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "giu");
    let spelling: string | undefined;
    for (const found of context.casedText.matchAll(pattern)) {
      if (found[0] !== name) {
        spelling = found[0];
        break;
      }
    }
    context.spellings.set(name, spelling);
  }
  return context.spellings.get(name) ?? (caps ? titleCase(name) : name);
}

/** The display name of a mention, or undefined for junk. */
export function cleanName(mention: Mention, context: NameContext): string | undefined {
  const tokens = nameTokens(mention, context.isDemonym);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return undefined;
  let name = context.text.slice(first.start, last.end).replace(/\s+/g, " ").replace(/’/g, "'");
  if (!/\p{L}.*\p{L}/u.test(name)) return undefined;
  name = restoreCase(name, mention.caps, context);
  if (!/^[\p{Lu}\p{N}]/u.test(name) && !/^(?:al|el|de|van|von|le|la|du|da|bin|ibn)[- ]/.test(name)) return undefined;
  const words = mapPacked(tokens, (t) => bare(t.form));
  if (words.every((w) => (TITLES.has(w) && !SURNAME_TITLES.has(w)) || JUNK.has(w))) return undefined;
  if (tokens.length === 1 && context.isDemonym(first.form)) return undefined;
  if (JUNK_NAMES.has(words.join(" "))) return undefined;
  return name;
}
