/**
 * Feature templates of the tagger, shared by training and tagging so both see the same strings.
 *
 * Features fall into four groups, kept apart because tagging caches the first:
 * - word features (`wordFeatures`): depend only on one token's form and whether its sentence is
 *   ALL CAPS; emitted for the token itself and, fewer, for its neighbours at offsets -2..+2, so a
 *   tagger can precompute one score vector per word and offset;
 * - context features (`contextFeatures`): word pairs, shape triples, sentence start, gazetteer hits;
 * - history features (`historyFeatures`): the tags already given to the two previous tokens;
 * - second-pass features: the type the same word got elsewhere in the article (see
 *   `document.ts`), and the first pass's tags around the token (stacking).
 */

import { filledPacked, mapPacked } from "./packed.js";
import type { GazetteerMatcher } from "./gazetteer.js";
import { TAGS } from "./model.js";

/** The offsets whose tokens contribute word features, nearest first. */
export const OFFSETS = [0, -1, 1, -2, 2] as const;

/** Which word features a token contributes at each offset: all of them for itself, fewer for neighbours. */
const KEEP_AT_OFFSET: Record<number, ReadonlySet<string>> = {
  [-1]: new Set(["l", "s", "lc", "x3", "w"]),
  [1]: new Set(["l", "s", "lc", "x3", "w"]),
  [-2]: new Set(["l", "s"]),
  [2]: new Set(["l", "s"]),
};

export const SENTENCE_START = "<S>";
export const SENTENCE_END = "</S>";

/**
 * Word shape with runs collapsed: `Putin` → `Xx`, `U.S.` → `X.X.`, `S-300` → `X-d`, `al-Assad` → `x-Xx`.
 */
export function shape(form: string): string {
  let out = "";
  let last = "";
  for (let k = 0; k < form.length; k++) {
    const code = form.charCodeAt(k);
    let c: string;
    if (code >= 65 && code <= 90) c = "X";
    else if (code >= 97 && code <= 122) c = "x";
    else if (code >= 48 && code <= 57) c = "d";
    else if (code < 128) c = form.charAt(k);
    else {
      const ch = form.charAt(k);
      c = /\p{Lu}/u.test(ch) ? "X" : /\p{Ll}/u.test(ch) ? "x" : /\p{N}/u.test(ch) ? "d" : ch;
    }
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** True for a headline or dateline set in capitals, where capitalisation says nothing about names. */
export function isCapsSentence(forms: readonly string[]): boolean {
  let words = 0;
  let upper = 0;
  for (const form of forms) {
    if (!hasTwoLetters(form)) continue;
    words++;
    if (isUpper(form)) upper++;
  }
  return words > 0 && upper / words >= 0.7 && !(words === 1 && forms.length > 3);
}

/** Two adjacent letters: a word, not an initial, a number or `U.S.`; a letter is what case changes. */
function hasTwoLetters(form: string): boolean {
  let run = 0;
  for (let k = 0; k < form.length; k++) {
    run = isCased(form, k) ? run + 1 : 0;
    if (run === 2) return true;
  }
  return false;
}

/** Whether the character at `k` has case (ASCII without allocating; the rest through the case maps). */
function isCased(form: string, k: number): boolean {
  const code = form.charCodeAt(k);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  const c = form.charAt(k);
  return c.toLowerCase() !== c.toUpperCase();
}

/** `form === form.toUpperCase()`, without allocating for ASCII words. */
function isUpper(form: string): boolean {
  for (let k = 0; k < form.length; k++) {
    const code = form.charCodeAt(k);
    if (code >= 128) return form === form.toUpperCase();
    if (code >= 97 && code <= 122) return false;
  }
  return true;
}

/**
 * Word features' names (`l=putin`, `s=Xx`...), before offset prefixes are added. The tagger
 * needs only these, once per word new to it; training also needs their groups (`wordFeatures`).
 */
export function wordFeatureNames(form: string, caps: boolean, lexicon: ReadonlySet<string>): string[] {
  if (form === SENTENCE_START || form === SENTENCE_END) return [`l=${form}`, `s=${form}`];
  const lower = form.toLowerCase();
  const s = shape(form);
  const out = [
    `l=${lower}`,
    caps ? `Cs=${s}` : `s=${s}`,
    `p2=${lower.slice(0, 2)}`,
    `p3=${lower.slice(0, 3)}`,
    `x2=${lower.slice(-2)}`,
    `x3=${lower.slice(-3)}`,
    `x4=${lower.slice(-4)}`,
  ];
  if (!caps) out.push(`w=${form}`);
  if (hasCapital(form)) out.push(lexicon.has(lower) ? "lc=1" : "lc=0");
  return out;
}

/** `/\p{Lu}/u.test(form)`, deciding ASCII words without the regular expression. */
function hasCapital(form: string): boolean {
  for (let k = 0; k < form.length; k++) {
    const code = form.charCodeAt(k);
    if (code >= 65 && code <= 90) return true;
    if (code >= 128) return /\p{Lu}/u.test(form);
  }
  return false;
}

/**
 * The group of each word feature's kind (the part before `=`), which decides the offsets it is
 * kept at (`KEEP_AT_OFFSET`). A kind missing here makes `wordFeatures` throw, so a feature added
 * to `wordFeatureNames` without its group fails the first training run instead of going astray.
 */
const GROUP_OF_KIND: Readonly<Record<string, string>> = { l: "l", s: "s", Cs: "s", p2: "p", p3: "p", x2: "x", x3: "x3", x4: "x", w: "w", lc: "lc" };

function groupOf(name: string): string {
  const kind = name.slice(0, name.indexOf("="));
  const group = GROUP_OF_KIND[kind];
  if (group === undefined) throw new Error(`word feature ${name} has no group in GROUP_OF_KIND`);
  return group;
}

/** Word features as `[group, feature]` pairs, before offset prefixes are added. */
export function wordFeatures(form: string, caps: boolean, lexicon: ReadonlySet<string>): [string, string][] {
  return wordFeatureNames(form, caps, lexicon).map((name) => [groupOf(name), name]);
}

/** Word features of `form` as seen from a token `offset` positions away, with the offset prefix. */
export function offsetFeatures(
  form: string,
  caps: boolean,
  lexicon: ReadonlySet<string>,
  offset: number,
): string[] {
  const keep = KEEP_AT_OFFSET[offset];
  const out: string[] = [];
  for (const [group, feature] of wordFeatures(form, caps, lexicon)) {
    if (keep === undefined || keep.has(group)) out.push(`${offset}:${feature}`);
  }
  return out;
}

/** A sentence prepared once for feature extraction. */
export interface SentenceView {
  forms: string[];
  lowers: string[];
  shapes: string[];
  caps: boolean;
  /** Gazetteer tag per token (`B-LOC`, `I-LOC`, `DEM`...) or "". */
  gazetteer: string[];
  /** Tag per token from the list of names seen in training (`B-ORG`...), or "". */
  names: string[];
  /** Document feature per token (see `document.ts`), or "" before the second pass. */
  doc: string[];
  /** Pass 1's tag per token, as an index into `TAGS`; empty before the second pass. */
  first: Uint8Array;
  /** How the article writes this word elsewhere, mid-sentence (see `case-evidence.ts`), or "". */
  casing: string[];
}

export function viewSentence(forms: string[], gazetteer: GazetteerMatcher, names: GazetteerMatcher): SentenceView {
  const caps = isCapsSentence(forms);
  const lowers = mapPacked(forms, (f) => f.toLowerCase());
  return {
    forms,
    lowers,
    shapes: mapPacked(forms, (f) => (caps ? "C" : "") + shape(f)),
    caps,
    gazetteer: gazetteer.match(forms, caps, lowers),
    names: names.match(forms, caps, lowers),
    doc: filledPacked(forms.length, ""),
    first: new Uint8Array(0),
    casing: filledPacked(forms.length, ""),
  };
}

/** Features of token `i` that look beyond one word but not at earlier tags. */
export function contextFeatures(view: SentenceView, i: number, out: string[]): void {
  const n = view.forms.length;
  const lPrev = i > 0 ? (view.lowers[i - 1] ?? "") : SENTENCE_START;
  const lNext = i + 1 < n ? (view.lowers[i + 1] ?? "") : SENTENCE_END;
  const l0 = view.lowers[i] ?? "";
  const sPrev = i > 0 ? (view.shapes[i - 1] ?? "") : SENTENCE_START;
  const sNext = i + 1 < n ? (view.shapes[i + 1] ?? "") : SENTENCE_END;
  const s0 = view.shapes[i] ?? "";
  out.push(`b-=${lPrev}|${l0}`, `b+=${l0}|${lNext}`, `sh=${sPrev}|${s0}|${sNext}`);
  if (view.first.length > 0) {
    const tag = (j: number): string => (j < 0 ? SENTENCE_START : j >= n ? SENTENCE_END : (TAGS[view.first[j] ?? 0] ?? "O"));
    out.push(`p0=${tag(i)}`, `p-=${tag(i - 1)}`, `p+=${tag(i + 1)}`);
  }
  sparseFeatures(view, i, out);
}

/**
 * The context features most tokens lack (sentence start, gazetteer and name-list hits, casing elsewhere,
 * document types); the
 * tagger looks these up by name, and the common ones through `compiled.ts`.
 */
export function sparseFeatures(view: SentenceView, i: number, out: string[]): void {
  const n = view.forms.length;
  const s0 = view.shapes[i] ?? "";
  if (i === 0) out.push(`F=${s0}`);
  const g0 = view.gazetteer[i] ?? "";
  const gPrev = i > 0 ? (view.gazetteer[i - 1] ?? "") : "";
  const gNext = i + 1 < n ? (view.gazetteer[i + 1] ?? "") : "";
  if (g0) out.push(`g0=${g0}`, `g0s=${g0}|${s0}`);
  if (gPrev) out.push(`g-=${gPrev}`);
  if (gNext) out.push(`g+=${gNext}`);
  const n0 = view.names[i] ?? "";
  const nPrev = i > 0 ? (view.names[i - 1] ?? "") : "";
  const nNext = i + 1 < n ? (view.names[i + 1] ?? "") : "";
  if (n0) out.push(`n0=${n0}`);
  if (nPrev) out.push(`n-=${nPrev}`);
  if (nNext) out.push(`n+=${nNext}`);
  const c = view.casing[i] ?? "";
  if (c) out.push(`ce=${c}`);
  const d = view.doc[i] ?? "";
  if (d) out.push(`d=${d}`, `dC=${d}|${view.caps ? "C" : ""}`, `dl=${d}|${view.lowers[i] ?? ""}`);
}

/** Features pairing the previous tags with the current word. */
export function historyFeatures(view: SentenceView, i: number, prev2: string, prev1: string, out: string[]): void {
  out.push(`t1=${prev1}`, `t2=${prev2}|${prev1}`, `t1l=${prev1}|${view.lowers[i] ?? ""}`, `t1s=${prev1}|${view.shapes[i] ?? ""}`);
}
