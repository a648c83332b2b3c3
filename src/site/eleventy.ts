/**
 * Runs Eleventy on `templates/` for one archive. Eleventy resolves its folders against the
 * working directory and loads `eleventy.config.ts` itself, so the run happens from the project
 * root and the archive's settings travel in the environment the config reads.
 */
import Eleventy from "@11ty/eleventy";
import { spawn } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeIfChanged } from "../ingest/files.ts";
import { installOutputWrites, takeWrittenCount } from "./output-writes.ts";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

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

/** Marks an output folder as ours, so pages left from earlier builds may be removed from it. */
const MARKER = ".news-archive-build";
/** Copied as is, or written by Pagefind, not rendered: never pruned. */
const COPIED = new Set(["assets", "pagefind"]);

interface WriteResult {
  outputPath?: unknown;
}

export interface SiteBuildResult {
  /** Pages and feeds the build produced. */
  pages: number;
  /** Of those, how many were (re)written because their bytes changed; the rest were left as they were. */
  written: number;
  /** Files of earlier builds that this build no longer produces, removed. */
  removed: number;
}

/** Builds the site into `outputDir`, rewriting only pages whose content changed. */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const outputDir = path.resolve(options.outputDir);
  await installOutputWrites();
  takeWrittenCount();
  const ours = await isOurs(outputDir);
  Object.assign(process.env, siteEnv(options));
  const previous = process.cwd();
  process.chdir(PROJECT_ROOT);
  let results: unknown;
  try {
    const eleventy = new Eleventy("templates", outputDir, { configPath: "eleventy.config.ts", quietMode: true });
    results = await eleventy.write();
  } finally {
    process.chdir(previous);
  }
  const templates = (Array.isArray(results) ? (results[1] as WriteResult[] | undefined) : undefined) ?? [];
  const written = new Set(templates.map((r) => r.outputPath).filter((p): p is string => typeof p === "string").map((p) => path.resolve(PROJECT_ROOT, p)));
  await writeIfChanged(path.join(outputDir, MARKER), "Built by news-archive; files not written by the latest build are removed.\n");
  const removed = ours && written.size ? await prune(outputDir, written) : 0;
  return { pages: written.size, written: takeWrittenCount(), removed };
}

async function isOurs(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => undefined);
  return names === undefined || names.length === 0 || names.includes(MARKER);
}

/** Removes rendered files an earlier build wrote that this build did not (deleted articles, entities). */
async function prune(outputDir: string, written: Set<string>): Promise<number> {
  let removed = 0;
  const entries = await readdir(outputDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === MARKER) continue;
    const file = path.join(entry.parentPath, entry.name);
    const top = path.relative(outputDir, file).split(path.sep)[0] ?? "";
    if (COPIED.has(top) || written.has(file)) continue;
    await rm(file);
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
