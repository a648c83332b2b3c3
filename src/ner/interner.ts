/**
 * Integer ids for word forms (and whether their sentence is in capitals), so each tagging pass
 * caches its per-word scores in an array, and an article's words are hashed once, not per pass.
 * The table starts over when it grows past `limit`; `generation` tells caches to do the same.
 */

import type { SentenceView } from "./features.js";

export class Interner {
  private readonly ids = new Map<string, number>();
  generation = 0;

  constructor(private readonly limit = 200_000) {}

  idsOf(view: SentenceView): Int32Array {
    if (this.ids.size + view.forms.length > this.limit) {
      this.ids.clear();
      this.generation++;
    }
    const out = new Int32Array(view.forms.length);
    view.forms.forEach((form, i) => {
      const key = view.caps ? `C${form}` : form;
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(key, id);
      }
      out[i] = id;
    });
    return out;
  }
}
