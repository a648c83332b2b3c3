/**
 * Tokeniser for news text, shaped after the CoNLL-2003 conventions the tagger was trained on:
 * possessive `'s` and `n't` are their own tokens, hyphenated words (`al-Assad`, `S-300`) stay
 * whole, dotted abbreviations (`U.S.`, `Mr.`) keep their dots, and every dash or quote becomes a
 * token. Each token keeps character offsets into the input so names are cut from the original text.
 *
 * Here's how it works: whitespace-separated chunks are peeled from both ends (quotes, brackets,
 * punctuation), then the core is split on inner dashes and clitics.
 */

export interface Token {
  /** The token as written. */
  text: string;
  /** `text` with typographic quotes, apostrophes and dashes mapped to their ASCII spelling. */
  form: string;
  start: number;
  end: number;
}

const LEADING = new Set(['"', "'", "“", "”", "‘", "’", "(", "[", "{", "«", "„"]);
const TRAILING = new Set(['"', "'", "“", "”", "‘", "’", ")", "]", "}", "»", ",", ";", ":", "!", "?"]);
const CURRENCY = new Set(["$", "£", "€", "¥"]);

/** Abbreviations whose final dot belongs to the word, not to the sentence. */
const DOTTED = new Set(
  [
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "cpl", "maj", "adm", "cmdr", "rev", "hon", "jr", "sr", "inc", "corp", "ltd", "co", "bros",
    "plc", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "ave", "blvd", "dept", "univ", "est", "approx", "etc",
  ],
);

const CLITIC = /^(.+?)((?:['’](?:s|re|ve|ll|d|m))|(?:n['’]t))$/i;
const INNER_DASH = /(—|–|--)/;

function normaliseForm(text: string): string {
  if (text === "“" || text === "”" || text === "„" || text === "«" || text === "»") return '"';
  if (text === "‘" || text === "’") return "'";
  if (text === "—" || text === "–" || text === "--") return "-";
  return text.includes("’") ? text.replace(/’/g, "'") : text;
}

function keepsFinalDot(word: string): boolean {
  if (/^(?:\p{L}\.){1,}\p{L}?\.?$/u.test(word) && word.length > 2) return true; // U.S., U.N., e.g.
  if (/^\p{Lu}\.$/u.test(word)) return true; // an initial: "J."
  return DOTTED.has(word.slice(0, -1).toLowerCase());
}

/** Splits the core of a chunk (no outer punctuation left) on inner dashes and clitics. */
function splitCore(core: string, offset: number, out: Token[]): void {
  const parts = core.split(INNER_DASH);
  let at = offset;
  for (const part of parts) {
    if (part.length === 0) continue;
    const start = core.indexOf(part, at - offset) + offset;
    at = start + part.length;
    const clitic = CLITIC.exec(part);
    if (clitic?.[1] && clitic[2] && /\p{L}/u.test(clitic[1])) {
      push(out, clitic[1], start);
      push(out, clitic[2], start + clitic[1].length);
    } else {
      push(out, part, start);
    }
  }
}

function push(out: Token[], text: string, start: number): void {
  out.push({ text, form: normaliseForm(text), start, end: start + text.length });
}

function tokenizeChunk(chunk: string, offset: number, out: Token[]): void {
  let lo = 0;
  let hi = chunk.length;
  const head: Token[] = [];
  const tail: Token[] = [];
  while (lo < hi) {
    const c = chunk[lo] ?? "";
    const isCurrency = CURRENCY.has(c) && lo + 1 < hi;
    if (!LEADING.has(c) && !isCurrency) break;
    // A lone leading apostrophe before a word is an elision ('90s, 'em), not a quote.
    if ((c === "'" || c === "’") && lo + 1 < hi && /[0-9]/.test(chunk[lo + 1] ?? "")) break;
    push(head, c, offset + lo);
    lo++;
  }
  while (hi > lo) {
    const c = chunk[hi - 1] ?? "";
    if (TRAILING.has(c)) {
      tail.push(makeToken(c, offset + hi - 1));
      hi--;
      continue;
    }
    if (c === ".") {
      const word = chunk.slice(lo, hi);
      if (/\.\.\.$/.test(word) && word.length > 3) {
        tail.push(makeToken("...", offset + hi - 3));
        hi -= 3;
        continue;
      }
      if (word === "..." || keepsFinalDot(word)) break;
      if (word.length === 1) break;
      tail.push(makeToken(".", offset + hi - 1));
      hi--;
      continue;
    }
    break;
  }
  out.push(...head);
  if (hi > lo) splitCore(chunk.slice(lo, hi), offset + lo, out);
  for (let i = tail.length - 1; i >= 0; i--) {
    const token = tail[i];
    if (token) out.push(token);
  }
}

function makeToken(text: string, start: number): Token {
  return { text, form: normaliseForm(text), start, end: start + text.length };
}

/**
 * Splits text into tokens with offsets.
 * @example tokenize("Tehran's U.S.-made S-300").map((t) => t.text) // ["Tehran", "'s", "U.S.-made", "S-300"]
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // The chunks of /\S+/g, found by hand: no match objects per word.
  let k = 0;
  while (k < text.length) {
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    if (k >= text.length) break;
    const start = k;
    let plain = true;
    while (k < text.length) {
      const code = text.charCodeAt(k);
      if (isSpace(code)) break;
      plain &&= isAlphanumeric(code);
      k++;
    }
    const chunk = text.slice(start, k);
    // Most chunks are plain words: nothing to peel or split.
    if (plain) push(out, chunk, start);
    else tokenizeChunk(chunk, start, out);
  }
  return out;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** What `\s` matches in a JavaScript regular expression. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

const TERMINAL = new Set([".", "!", "?", "..."]);
const CLOSERS = new Set(['"', "'", ")", "]"]);

function startsSentence(token: Token): boolean {
  return /^[\p{Lu}\p{N}"'(]/u.test(token.form);
}

/**
 * Splits text into sentences of tokens: every line is at least one sentence (the headline and
 * each paragraph stand alone), and lines break further after terminal punctuation followed by a
 * capitalised word, a number or a quote.
 */
export function splitSentences(text: string): Token[][] {
  const sentences: Token[][] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const tokens = tokenize(line);
    for (const token of tokens) {
      token.start += lineStart;
      token.end += lineStart;
    }
    lineStart += line.length + 1;
    let current: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      current.push(token);
      if (!TERMINAL.has(token.form)) continue;
      // A closing quote or bracket glued to the full stop ends the sentence with it.
      let j = i + 1;
      while (j < tokens.length) {
        const next = tokens[j];
        if (!next || !CLOSERS.has(next.form) || next.start !== (tokens[j - 1]?.end ?? -1)) break;
        current.push(next);
        j++;
      }
      i = j - 1;
      const following = tokens[j];
      if (following === undefined || startsSentence(following)) {
        sentences.push(current);
        current = [];
      }
    }
    if (current.length > 0) sentences.push(current);
  }
  return sentences;
}
