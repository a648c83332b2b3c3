/**
 * The archive index, built once per build: every page and feed the site has, with the articles
 * each one lists. Templates only paginate over these arrays; none of them filters or sorts the
 * whole archive again (Eleventy's per-tag collections would, once per tag).
 *
 * Order is deterministic: dated articles newest first, then undated ones; ties by slug.
 */
import type { Entity, EntityType } from "../ingest/article.ts";
import { claim, toSlug } from "../ingest/ids.ts";
import { coMentions, monthlyCounts, relatedArticles, type MonthCount } from "./relations.ts";
import type { SiteArticle } from "./load.ts";

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
  items: ArticleEntry[];
  fullText: boolean;
}

export interface TimelineMonth extends MonthCount {
  /** The page of this term's list where the month's articles start, with its anchor. */
  url?: string;
}

export interface Term extends TermRef {
  aliases: string[];
  description?: string;
  sameAs?: string;
  firstSeen?: string;
  lastSeen?: string;
  timeline: TimelineMonth[];
  companions: { term: TermRef; count: number }[];
  articles: ArticleEntry[];
  feed: FeedSpec;
}

export interface ListPage {
  kind: "home" | "term" | "month" | "undated";
  url: string;
  title: string;
  term?: Term;
  items: ArticleEntry[];
  page: number;
  pages: number;
  /** URL of every page of this list, for pagination links. */
  pageUrls: string[];
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

function ymdOf(date: string | undefined): [string, string, string] | undefined {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  return m ? [m[1] as string, m[2] as string, m[3] as string] : undefined;
}

/** Splits `items` into pages of `size`; page 1 lives at `base`, page N at `base/page/N/`. */
export function paginate<T>(items: readonly T[], base: string, size = PAGE_SIZE): { url: string; items: T[]; page: number; pageUrls: string[] }[] {
  const count = Math.max(1, Math.ceil(items.length / size));
  const pageUrls = Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}page/${i + 1}/`));
  return pageUrls.map((url, i) => ({ url, items: items.slice(i * size, (i + 1) * size), page: i + 1, pageUrls }));
}

function feedFor(page: string, title: string, items: readonly ArticleEntry[], size: number, fullText: boolean): FeedSpec {
  return { title, page, rss: `${page}feed.xml`, atom: `${page}atom.xml`, items: items.slice(0, size), fullText };
}

const linkOf = (a: ArticleEntry): ArticleLink => ({ title: a.title, url: a.url, ...(a.date ? { date: a.date } : {}) });

/** Previous/next by date, and related articles by shared rare entities (`entityKeys[i]`: article i's). */
function linkNeighbours(articles: ArticleEntry[], entityKeys: readonly (readonly string[])[]): void {
  articles.forEach((a, i) => {
    const newer = articles[i - 1];
    const older = articles[i + 1];
    if (newer) a.newer = linkOf(newer);
    if (older) a.older = linkOf(older);
  });
  const related = relatedArticles(entityKeys);
  articles.forEach((a, i) => {
    a.related = (related[i] ?? []).map((r) => linkOf(articles[r.item] as ArticleEntry));
  });
}

/** Months with counts; each month links to the list page where its articles start. */
function timeline(base: string, list: readonly ArticleEntry[], monthOf: ReadonlyMap<ArticleEntry, string>): TimelineMonth[] {
  const firstIndex = new Map<string, number>();
  const months: string[] = [];
  list.forEach((a, i) => {
    const m = monthOf.get(a);
    if (m === undefined) return;
    months.push(m);
    if (!firstIndex.has(m)) firstIndex.set(m, i);
  });
  return monthlyCounts(months).map((m) => {
    const i = firstIndex.get(m.month);
    if (i === undefined) return m;
    const page = Math.floor(i / PAGE_SIZE) + 1;
    return { ...m, url: `${page === 1 ? base : `${base}page/${page}/`}#m-${m.month}` };
  });
}

/** Builds the whole index from the loaded articles. Pure. */
export function buildArchive(loaded: readonly SiteArticle[], siteTitle: string): Archive {
  const sorted = [...loaded].sort(compareArticles);

  // Tags and sections get slugs here, claimed in name order so they are stable.
  const termSlugs = new Map<string, string>();
  for (const kind of ["tag", "section"] as const) {
    const names = new Set<string>();
    for (const a of sorted) for (const n of kind === "tag" ? a.tags : a.section ? [a.section] : []) names.add(n);
    const taken = new Set<string>();
    for (const n of [...names].sort(byText)) termSlugs.set(`${kind}|${n}`, claim(toSlug(n, kind), taken));
  }
  const ref = (kind: TermKind, name: string, slug: string): TermRef => ({ kind, name, slug, url: `/${KIND_PATH[kind]}/${slug}/` });

  const articles: ArticleEntry[] = sorted.map((a) => {
    const ymd = ymdOf(a.date);
    const entry: ArticleEntry = {
      ...a,
      url: articleUrl(a),
      related: [],
      tagTerms: a.tags.map((t) => ref("tag", t, termSlugs.get(`tag|${t}`) ?? toSlug(t))),
      entityTerms: a.entities.map((e) => ref(e.type, e.name, e.slug)),
    };
    if (ymd) entry.ymd = ymd;
    if (a.section) entry.sectionTerm = ref("section", a.section, termSlugs.get(`section|${a.section}`) ?? toSlug(a.section));
    return entry;
  });

  // Gather terms; articles arrive sorted, so each term's list is already newest first.
  interface Gathered {
    ref: TermRef;
    aliases: Set<string>;
    articles: ArticleEntry[];
    links: { description?: string; sameAs?: string };
  }
  const termMap = new Map<string, Gathered>();
  const add = (r: TermRef, article: ArticleEntry, entity?: Entity): void => {
    const key = `${r.kind}|${r.slug}`;
    const t = termMap.get(key) ?? { ref: r, aliases: new Set<string>(), articles: [], links: {} };
    for (const alias of entity?.aliases ?? []) t.aliases.add(alias);
    if (entity?.description) t.links.description ??= entity.description;
    if (entity?.sameAs) t.links.sameAs ??= entity.sameAs;
    if (t.articles[t.articles.length - 1] !== article) t.articles.push(article);
    termMap.set(key, t);
  };
  for (const a of articles) {
    a.entities.forEach((e, i) => add(a.entityTerms[i] as TermRef, a, e));
    for (const t of a.tagTerms) add(t, a);
    if (a.sectionTerm) add(a.sectionTerm, a);
  }

  const entityKeys = articles.map((a) => a.entityTerms.map((t) => `${t.kind}|${t.slug}`));
  linkNeighbours(articles, entityKeys);
  // Each dated article's `YYYY-MM`, made once rather than once per list it is in.
  const monthOf = new Map<ArticleEntry, string>();
  for (const a of articles) if (a.ymd) monthOf.set(a, `${a.ymd[0]}-${a.ymd[1]}`);

  const companions = coMentions(entityKeys);
  const terms: Record<TermKind, Term[]> = { person: [], organization: [], place: [], tag: [], section: [] };
  for (const [key, { ref: r, aliases, articles: list, links }] of termMap) {
    const title = `${r.name} — ${siteTitle}`;
    const dated = list.filter((a) => a.date);
    const term: Term = {
      ...r,
      ...links,
      aliases: [...aliases].sort(byText),
      articles: list,
      feed: feedFor(r.url, title, list, TERM_FEED_SIZE, false),
      timeline: timeline(r.url, list, monthOf),
      companions: (companions.get(key) ?? []).map((c) => ({ term: termMap.get(c.item)?.ref as TermRef, count: c.count })),
    };
    if (dated.length) {
      term.lastSeen = dated[0]?.date as string;
      term.firstSeen = dated[dated.length - 1]?.date as string;
    }
    terms[r.kind].push(term);
  }
  for (const list of Object.values(terms)) list.sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.slug, b.slug));

  const siteFeed: FeedSpec = { ...feedFor("/", siteTitle, articles, SITE_FEED_SIZE, true), json: "/feed.json" };
  const lists: ListPage[] = [];
  for (const p of paginate(articles, "/")) lists.push({ kind: "home", title: siteTitle, pages: p.pageUrls.length, feed: siteFeed, ...p });
  for (const list of Object.values(terms)) {
    for (const term of list) {
      for (const p of paginate(term.articles, term.url)) {
        lists.push({ kind: "term", title: term.name, term, pages: p.pageUrls.length, feed: term.feed, ...p });
      }
    }
  }

  // Date archives: years → months → articles.
  const months = new Map<string, ArticleEntry[]>();
  const undated: ArticleEntry[] = [];
  for (const a of articles) {
    if (!a.ymd) {
      undated.push(a);
      continue;
    }
    const key = `${a.ymd[0]}/${a.ymd[1]}`;
    const list = months.get(key) ?? [];
    list.push(a);
    months.set(key, list);
  }
  const years = new Map<string, YearEntry>();
  for (const [key, list] of [...months.entries()].sort((a, b) => byText(b[0], a[0]))) {
    const [year = "", month = ""] = key.split("/");
    const y = years.get(year) ?? { year, url: `/${year}/`, count: 0, months: [] };
    y.count += list.length;
    y.months.push({ year, month, url: `/${key}/`, count: list.length });
    years.set(year, y);
    for (const p of paginate(list, `/${key}/`)) lists.push({ kind: "month", title: key, pages: p.pageUrls.length, ...p });
  }
  if (undated.length) for (const p of paginate(undated, "/undated/")) lists.push({ kind: "undated", title: "Date unknown", pages: p.pageUrls.length, ...p });

  const feeds = [siteFeed, ...Object.values(terms).flatMap((list) => list.map((t) => t.feed))];
  return { articles, terms, lists, feeds, years: [...years.values()], undatedCount: undated.length, siteFeed };
}
