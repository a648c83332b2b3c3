/**
 * Integer ids for word forms (and whether their sentence is in capitals), so each tagging pass
 * caches its per-word scores in an array, and an article's words are hashed once, not per pass.
 * The table starts over when it grows past `limit`; `generation` tells caches to do the same.
 */

import type { SentenceView } from "./features.js";

export class Interner {
  private readonly ids = new Map<string, number>();
  /** Word-feature names by id, shared by the passes (each weighs them differently). */
  private features: (string[] | undefined)[] = [];
  generation = 0;

  constructor(private readonly limit = 200_000) {}

  featuresOf(id: number, make: () => string[]): string[] {
    let features = this.features[id];
    if (!features) {
      features = make();
      this.features[id] = features;
    }
    return features;
  }

  idsOf(view: SentenceView): Int32Array {
    if (this.ids.size + view.forms.length > this.limit) {
      this.ids.clear();
      this.features = [];
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
