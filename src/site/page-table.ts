/**
 * Every page the paginated templates produce, by template, and the choice of which of them a
 * build hands to Eleventy. Templates paginate over `build.todo.<kind>`: on a first build that
 * is every page; on a rebuild, only pages whose record changed since the last build (or whose
 * file has gone), so adding one article renders the few hundred pages it touches rather than
 * the whole site. One-off pages (search, archive, sitemap, ...) are rendered in every build, once
 * (see `BuildData.oneOffs`).
 */
import { type ArticleEntry, type FeedSpec, LINK_FIELDS, type LinklessEntry, type TermKind, type YearEntry } from "./archive.ts";
import { type ListView, type TermEntry, type WholeList, wholeLists } from "./list-view.ts";
import { Digester } from "../digest.ts";
import { digestedEntry } from "./article-digest.ts";
import { byIdentity } from "./memo.ts";
import { type Shards, shardDigests } from "./search-shards.ts";
import type { SitemapPart } from "./sitemap.ts";

export interface FeedFile {
  url: string;
  format: "rss" | "atom" | "json";
  spec: FeedSpec;
}

/**
 * A page listing every term of a kind, with what it shows of each: not the term's record,
 * whose digest covers its articles, timeline and companions (at 10,000 articles, digesting
 * the five index pages visited 264,000 values; their views hold one small record per term).
 */
export interface TermIndex {
  kind: TermKind;
  url: string;
  terms: TermEntry[];
}

/** The records each paginated template renders one page from. */
export interface PagedItems {
  articles: ArticleEntry[];
  lists: ListView[];
  feeds: FeedFile[];
  indexes: TermIndex[];
  years: YearEntry[];
  /** The parts of a sitemap too long for one file (none for most sites: see `sitemap.ts`). */
  sitemaps: SitemapPart[];
}

export type PagedKind = keyof PagedItems;
const KINDS: PagedKind[] = ["articles", "lists", "feeds", "indexes", "years", "sitemaps"];

export const emptyPaged = (): PagedItems => ({ articles: [], lists: [], feeds: [], indexes: [], years: [], sitemaps: [] });

/** The file a page URL is written to, relative to the output folder (`/a/` → `a/index.html`). */
export const outputFileOf = (url: string): string => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\/+/, "");

export interface PageSelection {
  todo: PagedItems;
  /** URL → digest of every paginated page, rendered or not. */
  digests: Record<string, string>;
  /** Per search shard (a year or a month of articles, see `search-shards.ts`), a digest of what Pagefind indexes. */
  searchDigests: Record<string, string>;
  /** Per list (by its first page's URL), a digest of the whole list (see `WholeList`). */
  lists: Record<string, string>;
}

/**
 * Picks the pages to render: all of them without a previous build's digests, else those whose
 * digest differs or whose file does not exist (`exists` is asked with the page's URL: see
 * `outputFileOf`). With the previous build's list digests, a list whose whole is unchanged
 * keeps its pages' digests.
 */
export function selectPages(
  all: PagedItems,
  previous: Record<string, string> | undefined,
  exists: (url: string) => boolean,
  previousLists?: Readonly<Record<string, string>>,
): PageSelection {
  const selector = new PageSelector(all, previous, exists, previousLists);
  selector.chooseArticles();
  selector.chooseOthers();
  return selector.selection();
}

export interface ChosenArticles {
  articles: ArticleEntry[];
  /** URL → digest of every article page. */
  digests: Record<string, string>;
  searchDigests: Record<string, string>;
}

/**
 * How each page is digested (the same for every build, whatever it digests): a page's digest
 * is `<kind>:<digest of its view>`.
 */
export class PageDigests {
  readonly digester = new Digester();
  /** An entry without its links, as search indexes it and feeds show it; one per entry, frozen so that it is digested once (see `Digester`). */
  readonly linkless = byIdentity((entry: LinklessEntry) => Object.freeze(digestedEntry(entry, this.digester, LINK_FIELDS)));
  /**
   * A feed as it is digested: its items without their links. Adding an article moves its
   * neighbours' and related articles' links; with the links in, their feeds were rendered again
   * unchanged (at 10,000 articles, 238 of the 251 feeds one new article's rebuild rendered).
   */
  private readonly feedView = byIdentity((spec: FeedSpec) => Object.freeze({ ...spec, items: spec.items.map(this.linkless) }));

  /**
   * An article page as it is digested: what it shows but its links (`linkless`, digested once
   * for the page, its search shard and the feeds holding it), then the links. (Digested apart
   * from its linkless view, each entry's fields were gone through twice.)
   */
  private articlePage(entry: ArticleEntry): Record<string, unknown> {
    const view: Record<string, unknown> = { page: this.linkless(entry) };
    for (const key of LINK_FIELDS) view[key] = entry[key];
    return view;
  }

  /** The digest of one page of a kind. */
  of(kind: PagedKind, item: { url: string }): string {
    const record =
      kind === "articles"
        ? this.digester.of(this.articlePage(item as ArticleEntry))
        : kind === "feeds"
          ? this.digester.of({ ...item, spec: this.feedView((item as FeedFile).spec) })
          : this.digester.of(item);
    return `${kind}:${record}`;
  }

  /** The digest of a whole list (see `WholeList`). */
  ofList(whole: WholeList): string {
    return `lists:${this.digester.of(whole)}`;
  }

  /** The search digests of the shards of these articles (see `shardDigests`): of every shard in `shards`, complete for those whose articles are all given. */
  ofShards(articles: readonly ArticleEntry[], shards?: Shards): Record<string, string> {
    return shardDigests(articles, this.linkless, this.digester, shards);
  }
}

/**
 * `selectPages` in two steps, the article pages and the search digests first, so that a build
 * can render the article pages and start indexing them before it digests the other pages.
 */
export class PageSelector {
  private readonly digest = new PageDigests();
  private readonly todo = emptyPaged();
  private readonly digests: Record<string, string> = {};
  private readonly lists: Record<string, string> = {};
  private searchDigests: Record<string, string> | undefined;

  constructor(
    private readonly all: PagedItems,
    private readonly previous: Record<string, string> | undefined,
    /** Whether the page at this URL has its file (asked of every page whose digest is unchanged). */
    private readonly exists: (url: string) => boolean,
    /** The previous build's digest of each whole list (`PageSelection.lists`), given with `previous`. */
    private readonly previousLists?: Readonly<Record<string, string>>,
  ) {}

  /** Digests the article pages and the search shards; returns the article pages to render, with the digests so far. */
  chooseArticles(): ChosenArticles {
    if (this.searchDigests) throw new Error("the article pages are chosen once");
    this.choose("articles");
    this.searchDigests = this.digest.ofShards(this.all.articles);
    return { articles: this.todo.articles, digests: { ...this.digests }, searchDigests: this.searchDigests };
  }

  /** Digests every other page; the article pages must have been chosen. */
  chooseOthers(): void {
    if (!this.searchDigests) throw new Error("the article pages are chosen first");
    for (const kind of KINDS) if (kind !== "articles") this.choose(kind);
  }

  /** Everything chosen, once both steps are done. */
  selection(): PageSelection {
    if (!this.searchDigests) throw new Error("no page has been chosen yet");
    return { todo: this.todo, digests: this.digests, searchDigests: this.searchDigests, lists: this.lists };
  }

  private choose(kind: PagedKind): void {
    if (kind === "lists") {
      this.chooseLists();
      return;
    }
    for (const item of this.all[kind] as { url: string }[]) this.choosePage(kind, item, this.digest.of(kind, item));
  }

  /**
   * The list pages, a whole list at a time: a list whose whole view (`WholeList`) has the
   * digest it had in the previous build has pages whose views are as they were, so each keeps
   * its digest from then (one a killed build left pending is digested again). At 10,000
   * articles a one-seed rebuild digested 9,000 list pages' views in 0.25 s, though it changed
   * a few dozen lists.
   */
  private chooseLists(): void {
    for (const { whole, pages } of wholeLists(this.all.lists)) {
      const digest = this.digest.ofList(whole);
      this.lists[whole.url] = digest;
      const same = this.previous !== undefined && this.previousLists?.[whole.url] === digest;
      for (const page of pages) {
        const before = this.previous?.[page.url];
        // (Not `PENDING`, which a killed build leaves.)
        const kept = same && before?.startsWith("lists:") ? before : undefined;
        this.choosePage("lists", page, kept ?? this.digest.of("lists", page));
      }
    }
  }

  private choosePage(kind: PagedKind, item: { url: string }, digest: string): void {
    this.digests[item.url] = digest;
    if (!this.previous || this.previous[item.url] !== digest || !this.exists(item.url)) (this.todo[kind] as { url: string }[]).push(item);
  }
}

/**
 * Splits the pages to render into batches of about `size` pages, each a separate Eleventy run:
 * Eleventy keeps every page it renders in memory until its run ends, so batches bound the
 * build's memory by the batch, not the archive.
 */
export function batches(todo: PagedItems, size: number): PagedItems[] {
  const out: PagedItems[] = [];
  let current = emptyPaged();
  let count = 0;
  for (const kind of KINDS) {
    for (const item of todo[kind] as unknown[]) {
      (current[kind] as unknown[]).push(item);
      if (++count === size) {
        out.push(current);
        current = emptyPaged();
        count = 0;
      }
    }
  }
  if (count || !out.length) out.push(current);
  return out;
}

/** The URLs of a batch's pages, by template: how a batch is named to another thread. */
export type PagedUrls = Record<PagedKind, string[]>;

export function urlsOf(items: PagedItems): PagedUrls {
  const out = {} as PagedUrls;
  for (const kind of KINDS) out[kind] = (items[kind] as { url: string }[]).map((item) => item.url);
  return out;
}

/** The batches named by `runs`, with the pages of `all`; throws on a URL `all` does not have. */
export function namedBatches(all: PagedItems, runs: readonly PagedUrls[]): PagedItems[] {
  const byUrl = new Map<string, unknown>();
  for (const kind of KINDS) for (const item of all[kind] as { url: string }[]) byUrl.set(`${kind} ${item.url}`, item);
  return runs.map((urls) => {
    const out = emptyPaged();
    for (const kind of KINDS) {
      out[kind] = urls[kind].map((url) => {
        const item = byUrl.get(`${kind} ${url}`);
        if (!item) throw new Error(`no ${kind} page ${url} in this thread's index`);
        return item;
      }) as never;
    }
    return out;
  });
}
