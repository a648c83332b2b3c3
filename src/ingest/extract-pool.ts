/**
 * Entity extraction over all cores. Extraction is the expensive phase of ingest and each
 * article is independent, so texts go to worker threads in batches; results come back in input
 * order. Small runs stay on the main thread, where loading the model once is cheaper than
 * loading it in every worker, unless ingest started a worker early (`WarmWorkers`).
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { tsWorker } from "../ts-worker.ts";
import type { ExtractedEntity } from "./article.ts";
import { performance } from "node:perf_hooks";
import { extractEntities } from "../entities/extract.ts";
import { loadNerModel } from "../ner/load.ts";

export interface ExtractRequest {
  id: number;
  texts: string[];
}

export type ExtractResponse = { id: number; results: ExtractedEntity[][]; ms: number; loadMs: number } | { id: number; error: string };

/** Where extraction time went: `cpuSeconds` sums the extraction itself over all threads, model loads excluded. */
export interface ExtractTimings {
  threads: number;
  cpuSeconds: number;
  loadSeconds: number;
}

/** Below this many texts, workers cost more (one model load each) than they save. */
export const MIN_PARALLEL = 300;
const BATCH = 50;

/** Threads extraction may use: the `workers` option, else the machine's cores. */
const coresFor = (workers: number | undefined): number => workers ?? availableParallelism();

/** Worker threads for `count` texts: 0 means the main thread (also with one core or `workers: 1`). */
function threadsFor(count: number, workers: number | undefined): number {
  const cores = coresFor(workers);
  if (cores <= 1 || count < MIN_PARALLEL) return 0;
  return Math.min(cores, Math.ceil(count / BATCH));
}

/**
 * Errors of workers before anyone listened: a warm worker can fail while loading the model,
 * before it is given texts, and an error event nobody listens to would crash the process.
 */
const earlyErrors = new WeakMap<Worker, Error>();

function newWorker(): Worker {
  const worker = tsWorker(new URL("./extract-worker.ts", import.meta.url));
  worker.on("error", (error) => earlyErrors.set(worker, error));
  return worker;
}

/** Warm workers for `expected` texts: none for none, with one core or with `workers: 1`; one for a few. */
function warmCount(expected: number, workers: number | undefined): number {
  return expected === 0 || coresFor(workers) <= 1 ? 0 : Math.max(1, threadsFor(expected, workers));
}

/**
 * Workers started before their texts are known: each loads the model as it starts, so started
 * while ingest still reads its seeds, the loads overlap the reading instead of following it.
 * A few expected texts get one worker rather than the main thread, for the same overlap.
 * Workers never taken are stopped by `close`.
 */
export class WarmWorkers {
  /** Workers stopped by `fit`, awaited by `close`. */
  private readonly stopping: Promise<number>[] = [];

  private constructor(private readonly idle: Worker[]) {}

  /** Starts the workers about `expected` texts will want (see `warmCount`). */
  static start(expected: number, workers?: number): WarmWorkers {
    return new WarmWorkers(Array.from({ length: warmCount(expected, workers) }, newWorker));
  }

  /**
   * One worker, started before ingest knows whether any seed is new: a rebuild after adding a
   * seed or two needs one, and finds out only once it has stamped every seed, which left the
   * model load (half a second or more) to follow the reading on an otherwise idle core.
   * `fit` stops it when no seed is new.
   */
  static early(workers?: number): WarmWorkers {
    return WarmWorkers.start(1, workers);
  }

  /** Starts or stops workers so that there are as many as `expected` texts want (see `start`). */
  fit(expected: number, workers?: number): void {
    const count = warmCount(expected, workers);
    while (this.idle.length < count) this.idle.push(newWorker());
    this.stopping.push(...this.idle.splice(count).map((w) => w.terminate()));
  }

  get size(): number {
    return this.idle.length;
  }

  take(): Worker | undefined {
    return this.idle.pop();
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle.splice(0).map((w) => w.terminate()), ...this.stopping.splice(0)]);
  }
}

export interface ExtractOptions {
  /** Worker threads to use; defaults to the machine's available parallelism. */
  workers?: number;
  /** Workers started earlier (see `WarmWorkers`); used first, and the rest closed. */
  warm?: WarmWorkers;
  onProgress?: (done: number) => void;
}

/** Extracts entities from every text; `results[i]` belongs to `texts[i]`. */
export async function extractAll(
  texts: readonly string[],
  options: ExtractOptions = {},
): Promise<{ results: ExtractedEntity[][]; timings: ExtractTimings }> {
  const warm = options.warm;
  try {
    if (texts.length === 0) return { results: [], timings: { threads: 0, cpuSeconds: 0, loadSeconds: 0 } };
    const batchCount = Math.ceil(texts.length / BATCH);
    const workers = Math.max(threadsFor(texts.length, options.workers), Math.min(warm?.size ?? 0, batchCount));
    if (workers === 0) return extractHere(texts, options);
    return await extractInWorkers(texts, Array.from({ length: workers }, () => warm?.take() ?? newWorker()), options);
  } finally {
    await warm?.close();
  }
}

/** On the main thread: one model load, no messages. */
function extractHere(texts: readonly string[], options: ExtractOptions): { results: ExtractedEntity[][]; timings: ExtractTimings } {
  const loadStart = performance.now();
  loadNerModel();
  const start = performance.now();
  const results = texts.map((t, i) => {
    const r = extractEntities(t);
    options.onProgress?.(i + 1);
    return r;
  });
  return { results, timings: { threads: 1, cpuSeconds: (performance.now() - start) / 1000, loadSeconds: (start - loadStart) / 1000 } };
}

async function extractInWorkers(
  texts: readonly string[],
  pool: Worker[],
  options: ExtractOptions,
): Promise<{ results: ExtractedEntity[][]; timings: ExtractTimings }> {
  const timings: ExtractTimings = { threads: pool.length, cpuSeconds: 0, loadSeconds: 0 };
  const results: ExtractedEntity[][] = new Array<ExtractedEntity[]>(texts.length);
  const batches: ExtractRequest[] = [];
  for (let start = 0, id = 0; start < texts.length; start += BATCH, id++) batches.push({ id, texts: texts.slice(start, start + BATCH) });
  let next = 0;
  let done = 0;

  const runWorker = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const early = earlyErrors.get(worker);
      if (early) {
        reject(early);
        return;
      }
      let loadCounted = false;
      const send = (): void => {
        const batch = batches[next++];
        if (batch) worker.postMessage(batch);
        else void worker.terminate().then(() => resolve());
      };
      worker.on("message", (response: ExtractResponse) => {
        if ("error" in response) {
          void worker.terminate();
          reject(new Error(`entity extraction failed in a worker: ${response.error}`));
          return;
        }
        response.results.forEach((r, i) => (results[response.id * BATCH + i] = r));
        timings.cpuSeconds += response.ms / 1000;
        if (!loadCounted) timings.loadSeconds += response.loadMs / 1000;
        loadCounted = true;
        done += response.results.length;
        options.onProgress?.(done);
        send();
      });
      worker.on("error", reject);
      send();
    });

  try {
    await Promise.all(pool.map(runWorker));
  } finally {
    // A failed worker rejects at once; the others are stopped rather than left running.
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return { results, timings };
}
