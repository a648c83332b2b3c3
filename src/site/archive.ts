/**
 * The archive index, built once per build: every page and feed the site has, with the articles
 * each one lists. Templates only paginate over these arrays; none of them filters or sorts the
 * whole archive again (Eleventy's per-tag collections would, once per tag).
 *
 * Order is deterministic: dated articles newest first, then undated ones; ties by slug.
 */
import type { Entity, EntityType } from "../ingest/article.ts";
import { claim, toSlug } from "../ingest/ids.ts";
import { COMPANIONS, keyTable, RELATED, relate, type KeyTable, type Relations } from "./relations.ts";
import type { SiteArticle } from "./load.ts";
import { noteSource } from "./article-digest.ts";

export type TermKind = EntityType | "tag" | "section";

export const KIND_PATH: Record<TermKind, string> = {
  person: "people",
  organization: "organizations",
  place: "places",
  tag: "tags",
  section: "sections",
};

export const KIND_LABEL: Record<TermKind, { one: string; many: string }> = {
  person: { one: "Person", many: "People" },
  organization: { one: "Organization", many: "Organizations" },
  place: { one: "Place", many: "Places" },
  tag: { one: "Tag", many: "Tags" },
  section: { one: "Section", many: "Sections" },
};

export const PAGE_SIZE = 20;
export const SITE_FEED_SIZE = 50;
export const TERM_FEED_SIZE = 20;

/** A light reference to an article, for links (no back-references, so the index has no cycles). */
export interface ArticleLink {
  title: string;
  url: string;
  date?: string;
}

export interface ArticleEntry extends SiteArticle {
  url: string;
  /** Next newer and older article in the archive's order. */
  newer?: ArticleLink;
  older?: ArticleLink;
  related: ArticleLink[];
  /** `YYYY`, `MM`, `DD` of the article's date (UTC), when dated. */
  ymd?: [string, string, string];
  sectionTerm?: TermRef;
  tagTerms: TermRef[];
  entityTerms: TermRef[];
}

/**
 * The fields of an entry that link it to other articles. Adding one article changes them in
 * many entries (its neighbours, the articles it is related to) that no feed or search bundle
 * shows them in.
 */
export const LINK_FIELDS = ["newer", "older", "related"] as const;

/** An article as feeds show it (and search indexes it): without its links to other articles. */
export type LinklessEntry = Omit<ArticleEntry, (typeof LINK_FIELDS)[number]>;

export interface TermRef {
  kind: TermKind;
  name: string;
  slug: string;
  url: string;
}

export interface FeedSpec {
  title: string;
  /** The HTML page this feed follows. */
  page: string;
  rss: string;
  atom: string;
  json?: string;
  /** Typed without their links, which feeds must not show (their digests leave them out: see `PageSelector`). */
  items: LinklessEntry[];
  fullText: boolean;
}

/** Articles in one month of a term's timeline. */
export interface TimelineMonth {
  /** `YYYY-MM` */
  month: string;
  count: number;
  /** The page of this term's list where the month's articles start, with its anchor (absent for a month without articles). */
  url?: string;
}

export interface Term extends TermRef {
  aliases: string[];
  description?: string;
  sameAs?: string;
  firstSeen?: string;
  lastSeen?: string;
  /** Months with articles, oldest first (see `timeline`). */
  timeline: TimelineMonth[];
  companions: { term: TermRef; count: number }[];
  articles: ArticleEntry[];
  feed: FeedSpec;
}

/** A list page's links to other pages of its list (see `paginate`). */
export interface PageNav {
  newer?: string;
  older?: string;
  /**
   * Pages linked by number, newest first: the list's first page (no `n`), up to two pages
   * either side of this one, and page 1, the oldest. Never the newest numbered page from an
   * older one, so that a page's links change only when pages near it do.
   */
  window: { n?: number; url: string; /** Pages are left out before this one. */ gap?: true }[];
}

/** One page of a list: `number` is absent on the list's first page, which holds its newest items. */
export interface Paged<T> {
  url: string;
  items: T[];
  number?: number;
  nav: PageNav;
}

export interface ListPage extends Paged<ArticleEntry> {
  kind: "home" | "term" | "month" | "undated";
  title: string;
  term?: Term;
  feed?: FeedSpec;
}

export interface MonthEntry {
  year: string;
  month: string;
  url: string;
  count: number;
}

export interface YearEntry {
  year: string;
  url: string;
  count: number;
  months: MonthEntry[];
}

export interface Archive {
  articles: ArticleEntry[];
  terms: Record<TermKind, Term[]>;
  lists: ListPage[];
  feeds: FeedSpec[];
  years: YearEntry[];
  undatedCount: number;
  siteFeed: FeedSpec;
  /** The slugs claimed for tags and sections, by `kind|name` (see `claimTermSlugs`). */
  termSlugs: ReadonlyMap<string, string>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first; undated last; ties by slug. */
export function compareArticles(a: SiteArticle, b: SiteArticle): number {
  if (a.date && b.date) return byText(b.date, a.date) || byText(a.slug, b.slug);
  if (a.date) return -1;
  if (b.date) return 1;
  return byText(a.slug, b.slug);
}

export function articleUrl(a: SiteArticle): string {
  const ymd = ymdOf(a.date);
  return ymd ? `/${ymd.join("/")}/${a.slug}/` : `/undated/${a.slug}/`;
}

/** The list (`YYYY/MM`, or `undated`) an article page's URL (as `articleUrl` lays it out) is in: its month's key (`monthKeyOf`). */
export const listOfArticleUrl = (url: string): string => (url.startsWith("/undated/") ? "undated" : url.slice(1, 8));

export function ymdOf(date: string | undefined): [string, string, string] | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? [m[1] as string, m[2] as string, m[3] as string] : undefined;
}

/** Numbered pages of a list of `count` items: none below two pages' worth, so one page holds them all. */
const numberedPages = (count: number, size: number): number => (count < 2 * size ? 0 : Math.floor(count / size) - 1);

/** Where page `n` of the list at `base` lives (`undefined`: its first page). */
const pageUrl = (base: string, n: number | undefined): string => (n === undefined ? base : `${base}page/${n}/`);

/** The page (its number, or undefined for the first page) holding item `i` of a newest-first list. */
function pageOf(i: number, count: number, size: number): number | undefined {
  const n = Math.floor((count - 1 - i) / size) + 1;
  return n > numberedPages(count, size) ? undefined : n;
}

/** The URLs of a list's pages (as `paginate` lays them out), its first page first, then its numbered pages from the newest. */
export function listPageUrls(count: number, base: string, size = PAGE_SIZE): string[] {
  const numbered = numberedPages(count, size);
  return [base, ...Array.from({ length: numbered }, (_, i) => pageUrl(base, numbered - i))];
}

/**
 * Splits a newest-first list into pages whose content stays put as the list grows at its
 * newest end. Pages are numbered from the oldest: page 1 (`base/page/1/`) holds the oldest
 * `size` items, page 2 the next `size`, and so on; the first page (`base`) holds the newest
 * items on no numbered page, `size` to `2 × size - 1` of them (all of them in a shorter list).
 *
 * Numbered from the newest, as they were, every page of a list changed whenever an article
 * joined its top: adding one article to a 10,000-article archive re-rendered the home list's
 * 500 pages and its section's 87. Now it changes the first page, and every `size` articles
 * adds a numbered page and changes the three before it (their links, and the gap before
 * the new page in the third's). An archive's page URLs also keep showing the same articles,
 * for bookmarks and caches. Adding an article in the middle of a list (an older date) still
 * moves the pages newer than it, and so does adding an undated one: undated articles come
 * last, at the oldest end, so one more moves every numbered page of its lists.
 */
export function paginate<T>(items: readonly T[], base: string, size = PAGE_SIZE): Paged<T>[] {
  const count = items.length;
  const numbered = numberedPages(count, size);
  const first = count - numbered * size;
  // Positions newest first: 0 is the first page, then numbered pages `numbered` down to 1.
  const numberAt = (position: number): number | undefined => (position === 0 ? undefined : numbered + 1 - position);
  const pages: Paged<T>[] = [];
  for (let position = 0; position <= numbered; position++) {
    const n = numberAt(position);
    const nav: PageNav = { window: [] };
    if (position > 0) nav.newer = pageUrl(base, numberAt(position - 1));
    if (position < numbered) nav.older = pageUrl(base, numberAt(position + 1));
    if (numbered > 0) {
      // Pages around this one, the first page, and page 1; never the newest numbered page
      // from far below it, which would change every page whenever a numbered page is added.
      const wanted = new Set([0, position - 2, position - 1, position, position + 1, position + 2, numbered]);
      const shown = [...wanted].filter((p) => p >= 0 && p <= numbered).sort((a, b) => a - b);
      nav.window = shown.map((p, i) => {
        const m = numberAt(p);
        const link: PageNav["window"][number] = m === undefined ? { url: base } : { n: m, url: pageUrl(base, m) };
        if (i > 0 && p - (shown[i - 1] as number) > 1) link.gap = true;
        return link;
      });
    }
    const start = position === 0 ? 0 : first + (position - 1) * size;
    const page: Paged<T> = { url: pageUrl(base, n), items: items.slice(start, position === 0 ? first : start + size), nav };
    if (n !== undefined) page.number = n;
    pages.push(page);
  }
  return pages;
}

/** The RSS and Atom feeds' URLs of the page at `page`. */
export const feedUrlsOf = (page: string): { rss: string; atom: string } => ({ rss: `${page}feed.xml`, atom: `${page}atom.xml` });

function feedFor(page: string, title: string, items: readonly ArticleEntry[], size: number, fullText: boolean): FeedSpec {
  return { title, page, ...feedUrlsOf(page), items: items.slice(0, size), fullText };
}

export const linkOf = (a: { title: string; url: string; date?: string }): ArticleLink => ({ title: a.title, url: a.url, ...(a.date ? { date: a.date } : {}) });

/** Previous/next by date; returns each article's link, for the related articles (`Index.complete`). */
function linkNeighbours(articles: ArticleEntry[]): readonly ArticleLink[] {
  // One link per article, shared by every article linking to it; frozen, like term references.
  const links = articles.map((a) => Object.freeze(linkOf(a)));
  articles.forEach((a, i) => {
    const newer = links[i - 1];
    const older = links[i + 1];
    if (newer) a.newer = newer;
    if (older) a.older = older;
  });
  return links;
}

/** A term's key: its kind and slug (two references may differ in name only). */
const keyOf = (kind: TermKind, slug: string): string => `${kind}|${slug}`;

/** The kind and slug of a term's key. */
export function splitKey(key: string): [TermKind, string] {
  const bar = key.indexOf("|");
  return [key.slice(0, bar) as TermKind, key.slice(bar + 1)];
}

/**
 * Articles per month of a term, oldest month first, only months with articles (the timeline's
 * renderer fills the months between: see `allMonths`). Each month links to the list page where
 * its articles start. `list` is newest first (as every term's list is), so each month's
 * articles are adjacent and the first of them is the newest.
 *
 * Months without articles are left to the renderer because every page's record is digested on
 * every build, and a term's first page renders its timeline: at 10,000 articles, timelines
 * spanning up to 15 years made half the records of the list pages' digests (570,000 records in
 * 0.50 s, 279,000 in 0.41 s without them), for the few terms whose first page a build renders.
 */
function timeline(base: string, list: readonly ArticleEntry[], monthOf: (a: ArticleEntry) => string | undefined): TimelineMonth[] {
  const runs: { month: string; count: number; first: number }[] = [];
  list.forEach((a, i) => {
    const month = monthOf(a);
    if (month === undefined) return;
    const last = runs[runs.length - 1];
    if (last?.month === month) last.count++;
    else runs.push({ month, count: 1, first: i });
  });
  return runs.reverse().map(({ month, count, first }) => ({ month, count, url: `${pageUrl(base, pageOf(first, list.length, PAGE_SIZE))}#m-${month}` }));
}

/** Builds the whole index from the loaded articles. Pure. */
export function buildArchive(loaded: readonly SiteArticle[], siteTitle: string): Archive {
  const ordered = orderArticles(loaded);
  return indexArchive(ordered, siteTitle).complete(relate(ordered.keys));
}

/** Articles in the archive's order, with the table of their entity keys: what their relations are computed from. */
export interface Ordered {
  articles: readonly SiteArticle[];
  keys: KeyTable;
}

/** The first step of an index: the articles in order, so that their relations can be computed (on another thread) while the rest is built. */
export function orderArticles(loaded: readonly SiteArticle[]): Ordered {
  const articles = [...loaded].sort(compareArticles);
  // One key string per entity, not per mention (163,000 at 10,000 articles): made once, each
  // is hashed once where the table looks it up.
  const made = new Map<string, Map<string, string>>();
  const keyOfEntity = (e: Entity): string => {
    let bySlug = made.get(e.type);
    if (!bySlug) made.set(e.type, (bySlug = new Map()));
    let key = bySlug.get(e.slug);
    if (key === undefined) bySlug.set(e.slug, (key = keyOf(e.type, e.slug)));
    return key;
  };
  return { articles, keys: keyTable(articles.map((a) => a.entities.map(keyOfEntity))) };
}

/** An index built but for its relations, which `complete` adds. */
export interface Index {
  /** The whole index, with the relations of its articles' keys (`Ordered.keys`); once. */
  complete(relations: Relations): Archive;
}

/** Tags' and sections' slugs, claimed in name order over the whole archive, so that they are stable; by `kind|name`. */
export function claimTermSlugs(sorted: readonly SiteArticle[]): Map<string, string> {
  const termSlugs = new Map<string, string>();
  for (const kind of ["tag", "section"] as const) {
    const names = new Set<string>();
    for (const a of sorted) for (const n of kind === "tag" ? a.tags : a.section ? [a.section] : []) names.add(n);
    const taken = new Set<string>();
    for (const n of [...names].sort(byText)) termSlugs.set(`${kind}|${n}`, claim(toSlug(n, kind), taken));
  }
  return termSlugs;
}

/**
 * One reference per term, shared by every article that names it; frozen, so that digests
 * remember it (see `Digester`). Found by slug, then kind and name among the few with that slug:
 * asked once per entity of every article (163,000 at 10,000 articles), where a key string made
 * each time cost more than the lookup.
 */
export class TermRefs {
  private readonly refs = new Map<string, TermRef[]>();
  /** A term is its kind and slug (two references may differ in name only): each reference's key, made once. */
  private readonly keys = new Map<TermRef, string>();

  of(kind: TermKind, name: string, slug: string): TermRef {
    let same = this.refs.get(slug);
    if (!same) this.refs.set(slug, (same = []));
    let r = same.find((x) => x.kind === kind && x.name === name);
    if (!r) same.push((r = Object.freeze({ kind, name, slug, url: `/${KIND_PATH[kind]}/${slug}/` })));
    return r;
  }

  key(r: TermRef): string {
    let key = this.keys.get(r);
    if (key === undefined) this.keys.set(r, (key = keyOf(r.kind, r.slug)));
    return key;
  }
}

/** An article's index entry, but for its links to other articles (`newer`, `older`, `related`). */
export function entryOf(a: SiteArticle, refs: TermRefs, termSlugs: ReadonlyMap<string, string>): ArticleEntry {
  const ymd = ymdOf(a.date);
  // Object.assign, not a spread with more keys after it: V8 gave each object built as
  // `{ ...a, url, ... }` a hidden class of its own (992 classes for 1,000 entries), which made
  // every read of an entry's fields, here, in the digests and in the renderers, a slow generic
  // lookup; built this way they share a handful. At 50,000 articles, filtering each term's
  // list by `a.date` alone took 0.6 s. (Its keys' order is part of its digest: see `digestedEntry`.)
  const entry: ArticleEntry = Object.assign({}, a, {
    url: articleUrl(a),
    related: [],
    tagTerms: a.tags.map((t) => refs.of("tag", t, termSlugs.get(`tag|${t}`) ?? toSlug(t))),
    entityTerms: a.entities.map((e) => refs.of(e.type, e.name, e.slug)),
  });
  noteSource(entry, a);
  if (ymd) entry.ymd = ymd;
  if (a.section) entry.sectionTerm = refs.of("section", a.section, termSlugs.get(`section|${a.section}`) ?? toSlug(a.section));
  return entry;
}

/** A term's articles and what they say of it, gathered in the archive's order. */
export interface Gathered {
  ref: TermRef;
  aliases: Set<string>;
  articles: ArticleEntry[];
  links: { description?: string; sameAs?: string };
}

/**
 * The terms of these entries (in the archive's order, so that each term's list is newest
 * first), or of those whose key `wanted` takes.
 */
export function gatherTerms(entries: Iterable<ArticleEntry>, refs: TermRefs, wanted?: (key: string) => boolean): Map<string, Gathered> {
  const termMap = new Map<string, Gathered>();
  const add = (r: TermRef, article: ArticleEntry, entity?: Entity): void => {
    const key = refs.key(r);
    if (wanted && !wanted(key)) return;
    let t = termMap.get(key);
    if (!t) termMap.set(key, (t = { ref: r, aliases: new Set<string>(), articles: [], links: {} }));
    if (entity) {
      for (const alias of entity.aliases) t.aliases.add(alias);
      if (entity.description) t.links.description ??= entity.description;
      if (entity.sameAs) t.links.sameAs ??= entity.sameAs;
    }
    if (t.articles[t.articles.length - 1] !== article) t.articles.push(article);
  };
  for (const a of entries) {
    a.entities.forEach((e, i) => add(a.entityTerms[i] as TermRef, a, e));
    for (const t of a.tagTerms) add(t, a);
    if (a.sectionTerm) add(a.sectionTerm, a);
  }
  return termMap;
}

/** A dated entry's `YYYY-MM`. */
export const monthOfEntry = (a: ArticleEntry): string | undefined => (a.ymd ? `${a.ymd[0]}-${a.ymd[1]}` : undefined);

/** A gathered term, but for its companions (`Index.complete`). */
export function termOf({ ref: r, aliases, articles: list, links }: Gathered, siteTitle: string, monthOf: (a: ArticleEntry) => string | undefined): Term {
  const title = `${r.name} — ${siteTitle}`;
  const dated = list.filter((a) => a.date);
  const term: Term = Object.assign({}, r, links, {
    aliases: [...aliases].sort(byText),
    articles: list,
    feed: feedFor(r.url, title, list, TERM_FEED_SIZE, false),
    timeline: timeline(r.url, list, monthOf),
    companions: [],
  });
  if (dated.length) {
    term.lastSeen = dated[0]?.date as string;
    term.firstSeen = dated[dated.length - 1]?.date as string;
  }
  return term;
}

/** Sorts terms as their kind's index and lists order them: by name (whatever its case), then slug; each name made lower case once. */
export function sortTerms<T extends { name: string; slug: string }>(terms: T[]): T[] {
  const lower = new Map(terms.map((t) => [t, t.name.toLowerCase()]));
  return terms.sort((a, b) => byText(lower.get(a) as string, lower.get(b) as string) || byText(a.slug, b.slug));
}

/** A term's list pages. */
export const termLists = (term: Term): ListPage[] => paginate(term.articles, term.url).map((p) => ({ kind: "term" as const, title: term.name, term, feed: term.feed, ...p }));

/** The site feed of the archive's entries (newest first). */
export const siteFeedOf = (articles: readonly ArticleEntry[], siteTitle: string): FeedSpec => ({ ...feedFor("/", siteTitle, articles, SITE_FEED_SIZE, true), json: "/feed.json" });

/** The key of a month's list (`YYYY/MM`) holding an entry, if dated. */
export const monthKeyOf = (a: { ymd?: [string, string, string] }): string | undefined => (a.ymd ? `${a.ymd[0]}/${a.ymd[1]}` : undefined);

/** The years and their months, newest first, from each month's count (by `YYYY/MM`). */
export function yearsOf(monthCounts: ReadonlyMap<string, number>): YearEntry[] {
  const years = new Map<string, YearEntry>();
  for (const [key, count] of [...monthCounts.entries()].sort((a, b) => byText(b[0], a[0]))) {
    const [year = "", month = ""] = key.split("/");
    const y = years.get(year) ?? { year, url: `/${year}/`, count: 0, months: [] };
    y.count += count;
    y.months.push({ year, month, url: `/${key}/`, count });
    years.set(year, y);
  }
  return [...years.values()];
}

/** The months with articles, newest first (`YYYY/MM`). */
export const monthsNewestFirst = (keys: Iterable<string>): string[] => [...keys].sort((a, b) => byText(b, a));

/** A page of the home list, of a month's (`YYYY/MM`) or of the undated list. */
export const homePage = (p: Paged<ArticleEntry>, siteTitle: string, siteFeed: FeedSpec): ListPage => ({ kind: "home", title: siteTitle, feed: siteFeed, ...p });
export const monthPage = (key: string, p: Paged<ArticleEntry>): ListPage => ({ kind: "month", title: key, ...p });
export const undatedPage = (p: Paged<ArticleEntry>): ListPage => ({ kind: "undated", title: "Date unknown", ...p });

/**
 * `buildArchive` in steps, for a build that computes the relations on another thread meanwhile:
 * every page's record but for the related articles and entity companions, then those.
 */
export function indexArchive(ordered: Ordered, siteTitle: string): Index {
  const sorted = ordered.articles;
  const termSlugs = claimTermSlugs(sorted);
  const refs = new TermRefs();
  const articles: ArticleEntry[] = sorted.map((a) => entryOf(a, refs, termSlugs));
  // Gather terms; articles arrive sorted, so each term's list is already newest first.
  const termMap = gatherTerms(articles, refs);
  const links = linkNeighbours(articles);

  const terms: Record<TermKind, Term[]> = { person: [], organization: [], place: [], tag: [], section: [] };
  const termsByKey = new Map<string, Term>();
  for (const [key, gathered] of termMap) {
    const term = termOf(gathered, siteTitle, monthOfEntry);
    terms[gathered.ref.kind].push(term);
    termsByKey.set(key, term);
  }
  for (const list of Object.values(terms)) sortTerms(list);

  const siteFeed = siteFeedOf(articles, siteTitle);
  const lists: ListPage[] = paginate(articles, "/").map((p) => homePage(p, siteTitle, siteFeed));
  for (const list of Object.values(terms)) for (const term of list) lists.push(...termLists(term));

  // Date archives: years → months → articles.
  const months = new Map<string, ArticleEntry[]>();
  const undated: ArticleEntry[] = [];
  for (const a of articles) {
    const key = monthKeyOf(a);
    if (key === undefined) {
      undated.push(a);
      continue;
    }
    const list = months.get(key) ?? [];
    list.push(a);
    months.set(key, list);
  }
  const years = yearsOf(new Map([...months].map(([key, list]) => [key, list.length])));
  for (const key of monthsNewestFirst(months.keys())) lists.push(...paginate(months.get(key) as ArticleEntry[], `/${key}/`).map((p) => monthPage(key, p)));
  if (undated.length) lists.push(...paginate(undated, "/undated/").map(undatedPage));

  const feeds = [siteFeed, ...Object.values(terms).flatMap((list) => list.map((t) => t.feed))];
  const archive: Archive = { articles, terms, lists, feeds, years, undatedCount: undated.length, siteFeed, termSlugs };
  let completed = false;
  return {
    complete(relations: Relations): Archive {
      if (completed) throw new Error("an index is completed once");
      checkRelations(relations, articles.length, ordered.keys);
      completed = true;
      articles.forEach((a, i) => addRelated(a, i, relations.related, links));
      ordered.keys.names.forEach((key, k) => {
        const term = termsByKey.get(key);
        if (term) addCompanions(term, k, relations, ordered.keys.names, (name) => termMap.get(name)?.ref as TermRef);
      });
      return archive;
    },
  };
}

/** Throws unless these relations are of these articles and keys. */
export function checkRelations({ related, companions }: Relations, articles: number, keys: KeyTable): void {
  if (related.length !== articles * RELATED) throw new Error(`relations of ${related.length / RELATED} articles given for an index of ${articles}`);
  if (companions.length !== keys.names.length * COMPANIONS) throw new Error(`companions of ${companions.length / COMPANIONS} entities given for an index of ${keys.names.length}`);
}

/** Article `i`'s related articles, from the relations' positions and each position's link. */
export function addRelated(a: ArticleEntry, i: number, related: Int32Array, linkAt: readonly ArticleLink[] | ((position: number) => ArticleLink)): void {
  const link = typeof linkAt === "function" ? linkAt : (position: number) => linkAt[position] as ArticleLink;
  for (let x = i * RELATED; x < (i + 1) * RELATED && (related[x] ?? -1) >= 0; x++) a.related.push(link(related[x] ?? 0));
}

/** Entity `k`'s companions, with each companion's reference by its key. */
export function addCompanions(term: Term, k: number, { companions, counts }: Relations, names: readonly string[], refOf: (key: string) => TermRef): void {
  for (let x = k * COMPANIONS; x < (k + 1) * COMPANIONS && (companions[x] ?? -1) >= 0; x++) {
    term.companions.push({ term: refOf(names[companions[x] ?? 0] ?? ""), count: counts[x] ?? 0 });
  }
}
