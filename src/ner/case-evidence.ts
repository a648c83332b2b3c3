/**
 * Casing evidence from the rest of the article: a headline in capitals or a sentence's first word
 * says nothing by its capital letter, but the same word mid-sentence elsewhere does (`broadband`
 * → a common word; `Putin` → a name). Each such token learns whether its word appears elsewhere
 * mid-sentence in lowercase (L), capitalised (U), or both, and whether it stands in a caps
 * sentence (C) or at a sentence start (F). Mid-sentence tokens get nothing: their own capital
 * says more (`World Boxing Council` next to `world title`). Needs no tags, so both passes use it.
 */

import type { SentenceView } from "./features.js";

/** The feature values by (seen lowercase ? 2 : 0) + (seen capitalised ? 1 : 0), built once. */
const IN_CAPS = ["", "U|C", "L|C", "LU|C"];
const AT_START = ["", "U|F", "L|F", "LU|F"];

interface Counts {
  lower: number;
  upper: number;
}

function evidence(form: string, i: number, caps: boolean): "lower" | "upper" | undefined {
  if (caps || i === 0) return undefined;
  // ASCII without allocating case-mapped strings; the rest through the case maps.
  const code = form.charCodeAt(0);
  if (code >= 97 && code <= 122) return "lower";
  if (code >= 65 && code <= 90) return "upper";
  if (code < 128) return undefined;
  const first = form.charAt(0);
  if (first === first.toLowerCase() && first !== first.toUpperCase()) return "lower";
  if (first !== first.toLowerCase()) return "upper";
  return undefined;
}

/** Fills `view.casing` for every sentence of one article. */
export function applyCaseEvidence(views: readonly SentenceView[]): void {
  const counts = new Map<string, Counts>();
  // Plain loops, not `forEach`: a callback is one more function for a fresh worker to compile.
  for (const view of views) {
    for (let i = 0; i < view.forms.length; i++) {
      const kind = evidence(view.forms[i] ?? "", i, view.caps);
      if (!kind) continue;
      const key = view.lowers[i] ?? "";
      const c = counts.get(key) ?? { lower: 0, upper: 0 };
      c[kind]++;
      counts.set(key, c);
    }
  }
  for (const view of views) {
    for (let i = 0; i < view.forms.length; i++) {
      view.casing[i] = "";
      if (!view.caps && i > 0) continue;
      const c = counts.get(view.lowers[i] ?? "");
      if (!c) continue;
      const own = evidence(view.forms[i] ?? "", i, view.caps);
      const lower = c.lower - (own === "lower" ? 1 : 0);
      const upper = c.upper - (own === "upper" ? 1 : 0);
      if (lower + upper === 0) continue;
      view.casing[i] = (view.caps ? IN_CAPS : AT_START)[(lower > 0 ? 2 : 0) + (upper > 0 ? 1 : 0)] ?? "";
    }
  }
}
