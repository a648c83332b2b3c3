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
 * For every entity key, its top companions. `articles` lists, for each article, the keys of its
 * entities (each once).
 */
export function coMentions(articles: readonly (readonly string[])[], top = TOP): Map<string, Scored<string>[]> {
  // Keys become small integers; each entity's companions are counted in one flat array over
  // its own articles, reset where touched. No table of all pairs is ever held: at 100,000
  // articles that Map had ten million entries.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const idOf = (k: string): number => {
    let id = ids.get(k);
    if (id === undefined) {
      id = names.length;
      ids.set(k, id);
      names.push(k);
    }
    return id;
  };
  const encoded = articles.map((keys) => [...new Set(keys.map(idOf))]);
  const postings: number[][] = names.map(() => []);
  encoded.forEach((list, i) => {
    for (const id of list) postings[id]?.push(i);
  });
  const n = articles.length;
  const counts = new Uint32Array(names.length);
  const touched: number[] = [];
  const result = new Map<string, Scored<string>[]>();
  // A head entity has thousands of companions: an object and a sort for each cost half a second
  // at 10,000 articles, so only the top few are kept (`keepTop`).
  const best: Scored<string>[] = [];
  postings.forEach((list, a) => {
    for (const i of list) {
      for (const b of encoded[i] as number[]) {
        if (b === a) continue;
        if (counts[b] === 0) touched.push(b);
        counts[b] = (counts[b] ?? 0) + 1;
      }
    }
    if (!touched.length) return;
    for (const b of touched) {
      const count = counts[b] ?? 0;
      counts[b] = 0;
      const pmi = Math.log((count * n) / (list.length * (postings[b]?.length ?? 1)));
      // A pair seen once in a large archive is noise; PMI alone would favour it.
      keepTop(best, top, count * Math.max(pmi, 0) + count * 1e-6, count, names[b] as string);
    }
    touched.length = 0;
    result.set(names[a] as string, best.splice(0));
  });
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
  const postings = new Map<string, number[]>();
  articles.forEach((keys, i) => {
    for (const k of keys) {
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push(i);
    }
  });
  const n = articles.length;
  const cap = Math.min(maxPostings, Math.max(50, Math.floor(n * maxShare)));
  // Scores in flat arrays reused across articles (only the touched slots are reset): this runs
  // millions of times on a large archive, where a Map of objects per article cost seconds.
  const score = new Float64Array(n);
  const count = new Uint32Array(n);
  const touched: number[] = [];
  return articles.map((keys, i) => {
    for (const k of keys) {
      const list = postings.get(k) ?? [];
      if (list.length < 2 || list.length > cap) continue;
      const idf = Math.log(n / list.length);
      for (const j of list) {
        if (j === i) continue;
        if (count[j] === 0) touched.push(j);
        score[j] = (score[j] ?? 0) + idf;
        count[j] = (count[j] ?? 0) + 1;
      }
    }
    const best: Scored<number>[] = [];
    for (const j of touched) {
      keepTop(best, top, score[j] ?? 0, count[j] ?? 0, j);
      score[j] = 0;
      count[j] = 0;
    }
    touched.length = 0;
    return best;
  });
}
