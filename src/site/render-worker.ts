/**
 * The second rendering thread of a large build (see `RenderThread`): builds its own copy of the
 * archive index from the articles it is given (the same pure function as the main thread, so
 * the same pages), then renders batches taken from the shared list until none is left. Any
 * failure sets the shared flag at once, so the main thread stops taking batches.
 */
import { parentPort, workerData } from "node:worker_threads";
import { namedBatches, type PagedUrls } from "./page-table.ts";
import { buildData, type BuildData } from "./plugin.ts";
import { FAILED, loadEleventy, READY, renderSharedRuns, type RunsResult } from "./render-runs.ts";
import type { SiteArticle } from "./load.ts";
import type { SiteContext } from "./urls.ts";

export interface RenderWorkerData {
  counters: Int32Array;
  site: SiteContext;
  articles: SiteArticle[];
  outputDir: string;
}

export interface RenderRequest {
  runs: PagedUrls[];
}

export type RenderReply = { result: RunsResult } | { error: string; stack?: string };

/** An error's message with its causes (Eleventy wraps a template's error in `originalError`). */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? ((current as Error & { originalError?: unknown }).originalError ?? current.cause) : undefined;
  }
  return parts.join(": ");
}

const { counters, site, articles, outputDir } = workerData as RenderWorkerData;

function fail(error: unknown): void {
  Atomics.store(counters, FAILED, 1);
  Atomics.store(counters, READY, 1);
  Atomics.notify(counters, READY);
  parentPort?.postMessage({ error: describe(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) } satisfies RenderReply);
}

// Eleventy is imported first, as the static import used to: the thread's first batch then
// starts as soon as its index is built.
const prepared: Promise<BuildData> = loadEleventy().then(() => buildData(site, articles));
prepared.catch(fail);

parentPort?.once("message", ({ runs }: RenderRequest) => {
  prepared.then(
    (ready) =>
      Promise.resolve()
        .then(() => {
          const batches = namedBatches(ready.all, runs);
          Atomics.store(counters, READY, 1);
          Atomics.notify(counters, READY);
          return renderSharedRuns(ready, batches, outputDir, counters);
        })
        .then((result) => parentPort?.postMessage({ result } satisfies RenderReply), fail),
    // Already reported by `fail`.
    () => undefined,
  );
});
