/**
 * How articles and entities relate, computed once for the whole archive:
 *
 * - "Often mentioned with": entity pairs that share articles, ranked by co-occurrence count
 *   weighted by pointwise mutual information, so the archive's most frequent names (which
 *   co-occur with everything) do not crowd out the telling companions.
 * - Related articles: other articles sharing entities, each shared entity weighted by its
 *   rarity (inverse document frequency). Entities in a large share of the archive, or in more
 *   than a few hundred articles, are skipped when gathering candidates: they say little about
 *   relatedness and would make the work grow with the square of their article count (with a
 *   cap of 5% alone, 100,000 articles took 150 s here).
 */
export interface Countable {
  /** Stable key of the entity (`type|slug`). */
  key: string;
}

export interface Scored<T> {
  item: T;
  score: number;
  count: number;
}

const TOP = 8;

/**
 * What this module finds in an archive: each article's related articles (positions in the
 * archive's order) and each entity's companions (by entity key). Computed from the entity keys
 * alone (`Index.keys` in `archive.ts`), so on another thread if need be (`relations-thread.ts`).
 */
export interface Relations {
  related: Scored<number>[][];
  companions: Map<string, Scored<string>[]>;
}

/** The relations of articles with these entity keys (each article's, in the archive's order). */
export function relate(keys: readonly (readonly string[])[]): Relations {
  return { related: relatedArticles(keys), companions: coMentions(keys) };
}

/**
 * For every entity key, its top companions. `articles` lists, for each article, the keys of its
 * entities (each once).
 */
export function coMentions(articles: readonly (readonly string[])[], top = TOP): Map<string, Scored<string>[]> {
  // Keys become small integers; each entity's companions are counted in one flat array over
  // its own articles, reset where touched. No table of all pairs is ever held: at 100,000
  // articles that Map had ten million entries. Typed arrays throughout: the inner loop runs
  // for every pair of entities sharing an article (2.6 million times at 10,000 articles).
  const { names, encoded, starts, postings } = postingLists(articles.map((keys) => [...new Set(keys)]));
  const n = articles.length;
  const counts = new Uint32Array(names.length);
  const touched = new Int32Array(names.length);
  const result = new Map<string, Scored<string>[]>();
  // A head entity has thousands of companions: an object and a sort for each cost half a second
  // at 10,000 articles, so only the top few are kept (`keepTop`).
  const best: Scored<string>[] = [];
  for (let a = 0; a < names.length; a++) {
    const from = starts[a] ?? 0;
    const to = starts[a + 1] ?? 0;
    let t = 0;
    for (let p = from; p < to; p++) {
      const keys = encoded[postings[p] ?? 0] as Int32Array;
      for (let x = 0; x < keys.length; x++) {
        const b = keys[x] ?? 0;
        if (b === a) continue;
        const c = counts[b] ?? 0;
        if (c === 0) touched[t++] = b;
        counts[b] = c + 1;
      }
    }
    if (t === 0) continue;
    for (let q = 0; q < t; q++) {
      const b = touched[q] ?? 0;
      const count = counts[b] ?? 0;
      counts[b] = 0;
      const pmi = Math.log((count * n) / ((to - from) * ((starts[b + 1] ?? 0) - (starts[b] ?? 0) || 1)));
      // A pair seen once in a large archive is noise; PMI alone would favour it.
      keepTop(best, top, count * Math.max(pmi, 0) + count * 1e-6, count, names[b] as string);
    }
    result.set(names[a] as string, best.splice(0));
  }
  return result;
}

/**
 * Adds a candidate to `best` (at most `top`, in ranking order: higher score, then higher count,
 * then smaller item) if it ranks among them. Candidates can number thousands and `top` is
 * small, so only those kept become objects.
 */
function keepTop<T extends string | number>(best: Scored<T>[], top: number, score: number, count: number, item: T): void {
  const last = best[top - 1];
  if (last && !ranksBefore(score, count, item, last)) return;
  let at = best.length;
  while (at > 0 && ranksBefore(score, count, item, best[at - 1] as Scored<T>)) at--;
  best.splice(at, 0, { item, score, count });
  if (best.length > top) best.pop();
}

// A plain function, not a closure in `keepTop`: it runs for every candidate.
function ranksBefore<T extends string | number>(score: number, count: number, item: T, other: Scored<T>): boolean {
  return score !== other.score ? score > other.score : count !== other.count ? count > other.count : item < other.item;
}

/**
 * For every article index, its most related other articles (indexes), best first.
 *
 * @param maxShare entities in more than this share of articles are not used to find candidates
 * @param maxPostings nor are entities in more than this many articles
 */
export function relatedArticles(articles: readonly (readonly string[])[], top = 5, maxShare = 0.05, maxPostings = 500): Scored<number>[][] {
  const n = articles.length;
  const { encoded, starts, postings } = postingLists(articles);
  const entities = starts.length - 1;
  const cap = Math.min(maxPostings, Math.max(50, Math.floor(n * maxShare)));
  const idf = new Float64Array(entities);
  for (let k = 0; k < entities; k++) idf[k] = Math.log(n / ((starts[k + 1] ?? 0) - (starts[k] ?? 0)));
  // Scores in flat arrays reused across articles (only the touched slots are reset): this runs
  // millions of times on a large archive (134 million visits at 50,000 articles), where a Map
  // of objects per article cost seconds, and arrays of numbers twice what typed arrays cost.
  const score = new Float64Array(n);
  const count = new Uint32Array(n);
  const touched = new Int32Array(n);
  const out: Scored<number>[][] = [];
  for (let i = 0; i < n; i++) {
    const keys = encoded[i] as Int32Array;
    let t = 0;
    for (let x = 0; x < keys.length; x++) {
      const k = keys[x] ?? 0;
      const from = starts[k] ?? 0;
      const to = starts[k + 1] ?? 0;
      if (to - from < 2 || to - from > cap) continue;
      const weight = idf[k] ?? 0;
      for (let p = from; p < to; p++) {
        const j = postings[p] ?? 0;
        if (j === i) continue;
        const c = count[j] ?? 0;
        if (c === 0) touched[t++] = j;
        score[j] = (score[j] ?? 0) + weight;
        count[j] = c + 1;
      }
    }
    const best: Scored<number>[] = [];
    for (let q = 0; q < t; q++) {
      const j = touched[q] ?? 0;
      const s = score[j] ?? 0;
      // Most candidates score below the last kept: they are passed over without a call.
      const last = best[top - 1];
      if (!last || s >= last.score) keepTop(best, top, s, count[j] ?? 0, j);
      score[j] = 0;
      count[j] = 0;
    }
    out.push(best);
  }
  return out;
}

/**
 * Each article's entity keys as small integers (in the order given), each entity's key by its
 * integer (`names`), and each entity's articles, in article order, end to end in one array:
 * entity `k`'s are `postings[starts[k]] .. postings[starts[k + 1] - 1]`.
 */
function postingLists(articles: readonly (readonly string[])[]): { names: string[]; encoded: Int32Array[]; starts: Int32Array; postings: Int32Array } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const sizes: number[] = [];
  const encoded = articles.map((keys) => {
    const out = new Int32Array(keys.length);
    keys.forEach((key, x) => {
      let id = ids.get(key);
      if (id === undefined) {
        id = sizes.length;
        ids.set(key, id);
        names.push(key);
        sizes.push(0);
      }
      sizes[id] = (sizes[id] ?? 0) + 1;
      out[x] = id;
    });
    return out;
  });
  const starts = new Int32Array(sizes.length + 1);
  sizes.forEach((size, k) => (starts[k + 1] = (starts[k] ?? 0) + size));
  const next = starts.slice(0, sizes.length);
  const postings = new Int32Array(starts[sizes.length] ?? 0);
  encoded.forEach((keys, i) => {
    for (const k of keys) {
      const at = next[k] ?? 0;
      postings[at] = i;
      next[k] = at + 1;
    }
  });
  return { names, encoded, starts, postings };
}
