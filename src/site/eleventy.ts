/**
 * Runs Eleventy on `templates/` for one archive. Eleventy resolves its folders against the
 * working directory and loads `eleventy.config.ts` itself, so the run happens from the project
 * root and the archive's settings travel in the environment the config reads.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { codeFingerprint, PROJECT_ROOT } from "../code-fingerprint.ts";
import { TEMPORARY } from "../ingest/files.ts";
import { allPending, type BuildState, markPending, PENDING, readBuildState, recordedPages, STATE_FILE, writeBuildState } from "./build-state.ts";
import { type ChosenArticles, emptyPaged, outputFileOf, PageSelector, selectPages, urlsOf } from "./page-table.ts";
import { loadArticles, type SiteArticle } from "./load.ts";
import { missingFiles } from "./missing-files.ts";
import { type Archive, type ArticleEntry, indexArchive, KIND_PATH, orderArticles } from "./archive.ts";
import { indexIncrementally } from "./incremental-index.ts";
import { memoOfArchive, readMemo, writeMemo } from "./index-memo.ts";
import { type BuildData, dataOf, siteContext } from "./plugin.ts";
import { relate, type Relations } from "./relations.ts";
import { relatesInThread, relationsThread } from "./relations-thread.ts";
import { gc, NEXT_RUN, renderSharedRuns, resolverSkippedHere, sharedCounters } from "./render-runs.ts";
import { planRender, startsHelperEarly } from "./render-plan.ts";
import { RenderThread } from "./render-thread.ts";
import type { SearchIndexResult } from "./search-index.ts";
import { isShardPage, staleShards } from "./search-shards.ts";

export { PROJECT_ROOT };

export interface SiteBuildOptions {
  articlesDir: string;
  /** Records of files in `articlesDir` already in memory, by file name (see `loadArticles`). */
  known?: ReadonlyMap<string, SiteArticle>;
  outputDir: string;
  siteUrl?: string | undefined;
  pathPrefix?: string | undefined;
  /** Threads that render pages: 1 (unless given; the CLI gives 2 on two cores) or 2, trading memory for speed (see the README). */
  renderThreads?: number | undefined;
  /**
   * Builds the bundle of the search shard `stale` (once the bundles of shards not in `shards`
   * are gone), on another thread. Given it, a rebuild that changes one shard's articles starts
   * it as soon as their pages are on disk, and digests and renders its other pages meanwhile
   * (see `articlesFirst`, `SiteBuildResult.search.indexing`). It must have started the work
   * when it returns: the caller goes on with work that does not let the event loop turn.
   */
  searchAlongside?: ((shards: readonly string[], stale: readonly string[]) => Promise<SearchIndexResult>) | undefined;
}

function siteEnv(options: SiteBuildOptions): Record<string, string> {
  const env: Record<string, string> = { NEWS_ARCHIVE_ARTICLES: path.resolve(options.articlesDir) };
  if (options.siteUrl) env.NEWS_ARCHIVE_SITE_URL = options.siteUrl;
  if (options.pathPrefix) env.NEWS_ARCHIVE_PATH_PREFIX = options.pathPrefix;
  return env;
}

/** Copied as is, or written by Pagefind, not rendered: never pruned. */
const COPIED = new Set(["assets", "pagefind"]);

/** A heap this large after ingest is collected before the site's index is built (see `buildSite`). */
const LARGE_HEAP = 2 ** 30;

/**
 * Collects now when that matters: after the site is built its index is garbage, and Pagefind's
 * processes, which run next, need gigabytes of their own to index many years. At 100,000
 * articles the machine's memory in use peaked at 9.7 GB without this, 8.1 GB with it. A
 * rebuild that indexes one shard again, on a heap under a gigabyte, does without it: at 10,000
 * articles the collection took a tenth of a second or more of a one-seed rebuild.
 */
export function releaseSiteMemory(staleShards: number): void {
  if (staleShards > 1 || process.memoryUsage().heapUsed > LARGE_HEAP) gc();
}

export interface SiteBuildResult {
  /** Pages and feeds the site has. */
  pages: number;
  /** Of those, how many Eleventy rendered: the rest had the same records as in the last build. */
  rendered: number;
  /** Threads that rendered them: 2 when a second one took batches (see `render-thread.ts`). */
  threads: number;
  /** Of those rendered, how many were (re)written because their bytes changed. */
  written: number;
  /** Files of earlier builds that this build no longer produces, removed. */
  removed: number;
  /**
   * The search shards (years or months of articles) the site has, and those whose bundle must be built
   * again; `indexing` when `searchAlongside` was started for them (it may still be running).
   */
  search: { shards: string[]; stale: string[]; indexing?: Promise<SearchIndexResult> };
  /** Records that the search bundles now match this build's article pages. */
  recordSearch(): Promise<void>;
  /** When the index was made of what changed alone (see `incremental-index.ts`): the articles new or changed, and the terms whose lists it looked at. */
  changed?: { articles: number; terms: number };
  /** Seconds spent reading the articles and the last build's state, building the index, choosing pages, in Eleventy, and pruning. */
  timings: { load: number; index: number; select: number; render: number; prune: number };
}

/**
 * Builds the site into `outputDir`. Pages whose index record is unchanged since the last build
 * of this folder are not rendered at all; of those rendered, only changed bytes are written.
 */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const outputDir = path.resolve(options.outputDir);
  let mark = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const seconds = Math.round(now - mark) / 1000;
    mark = now;
    return seconds;
  };
  // What ingest left (its caches' JSON among it) is garbage now. On a large archive it is
  // collected before the index is built on top of it: at 100,000 articles the CLI peaked at
  // 4.62 GB without this, 3.57 GB with it; at 10,000 the heap holds 0.22-0.27 GB here.
  if (process.memoryUsage().heapUsed > LARGE_HEAP) gc();
  const threads = options.renderThreads ?? 1;
  // Started now, to be ready when the articles are in order; only for a rebuild (a first
  // build's second thread builds an index of its own, see below).
  const rebuild = existsSync(path.join(outputDir, STATE_FILE));
  const relations = rebuild && relatesInThread(options.known?.size ?? 0, threads) ? relationsThread() : undefined;
  const cwd = process.cwd();
  let helper: RenderThread | undefined;
  try {
    const site = await siteContext(options, path.join(PROJECT_ROOT, "templates", "_data"));
    const articles = await loadArticles(path.resolve(options.articlesDir), options.known);
    // The relations are computed from the articles in order alone: asked now, they are computed
    // while the last build's state is read and the rest of the index is built. (Asked once the
    // main thread had the index but for them, it waited 0.1-0.19 s for them at 10,000 articles.)
    const ordered = orderArticles(articles);
    const relating = relations?.ask(ordered.keys);
    const code = await codeFingerprint(site);
    const [state, top] = await Promise.all([readBuildState(outputDir), readdir(outputDir).catch(() => undefined)]);
    const ours = top === undefined || top.length === 0 || top.includes(STATE_FILE);
    const previous = ours && state?.code === code ? state : undefined;
    // The pages the last build recorded, trusted or not: the only files this build may prune.
    // (Pruning whatever a listing of the folder held took its owner's files for stale pages.)
    // From the state as read (its pending pages applied), or, when it cannot be read, from
    // whatever of it and of its pending file can be.
    const served = ours && state?.code === SERVED ? await servedPages(outputDir) : [];
    const recorded = !ours ? [] : state ? [...Object.keys(state.pages), ...served] : await recordedPages(outputDir);
    // Temporary files beside the pages, too, when the last build may have died writing them
    // (pages pending, or a state that cannot be read).
    if (ours) await removeTemporaries(outputDir, top ?? [], state === undefined ? recorded.length > 0 : Object.values(state.pages).includes(PENDING));
    // The last build's files: checked for while the index is built (see `missing-files.ts`),
    // and pruned from at the end.
    const previousFiles = previous ? Object.keys(previous.pages).map(outputFileOf) : undefined;
    const missing = previousFiles ? missingFiles(outputDir, previousFiles) : undefined;
    const load = lap();

    Object.assign(process.env, siteEnv(options));
    // From here until the last page, for this thread and the second one (cwd is the process's).
    process.chdir(PROJECT_ROOT);
    // (A rebuild that trusts nothing of the last build's may start it while the relations
    // thread still works: the second thread builds an index of its own first.)
    if (startsHelperEarly(threads, previous !== undefined, articles.length)) helper = new RenderThread(site, articles, outputDir);
    // A rebuild whose memo of the last build's index it trusts indexes only what changed (see
    // `incremental-index.ts`), unless a page of the last build has lost its file: else, or
    // should that index decline, the whole archive.
    const memo = previous ? await readMemo(outputDir, code, previous.memo) : undefined;
    let computed: Promise<Relations> | undefined;
    const relationsOf = (): Promise<Relations> => (computed ??= relating ?? Promise.resolve(relate(ordered.keys)));
    const prepared = memo && previous ? indexIncrementally({ ordered, site, memo, previous }) : undefined;
    // Completed before the check for missing files is awaited, which it overlaps; its result
    // is dropped should a file be gone.
    const attempt = prepared?.complete(await relationsOf());
    // Only the last build's pages are asked about: the rest are rendered whatever their files.
    const gone = (await missing) ?? new Set<string>();
    // (Also what keeps a rebuild after a killed one whole: pages that build pruned are still in
    // the state as read, their files gone, and the index of what changed would keep them.)
    const incremental = gone.size === 0 ? attempt : undefined;
    let whole: { archive: Archive; relations: Relations } | undefined;
    if (!incremental) {
      const index = indexArchive(ordered, site.title);
      const related = await relationsOf();
      whole = { archive: index.complete(related), relations: related };
    }
    const data = incremental?.data ?? dataOf(site, (whole as NonNullable<typeof whole>).archive);
    const indexed = lap();
    // Asked of some 24,000 pages at 10,000 articles: their files' names are made only when a file is gone.
    const exists = (url: string): boolean => gone.size === 0 || !gone.has(outputFileOf(url));
    const bundleExists = (shard: string): boolean => existsSync(path.join(outputDir, "pagefind", shard, "pagefind-entry.json"));
    const selector = previous && !incremental ? new PageSelector(data.all, previous.pages, exists, previous.lists) : undefined;
    const articlesChosen = incremental ? { articles: incremental.selection.todo.articles, digests: incremental.selection.digests, searchDigests: incremental.selection.searchDigests } : selector?.chooseArticles();
    let select = lap();
    const early = previous && articlesChosen && options.searchAlongside ? await articlesFirst(previous, previousFiles ?? [], articlesChosen, data, outputDir, bundleExists, options.searchAlongside) : undefined;
    let render = lap();
    selector?.chooseOthers();
    const chosen = incremental?.selection ?? selector?.selection();
    // Article pages rendered first are not rendered again.
    const todo = chosen ? (early ? { ...chosen.todo, articles: early.later } : chosen.todo) : data.all;
    const todoPages = Object.values(todo).reduce((sum: number, items: unknown[]) => sum + items.length, 0);
    const { runs, shared: helped, direct } = planRender(todo, todoPages, threads, previous !== undefined);
    if (!previous) {
      // A build that trusts nothing of the last one (a first build, another code or settings)
      // marks the folder as ours, and as trusting nothing, before it writes a page, naming the
      // pages the last build recorded and every page it will write (also in a folder that held
      // other files and no state: those are not named, so never pruned). Killed half way, it
      // leaves a folder the next build knows to clean: it trusts no page of it, and prunes those
      // it does not produce. (Until here nothing is written, so the last build's state, which
      // another code or settings cannot trust, still says what the folder holds.)
      await writeBuildState(outputDir, { code: INCOMPLETE, pages: allPending([...recorded, ...Object.values(urlsOf(data.all)).flat()]) });
    }
    // Should this build die half way, the next must still know every page it may have written
    // (to prune it) and must not trust any of them (to render it again), nor a search bundle
    // being replaced. (An index of what changed that rendered its article pages first marked all
    // its pages then: its digests were all made at once.)
    if (previous && chosen && !(incremental && early)) await markPending(outputDir, previous, chosen.digests, early?.stale ?? []);
    if (helper && !helped) {
      await helper.stop();
      helper = undefined;
    }
    if (!helper && helped) helper = new RenderThread(site, articles, outputDir);
    const counters = helper?.counters ?? sharedCounters();
    // The main thread takes the first batch before the second thread can: it is the one that
    // copies the stylesheet (see eleventy.config.ts).
    const first = Atomics.add(counters, NEXT_RUN, 1);
    helper?.start(runs);
    // A build with no usable state renders every page whatever their digests: its batches are
    // known before the digests are made, so a second thread renders while this one makes them
    // (at 50,000 articles they take 7-13 s, which the second thread would spend waiting).
    const selection = chosen ?? selectPages(data.all, undefined, exists);
    select += lap();
    const produced = new Set(Object.keys(selection.digests).map(outputFileOf));
    const mine = await renderSharedRuns(data, runs, outputDir, counters, first, true, direct).catch(async (error: unknown) => {
      await helper?.stop();
      await early?.indexing.catch(() => undefined);
      throw error;
    });
    // The main thread took every batch, and the second did not fail: it has nothing to report.
    const theirs = helper && (mine.runs < runs.length || helper.failed) ? await helper.finish() : undefined;
    await helper?.stop();
    helper = undefined;
    render += lap();
    const rendered = [...(early?.rendered ?? []), ...mine.rendered, ...(theirs?.rendered ?? [])];
    for (const file of rendered) produced.add(file);
    const written = (early?.written ?? 0) + mine.written + (theirs?.written ?? 0);
    // What the last build produced, as its state recorded it.
    const before = previousFiles ?? recorded.map(outputFileOf);
    const removed = (early?.removed ?? 0) + (await prune(outputDir, before, produced));
    const { searchDigests } = selection;
    const stale = early ? early.stale : staleShards(previous?.search, searchDigests, bundleExists);
    // The memo of this build's index, for the next: written before the state that names it.
    const nextMemo = incremental?.memo ?? (whole && memoOfArchive(ordered, whole.archive, whole.relations));
    const memoDigest = nextMemo ? { memo: await writeMemo(outputDir, code, nextMemo) } : {};
    // The shards about to be indexed again lose their digests first: should the build die after
    // replacing one bundle but before recording it, the next build must not trust that bundle.
    const next = { code, pages: selection.digests, lists: selection.lists, ...memoDigest, ...withoutShards(previous?.search, stale) };
    await writeBuildState(outputDir, next);
    return {
      pages: produced.size,
      rendered: new Set(rendered).size,
      threads: theirs && theirs.runs > 0 ? 2 : 1,
      written,
      removed,
      search: { shards: data.searchShards, stale, ...(early ? { indexing: early.indexing } : {}) },
      ...(incremental ? { changed: incremental.changed } : {}),
      // Holds the digests alone: the search index, built next, needs all the memory it can get.
      recordSearch: () => writeBuildState(outputDir, { ...next, search: searchDigests }),
      timings: { load, index: indexed, select: Math.round(select * 1000) / 1000, render: Math.round(render * 1000) / 1000, prune: lap() },
    };
  } finally {
    await helper?.stop();
    await relations?.stop();
    process.chdir(cwd);
  }
}

interface ArticlesFirst {
  /** Output files rendered, how many of them were written, files of articles gone removed. */
  rendered: string[];
  /** The changed article pages of other shards, left to render with the other pages. */
  later: ArticleEntry[];
  written: number;
  removed: number;
  /** The one search shard being indexed, and its indexing. */
  stale: string[];
  indexing: Promise<SearchIndexResult>;
}

/**
 * A rebuild that changes the articles of one search shard (adding one, say) renders their pages
 * first, removes the pages of articles gone, and has the shard indexed for search (`searchAlongside`,
 * on another thread) while it digests and renders its other pages: at 10,000 articles the two
 * then share the machine's cores instead of taking turns. With more shards to index, or none,
 * it returns undefined, having rendered nothing; search then waits for the render, as it does
 * after a first build, whose memory is released first.
 */
async function articlesFirst(
  previous: BuildState,
  /** The files of `previous`'s pages. */
  previousFiles: readonly string[],
  chosen: ChosenArticles,
  data: BuildData,
  outputDir: string,
  bundleExists: (shard: string) => boolean,
  searchAlongside: NonNullable<SiteBuildOptions["searchAlongside"]>,
): Promise<ArticlesFirst | undefined> {
  const stale = staleShards(previous.search, chosen.searchDigests, bundleExists);
  if (stale.length !== 1) return undefined;
  await markPending(outputDir, previous, chosen.digests, stale);
  // Only the shard's pages: Pagefind reads no other. (Adding an article changes the links of its
  // neighbours and related articles, whatever their shard: at 10,000 articles, 21 pages, 7 of
  // them in the new article's year, when shards were years.)
  const inShard = (a: ArticleEntry): boolean => data.shards.of(a.url) === stale[0];
  const todo = { ...emptyPaged(), articles: chosen.articles.filter(inShard) };
  const later = chosen.articles.filter((a) => !inShard(a));
  // The one-off pages are rendered with the other pages. (No article page to render: the shard's
  // bundle had gone missing.)
  const plan = planRender(todo, todo.articles.length, 1, true);
  const result = todo.articles.length ? await renderSharedRuns(data, plan.runs, outputDir, sharedCounters(), undefined, false, plan.direct) : { rendered: [], written: 0 };
  // Before Pagefind reads the shard: the pages of articles gone (a deleted seed, a changed
  // headline), whatever the last build recorded for them (a killed build leaves them pending).
  const removed = await prune(outputDir, previousFiles.filter(isShardPage), new Set(Object.keys(chosen.digests).map(outputFileOf).filter(isShardPage)));
  const indexing = searchAlongside(data.searchShards, stale);
  // Observed here so that a failure is not an unhandled rejection before the caller awaits it.
  indexing.catch(() => undefined);
  // Tests make the index read the pages before any other page is rendered or removed.
  if (process.env.NEWS_ARCHIVE_TEST_SEARCH_FIRST) await indexing.catch(() => undefined);
  return { rendered: result.rendered, later, written: result.written, removed, stale, indexing };
}

/** The code a first build records until it is done: no code has it, so nothing of it is trusted. */
const INCOMPLETE = "incomplete";

/** The code `--serve` records: its server writes pages without recording them (see `servedPages`). */
const SERVED = "served";

/**
 * Where a paginated page of the site can be (as the templates' permalinks lay them out): an
 * article's, a term's list and its feeds, a year's or a month's list, a numbered page of the
 * home or undated list, a sitemap part. The one-off pages are written by every build.
 */
const PAGE_FILE = new RegExp(
  [
    String.raw`^(\d{4}/\d{2}/\d{2}|undated)/[^/]+/index\.html$`,
    String.raw`^(${Object.values(KIND_PATH).join("|")})/[^/]+/(index\.html|feed\.xml|atom\.xml|page/\d+/index\.html)$`,
    String.raw`^\d{4}/(\d{2}/)?(page/\d+/)?index\.html$`,
    String.raw`^(undated/)?page/\d+/index\.html$`,
    String.raw`^sitemap-\d+\.xml$`,
  ].join("|"),
);

/**
 * The pages a `--serve` session may have written, which it records nowhere (Eleventy's server
 * renders as seeds change): the files of the folder where the site's pages are (`PAGE_FILE`),
 * as URLs. The owner's other files, `docs/index.html` among them, are not.
 */
async function servedPages(outputDir: string): Promise<string[]> {
  const files = (await listFiles(outputDir)).filter((file) => PAGE_FILE.test(file) && !COPIED.has(file.split("/")[0] ?? ""));
  return files.map((file) => `/${file.endsWith("index.html") ? file.slice(0, -"index.html".length) : file}`);
}

/**
 * Removes the temporary files (`temporaryFor`) that a build killed mid-write left: beside the
 * state, at the top, looked for every time; beside any page, after a build that died while
 * rendering (pages still marked pending in the state as read), a walk of the whole folder.
 */
async function removeTemporaries(outputDir: string, top: readonly string[], everywhere: boolean): Promise<void> {
  const files = everywhere ? await listFiles(outputDir) : top;
  await Promise.all(files.filter((file) => TEMPORARY.test(path.basename(file))).map((file) => rm(path.join(outputDir, file), { force: true })));
}

/** `search` less the digests of `shards`, as the state's optional field (absent when none is left). */
function withoutShards(search: Readonly<Record<string, string>> | undefined, shards: readonly string[]): { search?: Record<string, string> } {
  const kept = Object.entries(search ?? {}).filter(([shard]) => !shards.includes(shard));
  return kept.length ? { search: Object.fromEntries(kept) } : {};
}

/** Every file below `dir` (`/`-separated, relative). Slow on a large site: seconds at 36,000 files. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Removes files an earlier build wrote that this build does not produce (deleted articles, entities). */
async function prune(outputDir: string, before: readonly string[], produced: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  const folders = new Set<string>();
  for (const file of before) {
    const top = file.split("/")[0] ?? "";
    // The state and its pending file (see `build-state.ts`) are the build's own to write.
    if (COPIED.has(top) || file.startsWith(STATE_FILE) || produced.has(file) || !existsSync(path.join(outputDir, file))) continue;
    await rm(path.join(outputDir, file), { force: true });
    removed++;
    folders.add(path.posix.dirname(file));
  }
  await removeEmptiedFolders(outputDir, folders);
  return removed;
}

/**
 * Removes the folders that held pruned files, and their parents, while they are empty: only
 * those, not every empty folder of the site (its owner's among them). None is inside the
 * copied folders or the search bundles, where Pagefind may be writing on another thread
 * meanwhile (see `articlesFirst`): pages are never pruned from there.
 */
async function removeEmptiedFolders(outputDir: string, folders: ReadonlySet<string>): Promise<void> {
  const all = new Set<string>();
  for (let folder of folders) for (; folder !== "." && folder !== "" && !all.has(folder); folder = path.posix.dirname(folder)) all.add(folder);
  // Deepest first, so that a parent is tried once its children are gone; `rmdir` leaves a folder that is not empty.
  for (const folder of [...all].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1))) {
    await rmdir(path.join(outputDir, folder)).catch(() => undefined);
  }
}

/** Serves `outputDir` with Eleventy's dev server, rebuilding on template or article changes. */
export async function serveSite(options: SiteBuildOptions, port: number): Promise<number> {
  // The server rewrites pages as seeds change, without recording digests: the next build must
  // not trust the last one's, so it renders everything (and the folder stays marked as ours).
  const outputDir = path.resolve(options.outputDir);
  if (existsSync(path.join(outputDir, STATE_FILE))) await writeBuildState(outputDir, { code: SERVED, pages: allPending(await recordedPages(outputDir)) });
  const cli = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
  const env = { ...process.env, ...siteEnv(options) };
  // The server watches, which needs the resolve hook a build does without (see `loadEleventy`).
  if (resolverSkippedHere()) delete env.ELEVENTY_SKIP_ESM_RESOLVER;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--config=eleventy.config.ts", "--input=templates", `--output=${path.resolve(options.outputDir)}`, "--serve", `--port=${port}`, "--quiet"],
    { cwd: PROJECT_ROOT, stdio: "inherit", env },
  );
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}
