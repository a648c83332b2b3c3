/**
 * The search index is split by year: one Pagefind bundle per year of article pages
 * (`pagefind/2016/`), one for undated articles (`pagefind/undated/`), which the search page
 * merges in the browser. Pagefind cannot add a page to a built index, only build it again, so
 * a single index made adding one article to a 10,000-article archive cost a full re-index
 * (10–14 s); now it costs the re-index of that article's year. A year, not a hash of the URL,
 * because Pagefind takes files by glob, and `2016/...` is a glob that scales where a list of
 * thousands of file names does not; and because new articles mostly land in the latest year.
 *
 * The shards depend on the seeds alone, so builds of the same seeds, cold or incremental, give
 * the same bundles byte for byte.
 */
import type { ArticleEntry } from "./archive.ts";
import type { Digester } from "../digest.ts";

/** The bundle an article page's URL belongs to: its year, or `undated` (see `articleUrl`). */
export function shardOf(url: string): string {
  return url.split("/")[1] ?? "undated";
}

/**
 * The article pages of one shard (as `articleUrl` lays them out), as a glob relative to the
 * output folder: only article pages are searchable, and reading just them keeps indexing
 * proportional to the articles rather than to every entity, tag and date page.
 */
export function shardGlob(shard: string): string {
  if (!/^(\d{4}|undated)$/.test(shard)) throw new Error(`not a search shard: ${shard}`);
  return shard === "undated" ? "undated/*/index.html" : `${shard}/[0-9][0-9]/[0-9][0-9]/*/index.html`;
}

/** Whether a file (relative to the output folder) is one that `shardGlob` matches for some shard. */
export function isShardPage(file: string): boolean {
  return /^(\d{4}\/\d\d\/\d\d|undated)\/[^/]+\/index\.html$/.test(file);
}

/**
 * The shards of these articles, oldest year first, undated last. An archive without articles
 * still gets one (empty) bundle, so the search page always has an index to load.
 */
export function searchShards(articles: readonly { url: string }[]): string[] {
  const shards = [...new Set(articles.map((a) => shardOf(a.url)))].sort((a, b) => (a === "undated" ? 1 : b === "undated" ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return shards.length ? shards : ["undated"];
}

/**
 * A digest per shard of what Pagefind indexes from its article pages: equal digests, equal
 * bundles. `linkless` gives what it indexes of one page: everything on it but the links to other
 * articles (`LINK_FIELDS`), which sit in the part marked `data-pagefind-ignore="index"`. (A
 * bundle was measured byte-identical with and without a related-articles section.)
 */
export function shardDigests(articles: readonly ArticleEntry[], linkless: (a: ArticleEntry) => object, digester: Digester): Record<string, string> {
  const parts = new Map<string, (string | object)[]>();
  for (const shard of searchShards(articles)) parts.set(shard, []);
  for (const a of articles) parts.get(shardOf(a.url))?.push(a.url, linkless(a));
  return Object.fromEntries([...parts].map(([shard, list]) => [shard, digester.of(list)]));
}

/**
 * The shards to index again: those whose digest differs from the one recorded when their bundle
 * was built, and those whose bundle is missing.
 */
export function staleShards(recorded: Readonly<Record<string, string>> | undefined, current: Readonly<Record<string, string>>, bundleExists: (shard: string) => boolean): string[] {
  return Object.keys(current).filter((shard) => recorded?.[shard] !== current[shard] || !bundleExists(shard));
}
