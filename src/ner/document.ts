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

/** The index in `ORDER` of each tag's type, by tag index. */
const TYPE_OF_TAG = Int8Array.from(TAGS, (tag) => ORDER.indexOf(typeOf(tag)));

/** Capitalised (in a caps sentence: has a letter at all); ASCII is decided without allocating strings. */
function isNameLike(form: string, caps: boolean): boolean {
  if (caps) {
    for (let k = 0; k < form.length; k++) {
      const code = form.charCodeAt(k);
      if (code >= 128) return form.toLowerCase() !== form.toUpperCase();
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
    }
    return false;
  }
  const code = form.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  const first = form.charAt(0);
  return first !== first.toLowerCase();
}

/**
 * Fills `view.doc` and `view.first` for every sentence from the first pass's tags (`tags[s][i]`,
 * indices into `TAGS`). Plain loops over typed counts: the closures per token this used to
 * create were about 8% of what extraction allocated in a fresh worker.
 */
export function applyDocumentFeatures(views: readonly SentenceView[], tags: readonly (readonly number[])[]): void {
  const votes = new Map<string, Int32Array>();
  for (let s = 0; s < views.length; s++) {
    const view = views[s]!;
    const sentence = tags[s];
    for (let i = 0; i < view.forms.length; i++) {
      if (!isNameLike(view.forms[i] ?? "", view.caps)) continue;
      const key = view.lowers[i] ?? "";
      let counts = votes.get(key);
      if (!counts) {
        counts = new Int32Array(ORDER.length);
        votes.set(key, counts);
      }
      counts[TYPE_OF_TAG[sentence?.[i] ?? 0] ?? 0]!++;
    }
  }
  for (let s = 0; s < views.length; s++) {
    const view = views[s]!;
    const sentence = tags[s] ?? [];
    const first = new Uint8Array(sentence.length);
    for (let i = 0; i < sentence.length; i++) first[i] = sentence[i] ?? 0;
    view.first = first;
    for (let i = 0; i < view.forms.length; i++) {
      view.doc[i] = "";
      if (!isNameLike(view.forms[i] ?? "", view.caps)) continue;
      const counts = votes.get(view.lowers[i] ?? "");
      if (!counts) continue;
      const own = TYPE_OF_TAG[sentence[i] ?? 0] ?? 0;
      let best = -1;
      let bestCount = 0;
      for (let type = 0; type < counts.length; type++) {
        const others = type === own ? counts[type]! - 1 : counts[type]!;
        if (others > bestCount) {
          best = type;
          bestCount = others;
        }
      }
      if (best >= 0) view.doc[i] = ORDER[best] ?? "";
    }
  }
}
