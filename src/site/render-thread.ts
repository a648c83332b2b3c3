/**
 * A second thread rendering the site beside the main one (`render-worker.ts`). Eleventy renders
 * on one core; on a large build the other core, idle once ingest is done, renders batches too.
 * It builds its own copy of the index from the articles, while the main thread builds its own
 * and chooses the pages, and joins the rendering when it is ready: the batches are shared
 * through counters, so the main thread never waits for it to start.
 */
import type { Worker } from "node:worker_threads";
import { tsWorker } from "../ts-worker.ts";
import { moduleBeside } from "../code-location.ts";
import { urlsOf, type PagedItems } from "./page-table.ts";
import type { SiteArticle } from "./load.ts";
import { FAILED, READY, sharedCounters, type RunsResult } from "./render-runs.ts";
import type { RenderReply, RenderRequest, RenderWorkerData } from "./render-worker.ts";
import type { SiteContext } from "./urls.ts";

const ADVICE = "(build with --render-threads 1 to render on one thread)";

export class RenderThread {
  /** Shared with the thread from its start, so that it can report a failure before it has any batch. */
  readonly counters = sharedCounters();
  private readonly worker: Worker;
  private readonly reply: Promise<RenderReply>;

  constructor(site: SiteContext, articles: readonly SiteArticle[], outputDir: string) {
    const data: RenderWorkerData = { counters: this.counters, site, articles: [...articles], outputDir };
    this.worker = tsWorker(moduleBeside("./render-worker", import.meta.url), data);
    this.reply = new Promise<RenderReply>((resolve, reject) => {
      this.worker.once("message", resolve);
      // A crash or an exit sets no flag of its own: the main thread is told to stop taking batches.
      this.worker.once("error", (error) => {
        Atomics.store(this.counters, FAILED, 1);
        reject(error);
      });
      this.worker.once("exit", (code) => {
        Atomics.store(this.counters, FAILED, 1);
        reject(new Error(`it stopped (exit code ${code})`));
      });
    });
    // Observed here so that a failure is not an unhandled rejection before `finish` reports it.
    this.reply.catch(() => undefined);
  }

  /** Gives the thread the batches to take from, through the shared counters. */
  start(runs: readonly PagedItems[]): void {
    const request: RenderRequest = { runs: runs.map(urlsOf) };
    this.worker.postMessage(request);
    // Tests make sure both threads render a small build: the main thread waits for the second.
    if (process.env.NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD) Atomics.wait(this.counters, READY, 0, 60_000);
  }

  /** True once the thread has failed (it may have taken no batch). */
  get failed(): boolean {
    return Atomics.load(this.counters, FAILED) === 1;
  }

  /** Waits for the thread's last batch; throws its failure, naming the thread. */
  async finish(): Promise<RunsResult> {
    try {
      const reply = await this.reply.catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
      if ("error" in reply) throw new Error(`the second render thread failed: ${reply.error} ${ADVICE}`, "stack" in reply ? { cause: reply.stack } : {});
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
