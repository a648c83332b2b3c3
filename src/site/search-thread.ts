/**
 * `pruneSearchBundles` and `indexSearch` on a thread of their own, for a rebuild that indexes
 * while its main thread still digests and renders pages (see `articlesFirst` in
 * `eleventy.ts`). The thread starts when this is called, not when the main thread's event
 * loop next turns (a promise chain started here would wait for that, and the loop does not
 * turn during the digests or an Eleventy run); from then on Pagefind goes from step to step
 * on the thread's own loop.
 */
import { moduleBeside } from "../code-location.ts";
import { tsWorker } from "../ts-worker.ts";
import type { SearchIndexResult } from "./search-index.ts";
import type { SearchReply, SearchWorkerData } from "./search-worker.ts";

export function indexSearchInThread(outputDir: string, language: string, shards: readonly string[], stale: readonly string[], processes: number): Promise<SearchIndexResult> {
  const data: SearchWorkerData = { outputDir, language, shards: [...shards], stale: [...stale], processes };
  const worker = tsWorker(moduleBeside("./search-worker", import.meta.url), data);
  return new Promise<SearchIndexResult>((resolve, reject) => {
    worker.once("message", (reply: SearchReply) => ("error" in reply ? reject(new Error(reply.error, reply.stack ? { cause: reply.stack } : {})) : resolve(reply.result)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the search thread stopped (exit code ${code}) before it finished`)));
  }).finally(() => worker.terminate());
}
