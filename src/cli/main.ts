/**
 * `news-archive`: the command line. `ingest` turns seeds into Markdown; `build` ingests and
 * renders the site. Exit codes: 0 when every seed became an article, 2 when some were rejected
 * (all others still written), 1 on a fatal error.
 */
import { Command, InvalidArgumentError } from "commander";
import { existsSync, readFileSync, realpathSync, watch, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { isValidZone } from "../dates/resolve.ts";
import { IngestError } from "../ingest/errors.ts";
import { writeAtomic } from "../ingest/files.ts";
import { type Ingested, ingestArticles, type IngestReport } from "../ingest/pipeline.ts";
import { defaultArticlesDir } from "../build-folders.ts";
import { buildSite, PROJECT_ROOT, releaseSiteMemory, serveSite, type SiteBuildResult } from "../site/eleventy.ts";
import { siteArticleOf, type SiteArticle } from "../site/load.ts";
import { noteContentDigest } from "../site/article-digest.ts";
import { loadEleventy } from "../site/render-runs.ts";
import { indexSearch, pruneSearchBundles } from "../site/search-index.ts";
import { searchThread } from "../site/search-thread.ts";
import { STATE_FILE } from "../site/build-state.ts";
import { siteAddress } from "../site/urls.ts";
import { progressReporter } from "./progress.ts";

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_REJECTS = 2;

interface IngestFlags {
  seeds: string;
  out: string;
  manifest?: string;
  entities?: string;
  report?: string;
  timezone: string;
  timings?: boolean;
}

interface BuildFlags {
  seeds: string;
  output: string;
  articles?: string;
  manifest?: string;
  entities?: string;
  siteUrl?: string;
  pathPrefix?: string;
  report?: string;
  timezone: string;
  timings?: boolean;
  serve?: boolean;
  port: number;
  renderThreads: number;
}

function zone(value: string): string {
  if (!isValidZone(value)) throw new InvalidArgumentError(`"${value}" is not an IANA time zone (e.g. UTC, Europe/London)`);
  return value;
}

function siteUrl(value: string): string {
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) throw new InvalidArgumentError(`"${value}" is not an absolute http(s) URL`);
  return value;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number`);
  return n;
}

/**
 * Two render threads (and two Pagefind processes) where there are two cores: since each
 * Eleventy run's pages are collected as soon as it ends (`render-runs.ts`), the second thread's
 * index fits the memory aimed for (10,000 articles: 1.10 GB with two threads, 0.78 GB with
 * one); on one core a second thread would only compete with the first.
 */
const DEFAULT_RENDER_THREADS = Math.min(2, availableParallelism());

function renderThreads(value: string): number {
  if (value !== "1" && value !== "2") throw new InvalidArgumentError(`"${value}" is not 1 or 2`);
  return Number(value);
}

async function requireDir(dir: string, what: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new IngestError(`${what} folder not found: ${dir}`, { file: dir });
}

/** How each stage of a build went, added to the ingest report for `build --report`. */
interface BuildReport extends IngestReport {
  /** `changed`: the rebuild indexed only what changed since the last build (see `SiteBuildResult.changed`). */
  site?: { output: string; pages: number; rendered: number; threads: number; written: number; removed: number; seconds: number; timings: SiteBuildResult["timings"]; changed?: SiteBuildResult["changed"] };
  /**
   * Articles indexed by this run, and which of the site's search bundles (one per year, or per month in the latest year) they
   * went into; `unchanged`: no article's indexed text changed, so every bundle was kept.
   */
  /** `alongside`: indexed while the site's last pages rendered (see `SiteBuildOptions.searchAlongside`). */
  search?: { pages: number; shards: number; indexed: string[]; seconds: number; unchanged?: true; alongside?: true };
}

const countStatus = (report: IngestReport, status: string): number => report.articles.filter((a) => a.status === status).length;

function printProblems(report: IngestReport): void {
  for (const w of report.warnings) console.error(`warning: ${w.file}: ${w.message}`);
  for (const r of report.rejected) console.error(`rejected: ${r.file}: ${r.reason}`);
}

function printTimings(report: IngestReport): void {
  const t = report.timings;
  const perThread = t.extractCpu > 0 ? Math.round(t.extracted / t.extractCpu) : 0;
  console.log(
    `timings: read+parse ${t.read} s (${t.parsed} of ${report.seeds} seeds parsed, the rest known to the seed cache; extraction runs meanwhile), extract ${t.extracted} articles on ${t.threads} thread(s), ${t.extract} s of it after the reading (${perThread} articles/s per thread, model load ${t.modelLoad} s excluded), canonicalise ${t.canonicalise} s, write ${t.write} s`,
  );
}

/** The last line of every run; writes the report; returns the exit code. */
async function finish(report: BuildReport, reportFile: string | undefined): Promise<number> {
  const c = (s: string): number => countStatus(report, s);
  console.log(`${report.seeds} seeds: ${c("written")} written, ${c("unchanged")} unchanged, ${c("duplicate")} duplicates, ${report.rejected.length} rejected`);
  if (reportFile) await writeAtomic(path.resolve(reportFile), `${JSON.stringify(report, null, 2)}\n`);
  return report.rejected.length ? EXIT_REJECTS : EXIT_OK;
}

async function ingestSeeds(flags: IngestFlags, whileExtracting?: () => void, requireSeeds = false): Promise<Ingested> {
  await requireDir(flags.seeds, "seeds");
  const progress = progressReporter("ingest");
  try {
    return await ingestArticles({
      seedsDir: path.resolve(flags.seeds),
      outDir: path.resolve(flags.out),
      ...(flags.manifest ? { manifestPath: path.resolve(flags.manifest) } : {}),
      ...(flags.entities ? { entitiesPath: path.resolve(flags.entities) } : {}),
      timezone: flags.timezone,
      onProgress: progress.update,
      ...(whileExtracting ? { whileExtracting } : {}),
      requireSeeds,
    });
  } finally {
    progress.stop();
  }
}

async function runIngest(flags: IngestFlags): Promise<number> {
  const { report } = await ingestSeeds(flags);
  printProblems(report);
  if (flags.timings) printTimings(report);
  return finish(report, flags.report);
}

/** What the CLI reads of `site.json` itself: the language, for Pagefind's stemming, and the URL the site is served from unless `--site-url` says. */
async function siteSettings(): Promise<{ language: string; url: string }> {
  const site = JSON.parse(await readFile(path.join(PROJECT_ROOT, "templates/_data/site.json"), "utf8")) as { language?: string; url: string };
  return { language: site.language ?? "en", url: site.url };
}

/**
 * Ingest's records as the site reads them, by file name, each with the digest ingest made of
 * it (so the site need not digest its content again); empties `articles` as it goes.
 */
function siteRecords({ articles, digests }: Ingested): Map<string, SiteArticle> {
  const out = new Map<string, SiteArticle>();
  for (const [file, article] of articles) {
    const record = siteArticleOf(article);
    const digest = digests.get(file);
    if (digest !== undefined) noteContentDigest(record, digest);
    out.set(file, record);
    articles.delete(file);
  }
  return out;
}

/** Whether `inner` is `outer` or a folder below it (`out/..seeds` is below `out`). */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** `dir` with its links resolved as far as it exists (what is below that is kept as named). */
function realFolder(dir: string): string {
  const absolute = path.resolve(dir);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realFolder(parent), path.basename(absolute));
  }
}

/**
 * Refuses, before any work, folders a build would harm: an output folder that is the seeds
 * folder or holds it (a rebuild removes the pages it no longer produces), or lies inside it (its
 * pages, `robots.txt` among them, would be read as seeds), or that is a file; a report that
 * would replace a folder.
 */
async function checkBuildPaths(flags: BuildFlags): Promise<void> {
  const seeds = realFolder(flags.seeds);
  const output = realFolder(flags.output);
  if (within(seeds, output)) throw new Error(`the seeds folder ${path.resolve(flags.seeds)} is inside the output folder ${path.resolve(flags.output)} (or is it): give the site a folder of its own`);
  if (within(output, seeds)) throw new Error(`the output folder ${path.resolve(flags.output)} is inside the seeds folder ${path.resolve(flags.seeds)}: its pages would be read as seeds; give the site a folder outside it`);
  if (flags.articles && within(realFolder(flags.articles), output)) {
    throw new Error(`the articles folder ${path.resolve(flags.articles)} is inside the output folder ${path.resolve(flags.output)} (or is it): the site would publish the Markdown and its caches`);
  }
  const outputInfo = await stat(output).catch(() => undefined);
  if (outputInfo && !outputInfo.isDirectory()) throw new Error(`the output ${path.resolve(flags.output)} is not a folder`);
  if (flags.report && (await stat(path.resolve(flags.report)).catch(() => undefined))?.isDirectory()) throw new Error(`the report ${path.resolve(flags.report)} is a folder, not a file`);
}

/**
 * Refuses a port another program listens on, before building: Eleventy's server would move to
 * the next port without a word, and the archive be served somewhere other than asked.
 */
async function requireFreePort(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is in use: choose another with --port`) : error),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

async function runBuild(flags: BuildFlags): Promise<number> {
  // Where the site is served is checked before ingest (see `siteAddress`), and its folders.
  const settings = await siteSettings();
  siteAddress(flags.siteUrl ?? settings.url, flags.pathPrefix);
  await requireDir(flags.seeds, "seeds");
  await checkBuildPaths(flags);
  if (flags.serve) await requireFreePort(flags.port);
  const articlesDir = path.resolve(flags.articles ?? defaultArticlesDir(flags.output));
  const ingestFlags: IngestFlags = {
    seeds: flags.seeds,
    out: articlesDir,
    timezone: flags.timezone,
    ...(flags.manifest ? { manifest: flags.manifest } : {}),
    ...(flags.entities ? { entities: flags.entities } : {}),
  };
  // Eleventy's module is imported while ingest waits for its extraction workers, with the
  // main thread idle, or else when the site renders (a failure is reported there). Not for a
  // rebuild, which renders its pages without Eleventy unless there are thousands of them
  // (`direct-render.ts`): in a one-seed rebuild the import's 0.24-0.27 s were not all idle time.
  const output = path.resolve(flags.output);
  const rebuild = existsSync(path.join(output, STATE_FILE));
  const ingested = await ingestSeeds(ingestFlags, rebuild ? undefined : () => void loadEleventy().catch(() => undefined), true);
  const report: BuildReport = ingested.report;
  printProblems(report);
  if (!report.articles.some((a) => a.status !== "duplicate")) {
    // A build from no article would unpublish every page: a wrong path, a folder not mounted.
    const seedsDir = path.resolve(flags.seeds);
    console.error(`news-archive: no article to build from ${seedsDir} (${report.seeds ? `all ${report.seeds} of its seeds were rejected` : "it holds no *.txt seed"}); the site is left as it is`);
    await finish(report, flags.report);
    return EXIT_FATAL;
  }
  const site = { articlesDir, outputDir: output, siteUrl: flags.siteUrl, pathPrefix: flags.pathPrefix, renderThreads: flags.renderThreads };
  const started = performance.now();
  // Ingest has the records it just wrote (or found unchanged) in memory: the site need not read
  // them back. Nothing here keeps them once the site is built: Pagefind, next, needs the memory.
  const { language } = settings;
  // As many Pagefind processes as render threads: `--render-threads 1` is how to spend less memory.
  const processes = flags.renderThreads;
  const known = siteRecords(ingested);
  // Only a rebuild indexes alongside (see `articlesFirst`): its thread starts now, to be ready.
  const search = rebuild ? searchThread() : undefined;
  const searchAlongside = search && ((shards: readonly string[], stale: readonly string[]) => search.ask({ outputDir: output, language, shards: [...shards], stale: [...stale], processes }));
  // A build that fails after asking it lets the search thread finish (see `RequestThread.stop`).
  const built = await buildSite({ ...site, known, ...(searchAlongside ? { searchAlongside } : {}) }).catch(async (error: unknown) => {
    await search?.stop();
    throw error;
  });
  // Not asked: the rebuild changed no search shard, or more than one.
  if (!built.search.indexing) await search?.stop();
  const { pages, rendered, threads, written, removed } = built;
  report.site = { output, pages, rendered, threads, written, removed, seconds: round((performance.now() - started) / 1000), timings: built.timings, ...(built.changed ? { changed: built.changed } : {}) };
  console.log(
    `site: ${output}: ${pages} pages and feeds, ${rendered === pages ? "all rendered" : `${rendered} rendered (${pages - rendered} unchanged since the last build)`}${threads > 1 ? ` on ${threads} threads` : ""}, ${written} new or changed on disk, ${removed} stale removed (${report.site.seconds} s)`,
  );
  const { shards, stale, indexing } = built.search;
  if (!indexing) await pruneSearchBundles(output, shards);
  if (stale.length) {
    if (!indexing) releaseSiteMemory(stale.length);
    const search = await (indexing ?? indexSearch(output, language, stale, processes));
    await built.recordSearch();
    report.search = { pages: search.pages, shards: shards.length, indexed: [...stale], seconds: round(search.seconds), ...(indexing ? { alongside: true as const } : {}) };
    const names = stale.length > 6 ? `${stale.slice(0, 3).join(", ")}, … ${stale.at(-1) ?? ""}` : stale.join(", ");
    console.log(`search: ${search.pages} articles indexed into ${stale.length} of ${shards.length} search bundles: ${names} (${report.search.seconds} s${indexing ? ", beside the site's last pages" : ""})`);
  } else {
    report.search = { pages: 0, shards: shards.length, indexed: [], seconds: 0, unchanged: true };
    console.log("search: no article's indexed text changed; index kept");
  }
  if (flags.timings) {
    printTimings(report);
    const st = built.timings;
    const only = built.changed ? ` (of what changed: ${built.changed.articles} articles new or changed, the lists of ${built.changed.terms} terms looked at)` : "";
    console.log(`site timings: read articles and last build's state ${st.load} s, index ${st.index} s${only}, choose pages ${st.select} s, render ${st.render} s, prune ${st.prune} s`);
  }
  const code = await finish(report, flags.report);
  if (!flags.serve) return code;

  // Re-ingest when a seed changes; Eleventy's watcher then rebuilds the pages.
  let timer: NodeJS.Timeout | undefined;
  watch(path.resolve(flags.seeds), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void runIngest(ingestFlags).catch((e: unknown) => console.error(String(e))), 300);
  });
  return serveSite(site, flags.port);
}

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

/** This package's version, from its `package.json`. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function program(): Command {
  const cli = new Command("news-archive")
    .description("Turn a folder of plain-text news articles into a browsable, subscribable static archive.")
    .version(packageVersion())
    .showHelpAfterError();

  cli
    .command("ingest")
    .description("turn every *.txt under the seeds folder into Markdown with YAML front matter")
    .requiredOption("--seeds <dir>", "folder of seed .txt files (subfolders are sections)")
    .requiredOption("--out <dir>", "folder for the Markdown files")
    .option("--manifest <file>", "CSV of per-seed metadata (default: <seeds>/manifest.csv if present)")
    .option("--entities <file>", "editorial entity overrides (default: <seeds>/entities.yaml if present)")
    .option("--report <file>", "write a JSON report of every input")
    .option("--timezone <zone>", "IANA zone for manifest times without an offset", zone, "UTC")
    .option("--timings", "print how long each ingest phase took")
    .action(async (flags: IngestFlags) => {
      process.exitCode = await runIngest(flags);
    });

  cli
    .command("build")
    .description("ingest the seeds, then render the site with Eleventy")
    .option("--seeds <dir>", "folder of seed .txt files", "seeds")
    .option("--output <dir>", "folder for the built site", "_site")
    .option("--articles <dir>", "folder for the ingested Markdown (default: .cache/build/<output's absolute path, made a name>-<digest>/articles under the project)")
    .option("--manifest <file>", "CSV of per-seed metadata (default: <seeds>/manifest.csv if present)")
    .option("--entities <file>", "editorial entity overrides (default: <seeds>/entities.yaml if present)")
    .option("--site-url <url>", "absolute URL the site is served from, e.g. https://example.org/news/ (feeds, sitemap, canonical links; a path in it is the path prefix)", siteUrl)
    .option("--path-prefix <path>", "serve the site under this path, e.g. /archive/")
    .option("--report <file>", "write a JSON report of every input")
    .option("--timezone <zone>", "IANA zone for manifest times without an offset", zone, "UTC")
    .option("--timings", "print how long each phase of ingest and of the site took")
    .option("--render-threads <n>", "threads rendering pages, 1 or 2; the default is 2 on a machine with two cores or more: faster, with more memory", renderThreads, DEFAULT_RENDER_THREADS)
    .option("--serve", "after building, serve the site and rebuild on changes")
    .option("--port <n>", "port for --serve", port, 8080)
    .action(async (flags: BuildFlags) => {
      process.exitCode = await runBuild(flags);
    });

  return cli;
}

/**
 * The main thread's seconds on a core and waiting for one (Linux's schedstat; undefined
 * elsewhere), for the benchmark: a build waits on its main thread, which its own worker
 * threads and V8's background threads compete with for the cores.
 */
function mainThreadTimes(): { onCpu: number; waiting: number } | undefined {
  try {
    const [onCpu = NaN, waiting = NaN] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").trim().split(" ").map(Number);
    return Number.isFinite(onCpu) && Number.isFinite(waiting) ? { onCpu: onCpu / 1e9, waiting: waiting / 1e9 } : undefined;
  } catch {
    return undefined;
  }
}

export async function main(argv: string[]): Promise<void> {
  // The benchmark reads this process's peak memory (worker threads included) and its main
  // thread's times from here.
  const usageFile = process.env.NEWS_ARCHIVE_RUSAGE;
  if (usageFile) process.on("exit", () => writeFileSync(usageFile, JSON.stringify({ ...process.resourceUsage(), mainThread: mainThreadTimes() })));
  try {
    await program().parseAsync(argv);
  } catch (error) {
    const where = error instanceof IngestError && !error.message.includes(error.file) ? ` (${error.file})` : "";
    console.error(`news-archive: ${error instanceof Error ? error.message : String(error)}${where}`);
    if (process.env.NEWS_ARCHIVE_DEBUG) console.error(error);
    process.exitCode = EXIT_FATAL;
  }
}
