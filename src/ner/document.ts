/**
 * Document features for the second pass: a name tends to keep its type within one article, so
 * each capitalised word is told which type its other occurrences got in the first pass. This is
 * what rescues an ALL CAPS headline word (`JAPAN`) from the body's `Japan`.
 */

import type { SentenceView } from "./features.js";
import { TAGS } from "./model.js";

const ORDER = ["PER", "ORG", "LOC", "MISC", "O"];

export function typeOf(tag: string): string {
  return tag === "O" ? "O" : tag.slice(2);
}

function isNameLike(form: string, caps: boolean): boolean {
  if (caps) return form.toLowerCase() !== form.toUpperCase();
  const first = form.charAt(0);
  return first !== first.toLowerCase();
}

/** Fills `view.doc` and `view.first` for every sentence from the first pass's tags (`tags[s][i]`). */
export function applyDocumentFeatures(views: readonly SentenceView[], tags: readonly (readonly string[])[]): void {
  const votes = new Map<string, number[]>();
  views.forEach((view, s) => {
    view.forms.forEach((form, i) => {
      if (!isNameLike(form, view.caps)) return;
      const key = view.lowers[i] ?? "";
      const counts = votes.get(key) ?? ORDER.map(() => 0);
      const type = ORDER.indexOf(typeOf(tags[s]?.[i] ?? "O"));
      counts[type] = (counts[type] ?? 0) + 1;
      votes.set(key, counts);
    });
  });
  views.forEach((view, s) => {
    view.first = Uint8Array.from(tags[s] ?? [], (tag) => Math.max(0, TAGS.indexOf(tag as (typeof TAGS)[number])));
    view.forms.forEach((form, i) => {
      view.doc[i] = "";
      if (!isNameLike(form, view.caps)) return;
      const counts = votes.get(view.lowers[i] ?? "");
      if (!counts) return;
      const own = ORDER.indexOf(typeOf(tags[s]?.[i] ?? "O"));
      let best = -1;
      let bestCount = 0;
      counts.forEach((count, type) => {
        const others = type === own ? count - 1 : count;
        if (others > bestCount) {
          best = type;
          bestCount = others;
        }
      });
      if (best >= 0) view.doc[i] = ORDER[best] ?? "";
    });
  });
}
