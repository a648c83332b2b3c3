/**
 * A thread that builds search bundles (see `search-thread.ts`): Pagefind's npm module drives
 * its binary one request at a time, each reply handled on this thread's event loop, which
 * nothing else here blocks.
 */
import { parentPort, workerData } from "node:worker_threads";
import { indexSearch, type SearchIndexResult } from "./search-index.ts";

export interface SearchWorkerData {
  outputDir: string;
  language: string;
  stale: string[];
  processes: number;
}

export type SearchReply = { result: SearchIndexResult } | { error: string };

const { outputDir, language, stale, processes } = workerData as SearchWorkerData;

indexSearch(outputDir, language, stale, processes).then(
  (result) => parentPort?.postMessage({ result } satisfies SearchReply),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies SearchReply),
);
