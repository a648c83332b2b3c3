/**
 * A thread that builds search bundles (see `search-thread.ts`): it removes the bundles of shards
 * the site no longer has, then has Pagefind build those of `stale`. Pagefind's npm module
 * drives its binary one request at a time, each reply handled on this thread's event loop,
 * which nothing else here blocks.
 */
import { parentPort, workerData } from "node:worker_threads";
import { indexSearch, pruneSearchBundles, type SearchIndexResult } from "./search-index.ts";

export interface SearchWorkerData {
  outputDir: string;
  language: string;
  shards: string[];
  stale: string[];
  processes: number;
}

export type SearchReply = { result: SearchIndexResult } | { error: string; stack?: string };

const { outputDir, language, shards, stale, processes } = workerData as SearchWorkerData;

pruneSearchBundles(outputDir, shards)
  .then(() => indexSearch(outputDir, language, stale, processes))
  .then(
    (result) => parentPort?.postMessage({ result } satisfies SearchReply),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) } satisfies SearchReply),
  );
