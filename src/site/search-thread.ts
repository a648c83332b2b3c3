/**
 * `indexSearch` on a thread of its own, for a rebuild that indexes while its main thread still
 * renders pages (see `buildSite`'s `searchAlongside`). Driven from the main thread, Pagefind's
 * steps would each wait for the Eleventy run in progress, since the event loop does not turn
 * during one; from this thread its binary goes from step to step at once.
 */
import { moduleBeside } from "../code-location.ts";
import { tsWorker } from "../ts-worker.ts";
import type { SearchIndexResult } from "./search-index.ts";
import type { SearchReply, SearchWorkerData } from "./search-worker.ts";

export function indexSearchInThread(outputDir: string, language: string, stale: readonly string[], processes: number): Promise<SearchIndexResult> {
  const data: SearchWorkerData = { outputDir, language, stale: [...stale], processes };
  const worker = tsWorker(moduleBeside("./search-worker", import.meta.url), data);
  return new Promise<SearchIndexResult>((resolve, reject) => {
    worker.once("message", (reply: SearchReply) => ("error" in reply ? reject(new Error(reply.error)) : resolve(reply.result)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the search thread stopped (exit code ${code}) before it finished`)));
  }).finally(() => worker.terminate());
}
