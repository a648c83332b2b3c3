/**
 * A rebuild's index of what changed, and only that. With the last build's memo of its index
 * (`index-memo.ts`) and its page digests, a rebuild finds the articles whose content ids are new
 * or gone, and from them the pages they reach; every other page keeps the digest the last build
 * recorded, without its view being built or digested. At 10,000 articles the whole index and
 * the choosing of pages took 0.8-1.4 s of a one-seed rebuild of 2.4-2.8 s (see
 * `docs/persistent-index.md`).
 *
 * What reaches which page (an article "changed" is one whose content id is new or gone; the id
 * is the digest of every field a page shows of it, see `article-digest.ts`):
 *
 * - an article's page: the article changed, or its newer or older neighbour is another or
 *   changed, or its related articles are others or changed (the links show their titles);
 * - a term's list and feeds: an article that changed has the term, before or after; or, for the
 *   list's first page only, the term's companions moved or one of them was renamed (they are
 *   computed anew for the whole archive on the relations thread, as in every build, and
 *   compared by key and count);
 * - the home list and the site feed: any change; a month's list, the undated list: a change to
 *   an article in it, before or after;
 * - a search shard: its articles, in order, are not the same ones;
 * - the term indexes, years and sitemap parts: made anew every time (a record per term, month,
 *   page).
 *
 * Within a list, a page keeps its digest when it holds the same articles as before, has the same
 * links to the other pages of its list and is not the list's first page, and its term's head
 * (name, aliases, description, feed) is what it was. Whatever this cannot vouch for, it declines
 * (`undefined`), and the build indexes the whole archive: an article without ingest's digest,
 * two with one content id, the tags' or sections' slugs claimed otherwise (one new tag can move
 * another's), a page to keep whose digest the state lacks or holds as pending (a killed build's).
 * `tests/site/incremental-index.test.ts` holds the two ways equal, digest for digest.
 */
import {
  addCompanions,
  addRelated,
  type ArticleEntry,
  type ArticleLink,
  articleUrl,
  checkRelations,
  claimTermSlugs,
  entryOf,
  feedUrlsOf,
  type Gathered,
  gatherTerms,
  homePage,
  KIND_PATH,
  linkOf,
  listOfArticleUrl,
  listPageUrls,
  type ListPage,
  monthOfEntry,
  monthPage,
  type Ordered,
  type Paged,
  paginate,
  SITE_FEED_SIZE,
  siteFeedOf,
  sortTerms,
  splitKey,
  type Term,
  type TermKind,
  type TermRef,
  TermRefs,
  termLists,
  termOf,
  undatedPage,
  yearsOf,
} from "./archive.ts";
import type { ArchiveSummary } from "./archive-summary.ts";
import { contentIdOf } from "./article-digest.ts";
import type { BuildState } from "./build-state.ts";
import type { SiteArticle } from "./load.ts";
import { headOf, listViews, type TermEntry, termEntryOf } from "./list-view.ts";
import { companionsDigest, type IndexMemo, memoOf, termTable, type TermMemo } from "./index-memo.ts";
import { emptyPaged, PageDigests, type PagedKind, type PageSelection } from "./page-table.ts";
import { type BuildData, feedFilesOf, termIndexes } from "./plugin.ts";
import { COMPANIONS, RELATED, type Relations } from "./relations.ts";
import { shardsOf } from "./search-shards.ts";
import { htmlPaths, sitemapParts } from "./sitemap.ts";
import type { SiteContext } from "./urls.ts";

export interface IncrementalInput {
  ordered: Ordered;
  site: SiteContext;
  /** The last build's memo and state, both trusted (same code and settings). */
  memo: IndexMemo;
  previous: BuildState;
}

export interface Incremental {
  /** The build's data: its `all` holds only the pages this index made views of. */
  data: BuildData;
  selection: PageSelection;
  /** The memo of this build's index. */
  memo: IndexMemo;
  /** Articles whose content ids are new; terms whose lists were looked at. */
  changed: { articles: number; terms: number };
}

/** Whether two maps hold the same entries in the same order. */
function sameEntries(map: ReadonlyMap<string, string>, entries: readonly [string, string][]): boolean {
  if (map.size !== entries.length) return false;
  let i = 0;
  for (const [key, value] of map) {
    const other = entries[i++];
    if (other?.[0] !== key || other[1] !== value) return false;
  }
  return true;
}

const sameNav = (a: Paged<unknown>["nav"], b: Paged<unknown>["nav"]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An index of what changed but for the relations, which `complete` adds. */
export interface IncrementalIndex {
  /** The index, with this build's relations of the ordered articles (see `relations.ts`); or undefined when it cannot vouch for it. Once. */
  complete(relations: Relations): Incremental | undefined;
}

/**
 * The index of what changed since the memo's build, or undefined when it cannot vouch for it
 * (see the top of this file). In two steps, as `indexArchive`: what needs no relations while
 * they are computed on another thread, then the rest.
 */
export function indexIncrementally({ ordered, site, memo, previous }: IncrementalInput): IncrementalIndex | undefined {
  const articles = ordered.articles;
  const n = articles.length;
  const ids: string[] = [];
  for (const a of articles) {
    const id = contentIdOf(a);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  const newAt = new Map<string, number>();
  ids.forEach((id, q) => newAt.set(id, q));
  const oldAt = new Map<string, number>();
  memo.ids.forEach((id, p) => oldAt.set(id, p));
  if (newAt.size !== n || oldAt.size !== memo.ids.length) return undefined;
  const termSlugs = claimTermSlugs(articles);
  if (!sameEntries(termSlugs, memo.slugs)) return undefined;

  const added: number[] = [];
  ids.forEach((id, q) => oldAt.has(id) || added.push(q));
  const removed: number[] = [];
  memo.ids.forEach((id, p) => newAt.has(id) || removed.push(p));
  const table = termTable(ordered, termSlugs);
  const oldTerm = new Map<string, number>();
  memo.terms.forEach((key, t) => oldTerm.set(key, t));
  const newTerm = new Map<string, number>();
  table.keys.forEach((key, t) => newTerm.set(key, t));

  // The terms of every article that changed, as it was and as it is.
  const touched = new Set<string>();
  for (const q of added) for (let x = table.starts[q] ?? 0; x < (table.starts[q + 1] ?? 0); x++) touched.add(table.keys[table.ids[x] ?? 0] as string);
  for (const p of removed) for (let x = memo.starts[p] ?? 0; x < (memo.starts[p + 1] ?? 0); x++) touched.add(memo.terms[memo.termIds[x] ?? 0] as string);

  const urls = articles.map(articleUrl);
  const dateOf = (q: number): { date?: string } => {
    const date = articles[q]?.date;
    return date ? { date } : {};
  };
  const refs = new TermRefs();
  const links: ArticleLink[] = [];
  const linkAt = (q: number): ArticleLink => (links[q] ??= Object.freeze(linkOf({ title: (articles[q] as SiteArticle).title, url: urls[q] as string, ...dateOf(q) })));
  // Entries as the whole index makes them, links included (the order of their keys is part of
  // their digests); their related articles once the relations are in (`complete`).
  const entries: ArticleEntry[] = [];
  const positions = new Map<ArticleEntry, number>();
  let related: Int32Array | undefined;
  const entryAt = (q: number): ArticleEntry => {
    let entry = entries[q];
    if (!entry) {
      entry = entryOf(articles[q] as SiteArticle, refs, termSlugs);
      if (q > 0) entry.newer = linkAt(q - 1);
      if (q < n - 1) entry.older = linkAt(q + 1);
      if (related) addRelated(entry, q, related, linkAt);
      entries[q] = entry;
      positions.set(entry, q);
    }
    return entry;
  };

  /** The terms of these keys, gathered from their articles' entries. */
  const gather = (keys: ReadonlySet<string>): Map<string, Gathered> => {
    const wanted = new Uint8Array(table.keys.length);
    table.keys.forEach((key, t) => {
      if (keys.has(key)) wanted[t] = 1;
    });
    const members: ArticleEntry[] = [];
    for (let q = 0; q < n; q++) {
      for (let x = table.starts[q] ?? 0; x < (table.starts[q + 1] ?? 0); x++) {
        if (wanted[table.ids[x] ?? 0]) {
          members.push(entryAt(q));
          break;
        }
      }
    }
    return gatherTerms(members, refs, (key) => keys.has(key));
  };
  const gathered = gather(touched);
  // A term's name is its newest article's for it: only a term an article that changed has can have another.
  const nameOf = (key: string): string => gathered.get(key)?.ref.name ?? (memo.names[oldTerm.get(key) ?? -1] as string);
  const renamed = new Set([...gathered.keys()].filter((key) => memo.names[oldTerm.get(key) ?? -1] !== nameOf(key)));

  // Every term, in its index's order, with its count.
  const counts = new Int32Array(table.keys.length);
  for (const t of table.ids) counts[t] = (counts[t] ?? 0) + 1;
  const byKind: Record<TermKind, { key: string; name: string; slug: string; entry: TermEntry }[]> = { person: [], organization: [], place: [], tag: [], section: [] };
  table.keys.forEach((key, t) => {
    const [kind, slug] = splitKey(key);
    const name = nameOf(key);
    byKind[kind].push({ key, name, slug, entry: termEntryOf(name, `/${KIND_PATH[kind]}/${slug}/`, counts[t] ?? 0) });
  });
  for (const list of Object.values(byKind)) sortTerms(list);

  // The terms an article that changed has (still), but for their companions (`complete`).
  const digests = new PageDigests();
  const terms = new Map<string, Term>();
  const heads = new Map<string, string>();
  const looked = (key: string, g: Gathered): Term => {
    const term = termOf(g, site.title, monthOfEntry);
    terms.set(key, term);
    heads.set(key, digests.digester.of(headOf(term)));
    return term;
  };
  for (const [key, g] of gathered) looked(key, g);

  // The pages, each with its digest kept or made: by kind, each kind's in the whole index's
  // order (a page whose view is made once the relations are in has its place kept, empty).
  const kept = { articles: new Map<string, string>(), lists: new Map<string, string>(), feeds: new Map<string, string>(), others: new Map<string, string>() };
  const made = emptyPaged();
  const lists: Record<string, string> = {};
  let declined = false;
  const keep = (into: Map<string, string>, url: string, prefix: string): void => {
    const digest = previous.pages[url];
    if (digest?.startsWith(prefix)) into.set(url, digest);
    else declined = true;
  };
  const make = (into: Map<string, string>, kind: PagedKind, item: { url: string }): void => {
    (made[kind] as unknown[]).push(item);
    into.set(item.url, digests.of(kind, item));
  };

  // Lists: pages compared with the memo's, article by article, where something reached the list.
  const listUrls: string[] = [];
  const anyChange = added.length > 0 || removed.length > 0;
  const dirtyLists = new Set<string>();
  for (const q of added) dirtyLists.add(listOfArticleUrl(urls[q] as string));
  for (const p of removed) dirtyLists.add(listOfArticleUrl(memo.urls[p] as string));
  /** The pages of a list nothing reached: each keeps its digest, the list its whole digest. */
  const keepList = (base: string, count: number): void => {
    for (const url of listPageUrls(count, base)) {
      listUrls.push(url);
      keep(kept.lists, url, "lists:");
    }
    const whole = previous.lists?.[base];
    if (whole) lists[base] = whole;
  };
  /**
   * The pages of a list something reached, compared with its pages then: a page keeps its
   * digest when it holds the same articles, with the same links to the list's other pages, under
   * the same head, and is not the first page (which shows the term's details); the others are
   * made, once `later` is called (a term's first page shows its companions).
   */
  const listPages = (base: string, positions: readonly number[], before: () => readonly string[], sameHead: boolean, pageOf: (page: Paged<number>) => ListPage): (() => void) => {
    const pages = paginate(positions, base);
    const old = new Map(paginate(before(), base).map((p) => [p.url, p]));
    const chosen: Paged<number>[] = [];
    for (const page of pages) {
      listUrls.push(page.url);
      const then = old.get(page.url);
      const same = sameHead && page.number !== undefined && then !== undefined && sameNav(page.nav, then.nav) && page.items.length === then.items.length && page.items.every((q, i) => ids[q] === then.items[i]);
      if (same) keep(kept.lists, page.url, "lists:");
      else {
        kept.lists.set(page.url, "");
        chosen.push(page);
      }
    }
    return () => {
      for (const view of listViews(chosen.map(pageOf))) make(kept.lists, "lists", view);
    };
  };
  const later: (() => void)[] = [];
  const pageWith = (page: Paged<number>): Paged<ArticleEntry> => ({ url: page.url, items: page.items.map(entryAt), nav: page.nav, ...(page.number === undefined ? {} : { number: page.number }) });
  const everyone = Array.from({ length: n }, (_, q) => q);
  const siteFeed = siteFeedOf(everyone.slice(0, SITE_FEED_SIZE).map(entryAt), site.title);
  if (anyChange) listPages("/", everyone, () => memo.ids, true, (page) => homePage(pageWith(page), site.title, siteFeed))();
  else keepList("/", n);

  // The articles (positions in the memo's order) each term looked at had in the memo's build, in one pass over its term table.
  const thenMembers = new Map<number, number[]>();
  for (const key of terms.keys()) {
    const old = oldTerm.get(key);
    if (old !== undefined) thenMembers.set(old, []);
  }
  for (let p = 0; p < memo.ids.length; p++) {
    for (let x = memo.starts[p] ?? 0; x < (memo.starts[p + 1] ?? 0); x++) {
      const list = thenMembers.get(memo.termIds[x] ?? -1);
      if (list && list[list.length - 1] !== p) list.push(p);
    }
  }
  for (const file of feedFilesOf(siteFeed)) make(kept.feeds, "feeds", file);
  for (const list of Object.values(byKind)) {
    for (const { key, entry } of list) {
      const term = terms.get(key);
      if (!term) {
        keepList(entry.url, entry.count);
        const { rss, atom } = feedUrlsOf(entry.url);
        keep(kept.feeds, rss, "feeds:");
        keep(kept.feeds, atom, "feeds:");
        continue;
      }
      const old = oldTerm.get(key);
      const sameHead = old !== undefined && memo.heads[old] === heads.get(key);
      const before = (): string[] => (old === undefined ? [] : (thenMembers.get(old) ?? []).map((p) => memo.ids[p] as string));
      const pages = new Map(termLists(term).map((page) => [page.url, page]));
      const now = term.articles.map((a) => positions.get(a) as number);
      later.push(listPages(entry.url, now, before, sameHead, (page) => pages.get(page.url) as ListPage));
      for (const file of feedFilesOf(term.feed)) make(kept.feeds, "feeds", file);
    }
  }
  const months = new Map<string, number[]>();
  const undated: number[] = [];
  urls.forEach((url, q) => {
    const list = listOfArticleUrl(url);
    if (list === "undated") undated.push(q);
    else {
      const inMonth = months.get(list);
      if (inMonth) inMonth.push(q);
      else months.set(list, [q]);
    }
  });
  const oldIn = (list: string): string[] => memo.ids.filter((_, p) => listOfArticleUrl(memo.urls[p] as string) === list);
  for (const key of [...months.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))) {
    const list = months.get(key) as number[];
    if (dirtyLists.has(key)) listPages(`/${key}/`, list, () => oldIn(key), true, (page) => monthPage(key, pageWith(page)))();
    else keepList(`/${key}/`, list.length);
  }
  if (undated.length && dirtyLists.has("undated")) listPages("/undated/", undated, () => oldIn("undated"), true, (page) => undatedPage(pageWith(page)))();
  else if (undated.length) keepList("/undated/", undated.length);

  // What is made anew every time: the term indexes, the years, the sitemap's parts.
  const monthCounts = new Map([...months].map(([key, list]) => [key, list.length]));
  const years = yearsOf(monthCounts);
  const summaryTerms = Object.fromEntries(Object.entries(byKind).map(([kind, list]) => [kind, list.map((t) => t.entry)])) as Record<TermKind, TermEntry[]>;
  const dated = urls.map((url, q) => ({ url, ...dateOf(q) }));
  const summary: ArchiveSummary = { years, undatedCount: undated.length, terms: summaryTerms, ...htmlPaths(listUrls, dated, years) };
  for (const index of termIndexes(summary)) make(kept.others, "indexes", index);
  for (const year of years) make(kept.others, "years", year);
  for (const part of sitemapParts(summary)) make(kept.others, "sitemaps", part);

  // Search shards: those whose articles are not the same ones, in the same order, digested again
  // (what they index leaves out the related articles).
  const shards = shardsOf(dated);
  const shardsBefore = shardsOf(memo.urls.map((url) => ({ url })));
  const members = (list: readonly string[], shardOf: (url: string) => string, urlsOf: readonly string[]): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    list.forEach((id, i) => {
      const shard = shardOf(urlsOf[i] as string);
      const inShard = out.get(shard);
      if (inShard) inShard.push(id);
      else out.set(shard, [id]);
    });
    return out;
  };
  const nowIn = members(ids, shards.of, urls);
  const thenIn = members(memo.ids, shardsBefore.of, memo.urls);
  const stale = shards.names.filter((shard) => {
    const a = nowIn.get(shard) ?? [];
    const b = thenIn.get(shard) ?? [];
    return previous.search?.[shard] === undefined || a.length !== b.length || a.some((id, i) => id !== b[i]);
  });
  const fresh = stale.length ? digests.ofShards(everyone.filter((q) => stale.includes(shards.of(urls[q] as string))).map(entryAt), shards) : {};
  const searchDigests: Record<string, string> = {};
  for (const shard of shards.names) searchDigests[shard] = stale.includes(shard) ? (fresh[shard] as string) : (previous.search?.[shard] as string);

  // A page to keep that the state has no digest of its kind for (one a killed build left
  // pending, say): nothing of this index can be trusted to be whole.
  if (declined) return undefined;
  let completed = false;
  return {
    complete(relations: Relations): Incremental | undefined {
      if (completed) throw new Error("an index is completed once");
      checkRelations(relations, n, ordered.keys);
      completed = true;
      related = relations.related;
      entries.forEach((entry, q) => addRelated(entry, q, relations.related, linkAt));
      return completeWith(relations);
    },
  };

  function completeWith(relations: Relations): Incremental | undefined {
    // Every entity's companions, by key and count, compared with the memo's; and those that list
    // a term renamed (only a term an article that changed has can be). A term whose companions
    // moved has its list's first page made again.
    const names = ordered.keys.names;
    const companionsOf = (k: number): [string, number][] => {
      const list: [string, number][] = [];
      for (let x = k * COMPANIONS; x < (k + 1) * COMPANIONS && (relations.companions[x] ?? -1) >= 0; x++) list.push([names[relations.companions[x] ?? 0] ?? "", relations.counts[x] ?? 0]);
      return list;
    };
    const noCompanions = companionsDigest([]);
    const companionDigests: string[] = [];
    const moved = new Set<string>();
    table.keys.forEach((key, t) => {
      const companions = t < names.length ? companionsOf(t) : [];
      const digest = companions.length ? companionsDigest(companions) : noCompanions;
      companionDigests.push(digest);
      const old = oldTerm.get(key);
      if (terms.has(key)) return;
      if (old === undefined || memo.companions[old] !== digest || (renamed.size > 0 && companions.some(([other]) => renamed.has(other)))) moved.add(key);
    });
    const firstPages: ListPage[] = [];
    for (const [key, g] of gather(moved)) {
      gathered.set(key, g);
      firstPages.push(termLists(looked(key, g))[0] as ListPage);
      delete lists[g.ref.url];
    }
    const refOfKey = (key: string): TermRef => {
      const g = gathered.get(key);
      if (g) return g.ref;
      const [kind, slug] = splitKey(key);
      return refs.of(kind, nameOf(key), slug);
    };
    // The key table's entities come first in the term table, with the same numbers.
    for (const [key, term] of terms) {
      const k = newTerm.get(key) ?? -1;
      if (k < names.length) addCompanions(term, k, relations, names, refOfKey);
    }
    for (const view of listViews(firstPages)) make(kept.lists, "lists", view);
    for (const makeLater of later) makeLater();

    // Article pages.
    const changedLinks = (q: number): boolean => {
      const p = oldAt.get(ids[q] as string);
      if (p === undefined || ids[q - 1] !== memo.ids[p - 1] || ids[q + 1] !== memo.ids[p + 1]) return true;
      for (let x = 0; x < RELATED; x++) {
        const now = relations.related[q * RELATED + x] ?? -1;
        const then = memo.related[p * RELATED + x] ?? -1;
        if ((now < 0 ? undefined : ids[now]) !== (then < 0 ? undefined : memo.ids[then])) return true;
      }
      return false;
    };
    for (let q = 0; q < n; q++) {
      if (changedLinks(q)) make(kept.articles, "articles", entryAt(q));
      else keep(kept.articles, urls[q] as string, "articles:");
    }

    if (declined) return undefined;
    const pageDigests: Record<string, string> = {};
    for (const map of [kept.articles, kept.lists, kept.feeds, kept.others]) for (const [url, digest] of map) pageDigests[url] = digest;
    // The pages made, in the order of the whole index's pages; those whose digests moved, to render.
    const order = new Map(Object.keys(pageDigests).map((url, i) => [url, i]));
    const todo = emptyPaged();
    for (const kind of Object.keys(made) as PagedKind[]) {
      const items = (made[kind] as { url: string }[]).sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0));
      (todo[kind] as { url: string }[]) = items.filter((item) => previous.pages[item.url] !== pageDigests[item.url]);
    }
    const data: BuildData = { site, summary, all: made, todo, oneOffs: [1], searchShards: shards.names, shards };
    const termMemo = (key: string): TermMemo => {
      const old = oldTerm.get(key);
      return { name: nameOf(key), head: heads.get(key) ?? (memo.heads[old ?? -1] as string), companions: companionDigests[newTerm.get(key) ?? -1] as string };
    };
    return {
      data,
      selection: { todo, digests: pageDigests, searchDigests, lists },
      memo: memoOf(ids, urls, table, relations.related, termSlugs, termMemo),
      changed: { articles: added.length, terms: terms.size },
    };
  }
}
