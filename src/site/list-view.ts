/**
 * What a list page shows, and nothing more. A page's digest covers everything its record
 * reaches (`digest.ts`), so list pages are rendered from these views, not from the index's
 * records: an article's card carries no links to other articles, and a term's head no list of
 * its articles. Adding an article then re-renders the lists it joins, not every page of every
 * list holding an article whose related or newer/older links moved (at 10,000 articles, one
 * new article's rebuild rendered 2,219 pages, 1,600 of them unchanged on disk).
 *
 * Built once per build: cards, heads and feed links are shared by every page showing them,
 * which keeps digesting them linear.
 */
import type { ArticleEntry, FeedSpec, ListPage, PageNav, Term, TermKind, TermRef, TimelineMonth } from "./archive.ts";
import { byIdentity } from "./memo.ts";

/** An article as a list shows it. */
export interface CardView {
  title: string;
  url: string;
  summary: string;
  date?: string;
  /** `YYYY`, `MM`, `DD`, for grouping a term's list by month. */
  ymd?: [string, string, string];
  section?: TermRef;
}

/** The links a page gives to its feed, and the feed's title. */
export interface FeedLinks {
  title: string;
  rss: string;
  atom: string;
  json?: string;
}

/**
 * What every page of a term's list shows about the term: nothing that changes as articles are
 * added (not even their count), so the older pages of its list stay as they are (see `paginate`).
 */
export interface TermHead {
  kind: TermKind;
  name: string;
  description?: string;
  sameAs?: string;
  aliases: string[];
  feed: FeedLinks;
}

/** What only the first page of a term's list shows. */
export interface TermDetails {
  kind: TermKind;
  name: string;
  /** Articles about the term. */
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  timeline: TimelineMonth[];
  companions: { term: TermRef; count: number }[];
}

export interface ListView {
  kind: ListPage["kind"];
  url: string;
  title: string;
  /** Absent on the list's first page (see `paginate`). */
  number?: number;
  nav: PageNav;
  feed?: FeedLinks;
  term?: TermHead;
  details?: TermDetails;
  items: CardView[];
}

/** A term as the index of its kind lists it (see `TermIndex`). */
export interface TermEntry {
  name: string;
  url: string;
  /** Articles about it. */
  count: number;
}

export const termEntryOf = (name: string, url: string, count: number): TermEntry => ({ name, url, count });
export const termEntry = (t: Term): TermEntry => termEntryOf(t.name, t.url, t.articles.length);

function feedLinks(spec: FeedSpec): FeedLinks {
  return Object.freeze({ title: spec.title, rss: spec.rss, atom: spec.atom, ...(spec.json ? { json: spec.json } : {}) });
}

// Cards, heads and feed links are frozen: each is shared by many pages, and a digest
// remembers frozen records rather than digest them at every page (see `Digester`).

function card(a: ArticleEntry): CardView {
  const view: CardView = { title: a.title, url: a.url, summary: a.summary };
  if (a.date) view.date = a.date;
  if (a.ymd) view.ymd = a.ymd;
  if (a.sectionTerm) view.section = a.sectionTerm;
  return Object.freeze(view);
}

function termHead(t: Term, feed: FeedLinks): TermHead {
  const head: TermHead = { kind: t.kind, name: t.name, aliases: t.aliases, feed };
  if (t.description) head.description = t.description;
  if (t.sameAs) head.sameAs = t.sameAs;
  return Object.freeze(head);
}

function termDetails(t: Term): TermDetails {
  const details: TermDetails = { kind: t.kind, name: t.name, count: t.articles.length, timeline: t.timeline, companions: t.companions };
  if (t.firstSeen) details.firstSeen = t.firstSeen;
  if (t.lastSeen) details.lastSeen = t.lastSeen;
  return details;
}

/** What every page of a term's list shows of it, with its feed's links. */
export const headOf = (t: Term): TermHead => termHead(t, feedLinks(t.feed));

/** The view of every list page, in the same order. */
export function listViews(lists: readonly ListPage[]): ListView[] {
  // One view per index record, shared by every page showing it.
  const cardOf = byIdentity(card);
  const feedOf = byIdentity(feedLinks);
  const headOf = byIdentity((t: Term) => termHead(t, feedOf(t.feed)));
  const detailsOf = byIdentity(termDetails);
  return lists.map((list) => {
    const view: ListView = {
      kind: list.kind,
      url: list.url,
      title: list.title,
      nav: list.nav,
      items: list.items.map(cardOf),
    };
    if (list.number !== undefined) view.number = list.number;
    if (list.feed) view.feed = feedOf(list.feed);
    if (list.term) {
      view.term = headOf(list.term);
      if (list.number === undefined) view.details = detailsOf(list.term);
    }
    return view;
  });
}

/**
 * A whole list as one record: what each of its pages is cut from. A list's pages are a
 * function of its items and its first page's URL alone (`paginate` gives their URLs, numbers,
 * links and items), every page of it shows the same kind, title, feed and term head, and its
 * first page the term's details, which but for the companions are made from the items too
 * (their count, first and last dates, and the timeline: `timeline` in `archive.ts`). So two
 * lists whose whole views are equal have pages whose views are equal, and a rebuild digests
 * this once per list rather than each of its pages' views (see `PageSelector`).
 */
export interface WholeList {
  kind: ListPage["kind"];
  /** Its first page's. */
  url: string;
  title: string;
  feed?: FeedLinks;
  term?: TermHead;
  /** The term's companions, the one part of its details not made from the items. */
  companions?: TermDetails["companions"];
  /** Every page's items, newest first. */
  items: CardView[];
}

export interface ListOfPages {
  whole: WholeList;
  /** Its first page first. */
  pages: ListView[];
}

/** Whether a numbered page shows what its list's first page does but for its items and links. */
const sameList = (whole: WholeList, page: ListView): boolean =>
  page.url.startsWith(whole.url) && page.kind === whole.kind && page.title === whole.title && page.feed === whole.feed && page.term === whole.term && page.details === undefined;

/**
 * Each list of `views`, as the index lays lists out: a list's pages in a row, its first page
 * (the only one without a number) first, then its numbered pages from the newest.
 */
export function wholeLists(views: readonly ListView[]): ListOfPages[] {
  const out: ListOfPages[] = [];
  let current: ListOfPages | undefined;
  for (const view of views) {
    if (view.number === undefined) {
      const whole: WholeList = { kind: view.kind, url: view.url, title: view.title, items: [] };
      if (view.feed) whole.feed = view.feed;
      if (view.term) whole.term = view.term;
      if (view.details) whole.companions = view.details.companions;
      out.push((current = { whole, pages: [] }));
    } else if (!current || !sameList(current.whole, view)) {
      throw new Error(`list page ${view.url} does not follow its list's first page`);
    }
    current.pages.push(view);
    for (const item of view.items) current.whole.items.push(item);
  }
  return out;
}
