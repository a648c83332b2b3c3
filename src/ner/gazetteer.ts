/**
 * Phrase lookup over the gazetteer embedded in the model (countries, capitals, demonyms...).
 * Each sentence is scanned left to right for the longest phrase starting at each token; hits
 * become `B-<kind>` / `I-<kind>` tags that the tagger uses as features, never as answers.
 */

/** One gazetteer entry: a phrase as written (`Saudi Arabia`) and its kind (`LOC`, `DEM`...). */
export type GazetteerEntry = [phrase: string, kind: string];

export class GazetteerMatcher {
  /** Phrases by their first word, lowercased, longest first. */
  private readonly byFirst = new Map<string, { words: string[]; kind: string }[]>();

  constructor(entries: readonly GazetteerEntry[]) {
    for (const [phrase, kind] of entries) {
      const words = phrase.split(" ").map((w) => w.toLowerCase());
      const first = words[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ words, kind });
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** The kind of a whole phrase (`Iranian` → `DEM`), if listed. */
  kindOf(phrase: string): string | undefined {
    const words = phrase.toLowerCase().split(" ");
    return this.byFirst.get(words[0] ?? "")?.find((e) => e.words.join(" ") === words.join(" "))?.kind;
  }

  /**
   * Tags each token with the gazetteer phrase it starts or continues, or "".
   * Outside ALL CAPS sentences every matched word must be capitalised, so `turkey` the bird and
   * `china` the porcelain do not match.
   */
  match(forms: readonly string[], caps: boolean): string[] {
    const out = forms.map(() => "");
    for (let i = 0; i < forms.length; i++) {
      const candidates = this.byFirst.get((forms[i] ?? "").toLowerCase());
      if (!candidates) continue;
      for (const { words, kind } of candidates) {
        if (!this.matchesAt(forms, i, words, caps)) continue;
        for (let k = 0; k < words.length; k++) out[i + k] = `${k === 0 ? "B" : "I"}-${kind}`;
        i += words.length - 1;
        break;
      }
    }
    return out;
  }

  private matchesAt(forms: readonly string[], i: number, words: readonly string[], caps: boolean): boolean {
    if (i + words.length > forms.length) return false;
    for (let k = 0; k < words.length; k++) {
      const form = forms[i + k] ?? "";
      if (form.toLowerCase() !== words[k]) return false;
      if (!caps && /^\p{Ll}/u.test(form) && !/^(?:of|the|and|de|da|du|al|el)$/.test(form)) return false;
    }
    return true;
  }
}
