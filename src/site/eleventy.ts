/**
 * Runs Eleventy on `templates/` for one archive. Eleventy resolves its folders against the
 * working directory and loads `eleventy.config.ts` itself, so the run happens from the project
 * root and the archive's settings travel in the environment the config reads.
 */
import Eleventy from "@11ty/eleventy";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { codeFingerprint, PROJECT_ROOT } from "../code-fingerprint.ts";
import { readBuildState, STATE_FILE, writeBuildState } from "./build-state.ts";
import { installOutputWrites, takeWrittenCount } from "./output-writes.ts";
import { batches, outputFileOf, selectPages } from "./page-table.ts";
import { loadArticles, type SiteArticle } from "./load.ts";
import { buildData, handOver, siteContext } from "./plugin.ts";
import { staleShards } from "./search-shards.ts";

export { PROJECT_ROOT };

export interface SiteBuildOptions {
  articlesDir: string;
  /** Records of files in `articlesDir` already in memory, by file name (see `loadArticles`). */
  known?: ReadonlyMap<string, SiteArticle>;
  outputDir: string;
  siteUrl?: string | undefined;
  pathPrefix?: string | undefined;
}

function siteEnv(options: SiteBuildOptions): Record<string, string> {
  const env: Record<string, string> = { NEWS_ARCHIVE_ARTICLES: path.resolve(options.articlesDir) };
  if (options.siteUrl) env.NEWS_ARCHIVE_SITE_URL = options.siteUrl;
  if (options.pathPrefix) env.NEWS_ARCHIVE_PATH_PREFIX = options.pathPrefix;
  return env;
}

/** Copied as is, or written by Pagefind, not rendered: never pruned. */
const COPIED = new Set(["assets", "pagefind"]);

/**
 * Pages per Eleventy run. Eleventy holds every page of a run in memory until the run ends, and
 * each run costs a few tenths of a second to set up. At 10,000 articles (26,000 pages), runs
 * of 4,000 pages with a collection after each peaked at 0.92 GB (1.10 GB collecting as below),
 * against 1.13 GB for runs of 8,000 and 1.56 GB for one run without collections.
 */
const BATCH_PAGES = Number(process.env.NEWS_ARCHIVE_BATCH_PAGES) || 4000;

/**
 * A full garbage collection between Eleventy runs once their garbage has grown to the size of
 * what is live. What a run leaves is garbage once it ends, but V8 collects lazily while
 * allocation runs high: at 10,000 articles the process grew to 1.5 GB with about 350 MB live.
 * Collecting after every run would walk the whole live heap each time (2 GB, 27 times, at
 * 50,000 articles). The flag is set when first needed, so the CLI needs no node option and
 * commands that build no site never set it.
 */
let gcFunction: (() => void) | undefined;
let live = 0;

function gc(): void {
  if (!gcFunction) {
    setFlagsFromString("--expose-gc");
    gcFunction = runInNewContext("gc") as () => void;
  }
  gcFunction();
  live = process.memoryUsage().heapUsed;
}

/** A heap this large after ingest is collected before the site's index is built (see `buildSite`). */
const LARGE_HEAP = 2 ** 30;

function collectGarbage(): void {
  if (process.memoryUsage().heapUsed >= 2 * live) gc();
}

/**
 * Collects now: after the site is built its index is garbage, and Pagefind's process, which
 * runs next, needs gigabytes of its own. At 100,000 articles the machine's memory in use
 * peaked at 9.7 GB without this, 8.1 GB with it.
 */
export function releaseSiteMemory(): void {
  gc();
}

interface WriteResult {
  outputPath?: unknown;
}

export interface SiteBuildResult {
  /** Pages and feeds the site has. */
  pages: number;
  /** Of those, how many Eleventy rendered: the rest had the same records as in the last build. */
  rendered: number;
  /** Of those rendered, how many were (re)written because their bytes changed. */
  written: number;
  /** Files of earlier builds that this build no longer produces, removed. */
  removed: number;
  /** The search shards (years of articles) the site has, and those whose bundle must be built again. */
  search: { shards: string[]; stale: string[] };
  /** Records that the search bundles now match this build's article pages. */
  recordSearch(): Promise<void>;
  /** Seconds spent reading the articles, building the index, choosing pages, in Eleventy, and pruning. */
  timings: { load: number; index: number; select: number; render: number; prune: number };
}

/**
 * Builds the site into `outputDir`. Pages whose index record is unchanged since the last build
 * of this folder are not rendered at all; of those rendered, only changed bytes are written.
 */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const outputDir = path.resolve(options.outputDir);
  await installOutputWrites();
  takeWrittenCount();
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
  const site = await siteContext(options, path.join(PROJECT_ROOT, "templates", "_data"));
  const articles = await loadArticles(path.resolve(options.articlesDir), options.known);
  const load = lap();
  const data = buildData(site, articles);
  const index = lap();
  const code = await codeFingerprint(site);
  const [state, top] = await Promise.all([readBuildState(outputDir), readdir(outputDir).catch(() => undefined)]);
  const ours = top === undefined || top.length === 0 || top.includes(STATE_FILE);
  const previous = ours && state?.code === code ? state : undefined;
  const selection = selectPages(data.all, previous?.pages, (file) => existsSync(path.join(outputDir, file)));
  const select = lap();

  Object.assign(process.env, siteEnv(options));
  const cwd = process.cwd();
  process.chdir(PROJECT_ROOT);
  const produced = new Set(Object.keys(selection.digests).map(outputFileOf));
  const rendered = new Set<string>();
  const runs = batches(selection.todo, BATCH_PAGES);
  if (previous) {
    // Should this build die half way, the next must still know every page it may have written
    // (to prune it) and must not trust any of them (to render it again).
    const pending: Record<string, string> = { ...previous.pages };
    for (const url of Object.keys(selection.digests)) if (previous.pages[url] !== selection.digests[url]) pending[url] = "pending";
    await writeBuildState(outputDir, { ...previous, pages: pending });
  }
  try {
    for (const todo of runs) {
      handOver({ ...data, todo });
      const eleventy = new Eleventy("templates", outputDir, { configPath: "eleventy.config.ts", quietMode: true });
      const results = await eleventy.write();
      // One-off pages (search, sitemap, ...) are known only from Eleventy's results.
      const templates = (Array.isArray(results) ? (results[1] as WriteResult[] | undefined) : undefined) ?? [];
      for (const r of templates) if (typeof r.outputPath === "string") rendered.add(path.relative(outputDir, path.resolve(PROJECT_ROOT, r.outputPath)).split(path.sep).join("/"));
      collectGarbage();
    }
  } finally {
    handOver(undefined);
    process.chdir(cwd);
  }
  const render = lap();
  for (const file of rendered) produced.add(file);
  const written = takeWrittenCount();
  // What the last build produced is known from its state; without one, from the folder itself.
  const before = previous ? Object.keys(previous.pages).map(outputFileOf) : ours && top?.length ? await listFiles(outputDir) : [];
  const removed = await prune(outputDir, before, produced);
  const { searchDigests } = selection;
  const stale = staleShards(previous?.search, searchDigests, (shard) => existsSync(path.join(outputDir, "pagefind", shard, "pagefind-entry.json")));
  // The shards about to be indexed again lose their digests first: should the build die after
  // replacing one bundle but before recording it, the next build must not trust that bundle.
  const kept = Object.fromEntries(Object.entries(previous?.search ?? {}).filter(([shard]) => !stale.includes(shard)));
  const next = { code, pages: selection.digests, ...(Object.keys(kept).length ? { search: kept } : {}) };
  await writeBuildState(outputDir, next);
  return {
    pages: produced.size,
    rendered: rendered.size,
    written,
    removed,
    search: { shards: data.searchShards, stale },
    // Holds the digests alone: the search index, built next, needs all the memory it can get.
    recordSearch: () => writeBuildState(outputDir, { ...next, search: searchDigests }),
    timings: { load, index, select, render, prune: lap() },
  };
}

/** Every file below `dir` (`/`-separated, relative). Slow on a large site: seconds at 36,000 files. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

/** Removes files an earlier build wrote that this build does not produce (deleted articles, entities). */
async function prune(outputDir: string, before: readonly string[], produced: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const file of before) {
    const top = file.split("/")[0] ?? "";
    if (COPIED.has(top) || file === STATE_FILE || produced.has(file) || !existsSync(path.join(outputDir, file))) continue;
    await rm(path.join(outputDir, file), { force: true });
    removed++;
  }
  if (removed) await removeEmptyDirs(outputDir);
  return removed;
}

async function removeEmptyDirs(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  let empty = true;
  for (const e of entries) {
    if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name)))) continue;
    empty = false;
  }
  if (empty) await rm(dir, { recursive: true }).catch(() => undefined);
  return empty;
}

/** Serves `outputDir` with Eleventy's dev server, rebuilding on template or article changes. */
export async function serveSite(options: SiteBuildOptions, port: number): Promise<number> {
  // The server rewrites pages as seeds change, without recording digests: the next build must
  // not trust the last one's, so it renders everything (and the folder stays marked as ours).
  const outputDir = path.resolve(options.outputDir);
  if (existsSync(path.join(outputDir, STATE_FILE))) await writeBuildState(outputDir, { code: "served", pages: {} });
  const cli = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--config=eleventy.config.ts", "--input=templates", `--output=${path.resolve(options.outputDir)}`, "--serve", `--port=${port}`, "--quiet"],
    { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...siteEnv(options) } },
  );
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}
