/**
 * Integer ids for word forms (and whether their sentence is in capitals), so each tagging pass
 * caches its per-word scores in an array, and an article's words are hashed once, not per pass.
 * The table starts over when it grows past `limit`; `generation` tells caches to do the same.
 */

import type { SentenceView } from "./features.js";

export class Interner {
  /** Ids of forms in ordinary sentences, and of forms in ALL CAPS sentences (which score apart). */
  private readonly ids = new Map<string, number>();
  private readonly capsIds = new Map<string, number>();
  private size = 0;
  generation = 0;

  constructor(private readonly limit = 200_000) {}

  idsOf(view: SentenceView): Int32Array {
    const forms = view.forms;
    if (this.size + forms.length > this.limit) {
      this.ids.clear();
      this.capsIds.clear();
      this.size = 0;
      this.generation++;
    }
    const ids = view.caps ? this.capsIds : this.ids;
    const out = new Int32Array(forms.length);
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i]!;
      let id = ids.get(form);
      if (id === undefined) {
        id = this.size++;
        ids.set(form, id);
      }
      out[i] = id;
    }
    return out;
  }
}
