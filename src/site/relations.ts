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
export interface Scored<T> {
  item: T;
  score: number;
  count: number;
}

/** Related articles kept per article, companions per entity. */
export const RELATED = 5;
export const COMPANIONS = 8;

/**
 * Articles' entities as small integers, each article's end to end in one array: what the
 * relations are computed from. Made once on the main thread and cheap to send to another
 * (`relations-thread.ts`): as lists of key strings, sending them and looking every key up
 * again over there cost more than the relations themselves.
 */
export interface KeyTable {
  /** Each entity's key (`type|slug`) by its number. */
  names: string[];
  /** Article `i`'s entities are `entities[starts[i]] .. entities[starts[i + 1] - 1]`, each once. */
  starts: Int32Array;
  entities: Int32Array;
}

/** The table of these articles' entity keys (a key listed twice in an article counts once). */
export function keyTable(articles: readonly (readonly string[])[]): KeyTable {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const starts = new Int32Array(articles.length + 1);
  const entities: number[] = [];
  articles.forEach((keys, i) => {
    const from = entities.length;
    for (const key of keys) {
      let id = ids.get(key);
      if (id === undefined) {
        id = names.length;
        ids.set(key, id);
        names.push(key);
      }
      if (!entities.includes(id, from)) entities.push(id);
    }
    starts[i + 1] = entities.length;
  });
  return { names, starts, entities: Int32Array.from(entities) };
}

/**
 * What this module finds in an archive, as numbers: article `i`'s related articles (positions
 * in the archive's order) are `related[i * RELATED ..]`, best first, -1 where there are fewer;
 * entity `k`'s companions (entity numbers of the `KeyTable`) are `companions[k * COMPANIONS ..]`,
 * with their counts in `counts`. Numbers in typed arrays, not lists of objects: they are sent
 * back from the relations thread.
 */
export interface Relations {
  related: Int32Array;
  companions: Int32Array;
  counts: Int32Array;
}

/** The relations of the articles in `table`. */
export function relate(table: KeyTable): Relations {
  const articles = table.starts.length - 1;
  const related = new Int32Array(articles * RELATED).fill(-1);
  relatedArticles(table).forEach((best, i) => best.forEach((r, x) => (related[i * RELATED + x] = r.item)));
  const companions = new Int32Array(table.names.length * COMPANIONS).fill(-1);
  const counts = new Int32Array(table.names.length * COMPANIONS);
  coMentions(table).forEach((best, k) =>
    best.forEach((c, x) => {
      companions[k * COMPANIONS + x] = c.item;
      counts[k * COMPANIONS + x] = c.count;
    }),
  );
  return { related, companions, counts };
}

/** Each entity's postings: the articles naming entity `k` are `postings[from[k]] .. postings[from[k + 1] - 1]`, in article order. */
interface Postings {
  from: Int32Array;
  postings: Int32Array;
}

// Remembered per table: `relate` wants them twice.
const postingsOf = new WeakMap<KeyTable, Postings>();

function postingLists(table: KeyTable): Postings {
  const known = postingsOf.get(table);
  if (known) return known;
  const { names, starts, entities } = table;
  const from = new Int32Array(names.length + 1);
  for (let p = 0; p < entities.length; p++) {
    const k = (entities[p] ?? 0) + 1;
    from[k] = (from[k] ?? 0) + 1;
  }
  for (let k = 0; k < names.length; k++) from[k + 1] = (from[k + 1] ?? 0) + (from[k] ?? 0);
  const next = from.slice(0, names.length);
  const postings = new Int32Array(entities.length);
  for (let i = 0; i + 1 < starts.length; i++) {
    for (let p = starts[i] ?? 0; p < (starts[i + 1] ?? 0); p++) {
      const k = entities[p] ?? 0;
      postings[next[k] ?? 0] = i;
      next[k] = (next[k] ?? 0) + 1;
    }
  }
  const lists = { from, postings };
  postingsOf.set(table, lists);
  return lists;
}

/**
 * For every entity (by its number in `table`), its top companions (entity numbers), ranked by
 * score, then count, then key.
 */
export function coMentions(table: KeyTable, top = COMPANIONS): Scored<number>[][] {
  // Each entity's companions are counted in one flat array over its own articles, reset where
  // touched. No table of all pairs is ever held: at 100,000 articles that Map had ten million
  // entries. Typed arrays throughout: the inner loop runs for every pair of entities sharing an
  // article (2.6 million times at 10,000 articles).
  const { names, starts, entities } = table;
  const { from, postings } = postingLists(table);
  const n = starts.length - 1;
  const counts = new Uint32Array(names.length);
  const touched = new Int32Array(names.length);
  const result: Scored<number>[][] = [];
  // A head entity has thousands of companions: an object and a sort for each cost half a second
  // at 10,000 articles, so only the top few are kept (`keepTop`).
  const best: Scored<number>[] = [];
  for (let a = 0; a < names.length; a++) {
    const first = from[a] ?? 0;
    const last = from[a + 1] ?? 0;
    let t = 0;
    for (let p = first; p < last; p++) {
      const article = postings[p] ?? 0;
      for (let x = starts[article] ?? 0; x < (starts[article + 1] ?? 0); x++) {
        const b = entities[x] ?? 0;
        if (b === a) continue;
        const c = counts[b] ?? 0;
        if (c === 0) touched[t++] = b;
        counts[b] = c + 1;
      }
    }
    for (let q = 0; q < t; q++) {
      const b = touched[q] ?? 0;
      const count = counts[b] ?? 0;
      counts[b] = 0;
      const pmi = Math.log((count * n) / ((last - first) * ((from[b + 1] ?? 0) - (from[b] ?? 0) || 1)));
      // A pair seen once in a large archive is noise; PMI alone would favour it.
      keepTop(best, top, count * Math.max(pmi, 0) + count * 1e-6, count, b, names);
    }
    result.push(best.splice(0));
  }
  return result;
}

/**
 * Adds a candidate to `best` (at most `top`, in ranking order: higher score, then higher count,
 * then smaller item, or, given `names`, the item whose name sorts first) if it ranks among them.
 * Candidates can number thousands and `top` is small, so only those kept become objects.
 */
function keepTop(best: Scored<number>[], top: number, score: number, count: number, item: number, names?: readonly string[]): void {
  const last = best[top - 1];
  if (last && !ranksBefore(score, count, item, last, names)) return;
  let at = best.length;
  while (at > 0 && ranksBefore(score, count, item, best[at - 1] as Scored<number>, names)) at--;
  best.splice(at, 0, { item, score, count });
  if (best.length > top) best.pop();
}

// A plain function, not a closure in `keepTop`: it runs for every candidate.
function ranksBefore(score: number, count: number, item: number, other: Scored<number>, names: readonly string[] | undefined): boolean {
  if (score !== other.score) return score > other.score;
  if (count !== other.count) return count > other.count;
  return names ? (names[item] ?? "") < (names[other.item] ?? "") : item < other.item;
}

/**
 * For every article index, its most related other articles (indexes), best first.
 *
 * @param maxShare entities in more than this share of articles are not used to find candidates
 * @param maxPostings nor are entities in more than this many articles
 */
export function relatedArticles(table: KeyTable, top = RELATED, maxShare = 0.05, maxPostings = 500): Scored<number>[][] {
  const { names, starts, entities } = table;
  const { from, postings } = postingLists(table);
  const n = starts.length - 1;
  const cap = Math.min(maxPostings, Math.max(50, Math.floor(n * maxShare)));
  const idf = new Float64Array(names.length);
  for (let k = 0; k < names.length; k++) idf[k] = Math.log(n / ((from[k + 1] ?? 0) - (from[k] ?? 0)));
  // Scores in flat arrays reused across articles (only the touched slots are reset): this runs
  // millions of times on a large archive (134 million visits at 50,000 articles), where a Map
  // of objects per article cost seconds, and arrays of numbers twice what typed arrays cost.
  const score = new Float64Array(n);
  const count = new Uint32Array(n);
  const touched = new Int32Array(n);
  const out: Scored<number>[][] = [];
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let x = starts[i] ?? 0; x < (starts[i + 1] ?? 0); x++) {
      const k = entities[x] ?? 0;
      const first = from[k] ?? 0;
      const last = from[k + 1] ?? 0;
      if (last - first < 2 || last - first > cap) continue;
      const weight = idf[k] ?? 0;
      for (let p = first; p < last; p++) {
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
