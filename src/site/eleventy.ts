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
import { codeFingerprint, PROJECT_ROOT } from "../code-fingerprint.ts";
import { readBuildState, STATE_FILE, writeBuildState } from "./build-state.ts";
import { installOutputWrites, takeWrittenCount } from "./output-writes.ts";
import { batches, outputFileOf, selectPages } from "./page-table.ts";
import { handOver, loadBuildData } from "./plugin.ts";

export { PROJECT_ROOT };

export interface SiteBuildOptions {
  articlesDir: string;
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
 * Pages per Eleventy run. Eleventy holds every page of a run in memory until the run ends;
 * each run costs about a second of set-up. 8,000 pages keep a 10,000-article build to four runs.
 */
export const BATCH_PAGES = Number(process.env.NEWS_ARCHIVE_BATCH_PAGES) || 8000;

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
  /** Eleventy runs (batches of pages). */
  runs: number;
  /** Whether the article pages differ from those the search index was last built from. */
  searchStale: boolean;
  /** Records that the search index now matches this build's article pages. */
  recordSearch(): Promise<void>;
}

/**
 * Builds the site into `outputDir`. Pages whose index record is unchanged since the last build
 * of this folder are not rendered at all; of those rendered, only changed bytes are written.
 */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const outputDir = path.resolve(options.outputDir);
  await installOutputWrites();
  takeWrittenCount();
  const dataDir = path.join(PROJECT_ROOT, "templates", "_data");
  const data = await loadBuildData({ articlesDir: path.resolve(options.articlesDir), siteUrl: options.siteUrl, pathPrefix: options.pathPrefix }, dataDir);
  const code = await codeFingerprint(data.site);
  const [state, existing] = await Promise.all([readBuildState(outputDir), listFiles(outputDir)]);
  const ours = existing === undefined || existing.size === 0 || existing.has(STATE_FILE);
  const previous = ours && state?.code === code ? state : undefined;
  const selection = selectPages(data.all, previous?.pages, existing ?? new Set());

  Object.assign(process.env, siteEnv(options));
  const cwd = process.cwd();
  process.chdir(PROJECT_ROOT);
  const produced = new Set(Object.keys(selection.digests).map(outputFileOf));
  const rendered = new Set<string>();
  const runs = batches(selection.todo, BATCH_PAGES);
  try {
    for (const todo of runs) {
      handOver({ ...data, todo });
      const eleventy = new Eleventy("templates", outputDir, { configPath: "eleventy.config.ts", quietMode: true });
      const results = await eleventy.write();
      // One-off pages (search, sitemap, ...) are known only from Eleventy's results.
      const templates = (Array.isArray(results) ? (results[1] as WriteResult[] | undefined) : undefined) ?? [];
      for (const r of templates) if (typeof r.outputPath === "string") rendered.add(path.relative(outputDir, path.resolve(PROJECT_ROOT, r.outputPath)).split(path.sep).join("/"));
    }
  } finally {
    handOver(undefined);
    process.chdir(cwd);
  }
  for (const file of rendered) produced.add(file);
  const written = takeWrittenCount();
  const removed = ours && existing ? await prune(outputDir, existing, produced) : 0;
  const next = { code, pages: selection.digests, ...(previous?.search ? { search: previous.search } : {}) };
  await writeBuildState(outputDir, next);
  const searchStale = next.search !== selection.articlesDigest || !existsSync(path.join(outputDir, "pagefind", "pagefind-entry.json"));
  return {
    pages: produced.size,
    rendered: rendered.size,
    written,
    removed,
    runs: runs.length,
    searchStale,
    recordSearch: () => writeBuildState(outputDir, { ...next, search: selection.articlesDigest }),
  };
}

/** Every file below `dir` (`/`-separated, relative), or undefined when there is no such folder. */
async function listFiles(dir: string): Promise<Set<string> | undefined> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return undefined;
  return new Set(entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")));
}

/** Removes rendered files an earlier build wrote that this build does not produce (deleted articles, entities). */
async function prune(outputDir: string, existing: ReadonlySet<string>, produced: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const file of existing) {
    const top = file.split("/")[0] ?? "";
    if (COPIED.has(top) || file === STATE_FILE || produced.has(file)) continue;
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
export function serveSite(options: SiteBuildOptions, port: number): Promise<number> {
  const cli = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--config=eleventy.config.ts", "--input=templates", `--output=${path.resolve(options.outputDir)}`, "--serve", `--port=${port}`, "--quiet"],
    { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...siteEnv(options) } },
  );
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}
