/**
 * Full-text search: Pagefind indexes the built article pages (their text marked
 * `data-pagefind-body`) into one bundle per search shard, a year or a month of articles
 * (`<output>/pagefind/<shard>/`, see `search-shards.ts`), which the search page merges. Only the
 * shards named stale are indexed again. Its binary ships inside the npm package; nothing is
 * downloaded.
 */
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { shardGlob } from "./search-shards.ts";

export interface SearchIndexResult {
  /** Article pages in the bundles built by this run. */
  pages: number;
  seconds: number;
}

/**
 * What a build writes in `<output>/pagefind/`: a shard's bundle (`2016`, `2024-12`, `undated`),
 * one being replaced (`.new`, `.old`), and the files of the single bundle of earlier versions
 * (`pagefind.js`, `pagefind-entry.json`, `wasm.en.pagefind`, `fragment/`, `index/`, `filter/`, ...).
 */
export const isBundleEntry = (name: string): boolean =>
  /^(\d{4}(-\d{2})?|undated)(\.new|\.old)?$/.test(name) || /^pagefind[\w.-]*\.(js|css|json|pf_meta)$/.test(name) || /^wasm\.[\w-]+\.pagefind$/.test(name) || ["fragment", "index", "filter"].includes(name);

/**
 * Removes what a build wrote in `<output>/pagefind/` that is not a bundle of `shards`: years no
 * longer in the archive, the months of a year no longer the latest (or the year that now is),
 * an unfinished bundle, the single bundle of earlier versions; nothing else (`isBundleEntry`).
 * Returns how many.
 */
export async function pruneSearchBundles(outputDir: string, shards: readonly string[]): Promise<number> {
  const root = path.join(outputDir, "pagefind");
  const keep = new Set(shards);
  let removed = 0;
  for (const entry of await readdir(root).catch(() => [])) {
    if (keep.has(entry) || !isBundleEntry(entry)) continue;
    await rm(path.join(root, entry), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

type Pagefind = typeof pagefind;

/**
 * Pagefind's npm module starts one indexing process per module instance; the same file loaded
 * under another URL is another instance, with a process of its own.
 */
async function pagefindInstance(i: number): Promise<Pagefind> {
  return i === 0 ? pagefind : ((await import(`${import.meta.resolve("pagefind")}?process=${i}`)) as Pagefind);
}

/**
 * Builds the bundles of the `stale` shards (the rest are left as they are: see
 * `pruneSearchBundles`) with up to `processes` Pagefind processes at once, a shard each. One
 * process keeps about one and a half cores busy and serves its requests one after another:
 * two indexed the 15 years of a 10,000-article site in 10.3 and 12.0 s against 15.9 and
 * 18.5 s for one (alternating runs), with twice the memory of one year's index.
 */
export async function indexSearch(outputDir: string, language: string, stale: readonly string[], processes = 1): Promise<SearchIndexResult> {
  const started = Date.now();
  const queue = [...stale];
  const instances = await Promise.all(Array.from({ length: Math.min(processes, queue.length) }, (_, i) => pagefindInstance(i)));
  let pages = 0;
  let failure: { error: unknown } | undefined;
  try {
    // Each process takes the next shard as it finishes one. The first failure leaves the rest
    // untaken; the other process finishes the shard it has (closing it mid-way would leave its
    // index to be deleted by a process started anew), and that first failure is the one reported.
    await Promise.all(
      instances.map(async (instance) => {
        for (let shard = queue.shift(); shard !== undefined; shard = queue.shift()) {
          try {
            // Not `pages += await ...`: that reads `pages` before the wait, losing the other's counts.
            const indexed = await indexShard(instance, outputDir, language, shard);
            pages += indexed;
          } catch (error) {
            failure ??= { error };
            queue.length = 0;
          }
        }
      }),
    );
    if (failure) throw failure.error;
  } finally {
    await Promise.all(instances.map((instance) => instance.close()));
  }
  return { pages, seconds: (Date.now() - started) / 1000 };
}

/** Builds one shard's bundle beside the old one, then puts it in its place; returns its page count. */
async function indexShard(instance: Pagefind, outputDir: string, language: string, shard: string): Promise<number> {
  const bundle = path.join(outputDir, "pagefind", shard);
  const fresh = `${bundle}.new`;
  const { index, errors } = await instance.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const added = await index.addDirectory({ path: outputDir, glob: shardGlob(shard) });
    if (added.errors.length) throw new Error(`Pagefind failed to index ${outputDir} (${shard}): ${added.errors.join("; ")}`);
    // A fresh bundle each time: Pagefind's fragment names change with content.
    await rm(fresh, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: fresh });
    if (written.errors.length) throw new Error(`Pagefind failed to write ${fresh}: ${written.errors.join("; ")}`);
  } finally {
    await index.deleteIndex();
  }
  // addDirectory counts every HTML file it read; the entry file says how many were indexed.
  const entry = JSON.parse(await readFile(path.join(fresh, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
  // Swapped by renames, so the shard's bundle is never missing; a leftover `.old` or `.new` is
  // removed by the next run (`pruneSearchBundles`).
  const old = `${bundle}.old`;
  await rm(old, { recursive: true, force: true });
  await rename(bundle, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(fresh, bundle);
  await rm(old, { recursive: true, force: true });
  return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
}
