/**
 * The second rendering thread of a large build (see `RenderThread`): builds its own copy of the
 * archive index from the articles it is given (the same pure function as the main thread, so
 * the same pages), then renders batches taken from the shared list until none is left.
 */
import { parentPort, workerData } from "node:worker_threads";
import { namedBatches, type PagedUrls } from "./page-table.ts";
import { buildData } from "./plugin.ts";
import { FAILED, READY, renderSharedRuns, type RunsResult } from "./render-runs.ts";
import type { SiteArticle } from "./load.ts";
import type { SiteContext } from "./urls.ts";

export interface RenderWorkerData {
  module: string;
  site: SiteContext;
  articles: SiteArticle[];
  outputDir: string;
}

export interface RenderRequest {
  runs: PagedUrls[];
  counters: Int32Array;
}

export type RenderReply = { result: RunsResult } | { error: string };

const { site, articles, outputDir } = workerData as RenderWorkerData;
let data: ReturnType<typeof buildData> | undefined;
let failure: unknown;
try {
  data = buildData(site, articles);
} catch (error) {
  failure = error;
}

parentPort?.once("message", ({ runs, counters }: RenderRequest) => {
  const reply = (message: RenderReply): void => parentPort?.postMessage(message);
  const fail = (error: unknown): void => {
    Atomics.store(counters, FAILED, 1);
    reply({ error: error instanceof Error ? error.message : String(error) });
  };
  let batches;
  try {
    if (!data) throw failure;
    batches = namedBatches(data.all, runs);
  } catch (error) {
    fail(error);
    return;
  } finally {
    Atomics.store(counters, READY, 1);
    Atomics.notify(counters, READY);
  }
  renderSharedRuns(data, batches, outputDir, counters).then((result) => reply({ result }), fail);
});
