/**
 * Phrase lookup over a list embedded in the model (countries, capitals, demonyms; names seen in
 * training). A sentence is scanned left to right for the longest phrase starting at each token,
 * walking a trie of lowercased words; hits become `B-<kind>` / `I-<kind>` tags that the tagger
 * uses as features, never as answers.
 */

import { filledPacked, mapPacked } from "./packed.js";

/** One entry: a phrase as written (`Saudi Arabia`) and its kind (`LOC`, `DEM`...). */
export type GazetteerEntry = [phrase: string, kind: string];

interface Node {
  next: Map<string, Node>;
  /** The kind of the phrase ending here, if one does. */
  kind: string | undefined;
}

/** Lowercase words that may join a phrase uncapitalised (`Bank of England`, `Bashar al-Assad`). */
const CONNECTORS = new Set(["of", "the", "and", "de", "da", "du", "al", "el", "van", "von", "der", "la", "le", "y", "for", "on", "in", "&"]);

function newNode(): Node {
  return { next: new Map(), kind: undefined };
}

export class GazetteerMatcher {
  private readonly root = newNode();
  /** Tags by kind, built once so matching allocates no strings. */
  private readonly tags = new Map<string, [begin: string, inside: string]>();

  constructor(entries: readonly GazetteerEntry[]) {
    for (const [phrase, kind] of entries) {
      let node = this.root;
      for (const word of phrase.split(" ")) {
        const key = word.toLowerCase();
        let child = node.next.get(key);
        if (!child) {
          child = newNode();
          node.next.set(key, child);
        }
        node = child;
      }
      // A phrase listed twice keeps its first kind.
      node.kind ??= kind;
      if (!this.tags.has(kind)) this.tags.set(kind, [`B-${kind}`, `I-${kind}`]);
    }
  }

  /** The kind of a whole phrase (`Iranian` → `DEM`), if listed. */
  kindOf(phrase: string): string | undefined {
    let node: Node | undefined = this.root;
    for (const word of phrase.toLowerCase().split(" ")) node = node?.next.get(word);
    return node?.kind;
  }

  /**
   * Tags each token with the phrase it starts or continues, or "". Outside ALL CAPS sentences
   * every matched word must be capitalised (or a connector), so `turkey` the bird and `china`
   * the porcelain do not match.
   */
  match(forms: readonly string[], caps: boolean, lowers: readonly string[] = mapPacked(forms, (f) => f.toLowerCase())): string[] {
    const out = filledPacked(forms.length, "");
    for (let i = 0; i < forms.length; i++) {
      // Phrases start with a capital (outside caps sentences): most words are skipped here.
      const code = (forms[i] ?? "").charCodeAt(0);
      if (!caps && code >= 97 && code <= 122) continue;
      let node: Node | undefined = this.root;
      let end = -1;
      let kind = "";
      for (let j = i; j < forms.length && node; j++) {
        const form = forms[j] ?? "";
        const lower = lowers[j] ?? "";
        if (!caps && j > i && form === lower && !CONNECTORS.has(form) && /\p{L}/u.test(form)) break;
        node = node.next.get(lower);
        if (node?.kind !== undefined) {
          end = j;
          kind = node.kind;
        }
      }
      if (end < 0) continue;
      const [begin, inside] = this.tags.get(kind) ?? ["", ""];
      out[i] = begin;
      for (let k = i + 1; k <= end; k++) out[k] = inside;
      i = end;
    }
    return out;
  }
}
