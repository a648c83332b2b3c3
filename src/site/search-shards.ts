/**
 * The search index is split by date: one Pagefind bundle per year of article pages
 * (`pagefind/2016/`), but one per month for the archive's latest year (`pagefind/2024-12/`), and
 * one for undated articles (`pagefind/undated/`); the search page merges them in the browser.
 * Pagefind cannot add a page to a built index, only build it again, so a single index made
 * adding one article to a 10,000-article archive cost a full re-index (10–14 s); a year's bundle
 * cost that year's (637 pages, 0.47 s of Pagefind alone, 0.7 s beside the render); now adding
 * an article to the latest year, where news lands, costs its month's (56 pages, 0.05 s). An
 * older article still costs its year's. The latest year's months stay few (twelve at most),
 * so the search page merges at most a dozen bundles more than one a year would have it merge.
 * When the first article of a new year arrives, the year before becomes one bundle again,
 * indexed once.
 *
 * By date, not a hash of the URL, because Pagefind takes files by glob, and `2016/...` is a
 * glob that scales where a list of thousands of file names does not.
 *
 * The shards depend on the seeds alone, so builds of the same seeds, cold or incremental, give
 * the same bundles byte for byte.
 */
import type { ArticleEntry } from "./archive.ts";
import type { Digester } from "../digest.ts";

/** How an archive's article pages are split into search shards. */
export interface Shards {
  /** Oldest first, undated last. An archive without articles still gets one (empty) bundle, so the search page always has an index to load. */
  names: string[];
  /** The shard of an article page's URL (as `articleUrl` lays them out). */
  of(url: string): string;
}

// A build asks for the shards of its articles three times (the search page's list, the shards'
// digests, the shard a rebuild indexes first): worked out once per list.
const known = new WeakMap<readonly { url: string }[], Shards>();

/** The shards of these articles (see the top of this file). */
export function shardsOf(articles: readonly { url: string }[]): Shards {
  let shards = known.get(articles);
  if (!shards) known.set(articles, (shards = shardsOfNew(articles)));
  return shards;
}

function shardsOfNew(articles: readonly { url: string }[]): Shards {
  let latest = "";
  for (const a of articles) {
    const year = yearOf(a.url);
    if (year !== "undated" && year > latest) latest = year;
  }
  const of = (url: string): string => {
    const year = yearOf(url);
    // `/YYYY/MM/DD/slug/`
    return year === latest ? `${year}-${url.slice(6, 8)}` : year;
  };
  const names = [...new Set(articles.map((a) => of(a.url)))].sort((a, b) => (a === "undated" ? 1 : b === "undated" ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return { names: names.length ? names : ["undated"], of };
}

/** The year of an article page's URL, or `undated`. */
const yearOf = (url: string): string => url.slice(1, url.indexOf("/", 1));

/** The shards of these articles, by name (see `shardsOf`). */
export const searchShards = (articles: readonly { url: string }[]): string[] => shardsOf(articles).names;

/**
 * The article pages of one shard, as a glob relative to the output folder: only article pages
 * are searchable, and reading just them keeps indexing proportional to the articles rather than
 * to every entity, tag and date page.
 */
export function shardGlob(shard: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?$|^undated$/.exec(shard);
  if (!m) throw new Error(`not a search shard: ${shard}`);
  return m[1] === undefined ? "undated/*/index.html" : `${m[1]}/${m[2] ?? "[0-9][0-9]"}/[0-9][0-9]/*/index.html`;
}

/** Whether a file (relative to the output folder) is one that `shardGlob` matches for some shard. */
export function isShardPage(file: string): boolean {
  return /^(\d{4}\/\d\d\/\d\d|undated)\/[^/]+\/index\.html$/.test(file);
}

/**
 * A digest per shard of what Pagefind indexes from its article pages: equal digests, equal
 * bundles. `linkless` gives what it indexes of one page: everything on it but the links to other
 * articles (`LINK_FIELDS`), which sit in the part marked `data-pagefind-ignore="index"`. (A
 * bundle was measured byte-identical with and without a related-articles section.)
 */
export function shardDigests(articles: readonly ArticleEntry[], linkless: (a: ArticleEntry) => object, digester: Digester, shards = shardsOf(articles)): Record<string, string> {
  const parts = new Map<string, (string | object)[]>();
  for (const shard of shards.names) parts.set(shard, []);
  for (const a of articles) parts.get(shards.of(a.url))?.push(a.url, linkless(a));
  return Object.fromEntries([...parts].map(([shard, list]) => [shard, digester.of(list)]));
}

/**
 * The shards to index again: those whose digest differs from the one recorded when their bundle
 * was built, and those whose bundle is missing.
 */
export function staleShards(recorded: Readonly<Record<string, string>> | undefined, current: Readonly<Record<string, string>>, bundleExists: (shard: string) => boolean): string[] {
  return Object.keys(current).filter((shard) => recorded?.[shard] !== current[shard] || !bundleExists(shard));
}
