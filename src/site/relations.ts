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
 * - A timeline: articles per month, first and last seen.
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
  // The top few kept in order as candidates come (`before`), with an object only for those kept:
  // a head entity has thousands of companions, and an object and a sort for each cost half a second at 10,000 articles.
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
      const score = count * Math.max(pmi, 0) + count * 1e-6;
      const item = names[b] as string;
      const last = best[top - 1];
      if (last && !ranksBefore(score, count, item, last)) continue;
      let at = best.length;
      while (at > 0 && ranksBefore(score, count, item, best[at - 1] as Scored<string>)) at--;
      best.splice(at, 0, { item, score, count });
      if (best.length > top) best.pop();
    }
    touched.length = 0;
    result.set(names[a] as string, best.splice(0));
  });
  return result;
}

/** Ranking order of companions: higher score, then more shared articles, then name. */
function ranksBefore(score: number, count: number, item: string, other: Scored<string>): boolean {
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
      const s = score[j] ?? 0;
      const c = count[j] ?? 0;
      score[j] = 0;
      count[j] = 0;
      // Keep the top few in order as we go: candidates can number thousands, `top` is small,
      // and only those kept become objects.
      const last = best[top - 1];
      if (last && !before(s, c, j, last)) continue;
      let at = best.length;
      while (at > 0 && before(s, c, j, best[at - 1] as Scored<number>)) at--;
      best.splice(at, 0, { item: j, score: s, count: c });
      if (best.length > top) best.pop();
    }
    touched.length = 0;
    return best;
  });
}

/** Ranking order of related articles: higher score, then more shared entities, then earlier index. */
function before(score: number, count: number, item: number, other: Scored<number>): boolean {
  return score !== other.score ? score > other.score : count !== other.count ? count > other.count : item < other.item;
}

export interface MonthCount {
  /** `YYYY-MM` */
  month: string;
  count: number;
}

/** Articles per month from the first month to the last, months without articles included. */
export function monthlyCounts(months: readonly string[]): MonthCount[] {
  if (months.length === 0) return [];
  const counts = new Map<string, number>();
  for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
  const sorted = [...counts.keys()].sort();
  const first = sorted[0] as string;
  const last = sorted[sorted.length - 1] as string;
  const out: MonthCount[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
