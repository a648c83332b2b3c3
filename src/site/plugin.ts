/**
 * The Eleventy side of the archive, registered as one plugin: TypeScript templates, the archive
 * index as global data, and the stylesheet. Templates paginate over `build.todo.*` and call the
 * pure renderers in `pages.ts`, `feeds.ts` and `sitemap.ts`.
 *
 * `news-archive build` prepares the data itself (it decides which pages need rendering, and may
 * run Eleventy several times over batches of them) and hands it over through `handOver`; when
 * Eleventy runs on its own (`--serve`), the plugin loads the archive and renders every page.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildArchive, KIND_PATH, type Archive, type FeedSpec, type TermKind } from "./archive.ts";
import { listViews } from "./list-view.ts";
import { type ArchiveSummary, summaryOf } from "./archive-summary.ts";
import { loadArticles, type SiteArticle } from "./load.ts";
import { type Shards, shardsOf } from "./search-shards.ts";
import { sitemapParts } from "./sitemap.ts";
import type { FeedFile, PagedItems, TermIndex } from "./page-table.ts";
import { siteAddress, type SiteContext } from "./urls.ts";

export type { FeedFile, TermIndex } from "./page-table.ts";

export interface PluginOptions {
  /** Folder of Markdown written by ingest. */
  articlesDir: string;
  /** Overrides `url` in `_data/site.json` (absolute URLs in feeds, canonical links, sitemap). */
  siteUrl?: string | undefined;
  pathPrefix?: string | undefined;
}

/** Everything templates read, under the global `build`. */
export interface BuildData {
  site: SiteContext;
  /** What the one-off pages show of the whole archive. */
  summary: ArchiveSummary;
  /** Every paginated page of the site. */
  all: PagedItems;
  /** The pages this Eleventy run renders. */
  todo: PagedItems;
  /**
   * What the one-off pages (search, sitemap, 404, ...) paginate over: one item in the run that
   * renders them, none in the others. A build renders them once, not once per run: at 100,000
   * articles a run of 2,000 pages would otherwise render the sitemap's 205,000 URLs again.
   */
  oneOffs: readonly 1[];
  /** The search bundles the search page merges, one per year of articles, per month in the latest year (see `search-shards.ts`). */
  searchShards: string[];
  /** How the article pages are split into those bundles. */
  shards: Shards;
}

/** The part of Eleventy's `UserConfig` this plugin uses. */
export interface EleventyConfigLike {
  directories: { data: string };
  addExtension(ext: string | string[], options: { key: string }): void;
  addTemplateFormats(formats: string | string[]): void;
  addGlobalData(name: string, data: () => Promise<unknown>): void;
  addPassthroughCopy(paths: Record<string, string> | string): void;
  addWatchTarget(target: string): void;
  on(event: string, callback: () => void): void;
}

/** The site settings: `_data/site.json`, with the deployment's URL and path prefix. */
export async function siteContext(options: Omit<PluginOptions, "articlesDir">, dataDir: string): Promise<SiteContext> {
  const defaults = JSON.parse(await readFile(path.join(dataDir, "site.json"), "utf8")) as Omit<SiteContext, "pathPrefix">;
  return { ...defaults, ...siteAddress(options.siteUrl ?? defaults.url, options.pathPrefix) };
}

/** The whole archive and every page of it, with all of them to render. */
export async function loadBuildData(options: PluginOptions, dataDir: string): Promise<BuildData> {
  return buildData(await siteContext(options, dataDir), await loadArticles(options.articlesDir));
}

/** The archive index and its pages, from loaded articles. Pure. */
export function buildData(site: SiteContext, articles: readonly SiteArticle[]): BuildData {
  return dataOf(site, buildArchive(articles, site.title));
}

/** The pages of a built index. */
export function dataOf(site: SiteContext, archive: Archive): BuildData {
  const summary = summaryOf(archive);
  const indexes = termIndexes(summary);
  const feeds = archive.feeds.flatMap(feedFilesOf);
  const all: PagedItems = { articles: archive.articles, lists: listViews(archive.lists), feeds, indexes, years: archive.years, sitemaps: sitemapParts(summary) };
  const shards = shardsOf(all.articles);
  return { site, summary, all, todo: all, oneOffs: [1], searchShards: shards.names, shards };
}

/** A feed's files: RSS, Atom, and JSON where it has one. */
export const feedFilesOf = (spec: FeedSpec): FeedFile[] => [
  { url: spec.rss, format: "rss", spec },
  { url: spec.atom, format: "atom", spec },
  ...(spec.json ? [{ url: spec.json, format: "json" as const, spec }] : []),
];

/** The index page of each kind of term. */
export const termIndexes = (summary: ArchiveSummary): TermIndex[] => (Object.keys(KIND_PATH) as TermKind[]).map((kind) => ({ kind, url: `/${KIND_PATH[kind]}/`, terms: summary.terms[kind] }));

/** Copied as they are into the site (project folder → site folder): by Eleventy's passthrough copy (`eleventy.config.ts`), or by a rebuild without it (`direct-render.ts`). */
export const ASSETS: Readonly<Record<string, string>> = { "templates/assets": "assets" };

/** The pagination of a one-off page's template (see `BuildData.oneOffs`). */
export const ONE_OFF = { data: "build.oneOffs", size: 1, alias: "oneOff" };

// A global, not a module variable: Eleventy loads this file through its own import of the
// config, which need not share module instances with the CLI that calls it.
const HANDOVER = Symbol.for("news-archive.build-data");
type WithHandover = typeof globalThis & { [HANDOVER]?: BuildData | undefined };

/** Gives the next Eleventy run this data instead of loading it (undefined: load it again). */
export function handOver(data: BuildData | undefined): void {
  (globalThis as WithHandover)[HANDOVER] = data;
}

/**
 * The data one run hands templates (`build`), frozen, with a frozen copy of the site settings
 * of its own. Eleventy gives each paginated page its global data through a proxy (its
 * `ProxyWrap`) that wraps every plain object read through it in a proxy of its own, made anew
 * for each page, unless the object is frozen. Unfrozen, `site` reached the renderers as another
 * object on every page, so the renderers' memos, which remember by the site's identity
 * (`perRecord`), missed from one page to the next: a build of 1,000 articles rendered 19,397
 * article cards, of which 1,000 differ, and every read of a setting went
 * through the proxy (at 10,000 articles, the sitemap's 24,000 links allocated 12 MB that way).
 * The copy makes the memos last one run: what they hold is garbage with the run's pages. Kept
 * for the whole build, they held every card and feed item rendered, in weak maps the garbage
 * collector walks each time (at 50,000 articles, a peak of 2.27-2.36 GB against 2.21-2.29 GB).
 */
export function runData(data: BuildData, todo: PagedItems, oneOffs: boolean): BuildData {
  return Object.freeze({ ...data, site: Object.freeze({ ...data.site }), todo, oneOffs: oneOffs ? [1 as const] : [] });
}

export default function newsArchivePlugin(eleventyConfig: EleventyConfigLike, options: PluginOptions): void {
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");
  let cached: Promise<BuildData> | undefined;
  // Built once per build; dropped before each rebuild so `--serve` picks up re-ingested articles.
  eleventyConfig.on("eleventy.before", () => {
    cached = undefined;
  });
  eleventyConfig.addGlobalData("build", () => {
    const given = (globalThis as WithHandover)[HANDOVER];
    // Frozen as a build's runs hand theirs over (`runData`), for the same reason.
    return given ? Promise.resolve(given) : (cached ??= loadBuildData(options, eleventyConfig.directories.data).then((data) => runData(data, data.all, true)));
  });
  eleventyConfig.addWatchTarget(options.articlesDir);
}
