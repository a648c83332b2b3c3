/**
 * A second thread rendering the site beside the main one (`render-worker.ts`). Eleventy renders
 * on one core; on a large build the other core, idle once ingest is done, renders half the
 * batches. It builds its own copy of the index from the articles, while the main thread builds
 * its own and chooses the pages, so it is ready about when the rendering starts.
 */
import { Worker } from "node:worker_threads";
import { urlsOf, type PagedItems } from "./page-table.ts";
import type { SiteArticle } from "./load.ts";
import { READY, type RunsResult } from "./render-runs.ts";
import type { RenderReply, RenderRequest, RenderWorkerData } from "./render-worker.ts";
import type { SiteContext } from "./urls.ts";

export class RenderThread {
  private readonly worker: Worker;
  private readonly reply: Promise<RenderReply>;

  constructor(site: SiteContext, articles: readonly SiteArticle[], outputDir: string) {
    const data: RenderWorkerData = { module: new URL("./render-worker.ts", import.meta.url).href, site, articles: [...articles], outputDir };
    this.worker = new Worker(new URL("../worker-entry.js", import.meta.url), { workerData: data });
    this.reply = new Promise<RenderReply>((resolve, reject) => {
      this.worker.once("message", resolve);
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`the second rendering thread stopped (exit code ${code})`)));
    });
    // Observed here so that a failure is not an unhandled rejection before `finish` reports it.
    this.reply.catch(() => undefined);
  }

  /**
   * Gives the thread the batches to take from, through the shared counters. With `wait`, blocks
   * until the thread is ready (or failed, or a minute passed), so that two threads render: a
   * cold build's second thread is then about as far as this one.
   */
  start(runs: readonly PagedItems[], counters: Int32Array, { wait }: { wait: boolean }): void {
    const request: RenderRequest = { runs: runs.map(urlsOf), counters };
    this.worker.postMessage(request);
    if (wait) Atomics.wait(counters, READY, 0, 60_000);
  }

  /** Waits for the thread's last batch; throws its failure. */
  async finish(): Promise<RunsResult> {
    try {
      const reply = await this.reply;
      if ("error" in reply) throw new Error(reply.error);
      return reply.result;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the thread now: it has nothing to render, or the build failed. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
