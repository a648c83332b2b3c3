/**
 * Entity extraction over all cores. Extraction is the expensive phase of ingest and each
 * article is independent, so texts go to worker threads in batches; results come back in input
 * order. Small runs stay on the main thread, where loading the model once is cheaper than
 * loading it in every worker, unless ingest started a worker early (`WarmWorkers`).
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { endedEarly, pooledWorker } from "../ts-worker.ts";
import { moduleBeside } from "../code-location.ts";
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

function newWorker(): Worker {
  return pooledWorker(moduleBeside("./extract-worker", import.meta.url), "an extraction worker");
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

type Extracted = { results: ExtractedEntity[][]; timings: ExtractTimings };

/** Extracts entities from every text; `results[i]` belongs to `texts[i]`. */
export async function extractAll(texts: readonly string[], options: ExtractOptions = {}): Promise<Extracted> {
  const warm = options.warm;
  try {
    if (texts.length === 0) return { results: [], timings: { threads: 0, cpuSeconds: 0, loadSeconds: 0 } };
    const batchCount = Math.ceil(texts.length / BATCH);
    const workers = Math.max(threadsFor(texts.length, options.workers), Math.min(warm?.size ?? 0, batchCount));
    if (workers === 0) return extractHere(texts, options);
    const stream = new ExtractStream({ ...options, threads: workers, maxThreads: workers });
    for (const text of texts) stream.add(text);
    return await stream.finish();
  } finally {
    await warm?.close();
  }
}

/** On the main thread: one model load, no messages. */
function extractHere(texts: readonly string[], options: ExtractOptions): Extracted {
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

export interface StreamOptions extends ExtractOptions {
  /** Workers to start at once, the warm ones first (default: as many as are warm). */
  threads?: number;
  /**
   * Workers there may be in all (default: the cores): more start when batches wait for one,
   * once the texts are enough to be worth a model load each (`MIN_PARALLEL`).
   */
  maxThreads?: number;
}

/**
 * Extraction fed a text at a time, on worker threads: texts go out in batches as soon as a
 * batch is full, so ingest hands each seed's text over as it parses the seed, and the tagger
 * runs on the workers while the main thread still reads. (Read first, then extracted, a cold
 * 10,000-seed ingest left its warm workers waiting for the 1.5-2 s of reading.) Results come
 * back in the order the texts were added.
 */
export class ExtractStream {
  /** Texts added and not yet batched; those batched are dropped, rather than held until the end (the bench's 50,000 seeds hold about 44 MB of text). */
  private pending: string[] = [];
  /** Texts added so far. */
  private added = 0;
  private readonly results: ExtractedEntity[][] = [];
  private readonly queue: ExtractRequest[] = [];
  private readonly pool: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly timings: ExtractTimings = { threads: 0, cpuSeconds: 0, loadSeconds: 0 };
  private readonly maxThreads: number;
  private done = 0;
  private finishing = false;
  /** Set once the workers are being stopped: their exits are expected. */
  private stopping = false;
  private failure: Error | undefined;
  private settle: ((error?: Error) => void) | undefined;

  constructor(private readonly options: StreamOptions = {}) {
    const warm = options.warm;
    this.maxThreads = options.maxThreads ?? coresFor(options.workers);
    for (let i = options.threads ?? warm?.size ?? 0; i > 0; i--) this.join(warm?.take() ?? newWorker());
  }

  /** Hands a text over; returns its index in the results. */
  add(text: string): number {
    const index = this.added++;
    // After a failure nothing more is tagged; `finish` reports it.
    if (this.failure) return index;
    if (this.pending.push(text) >= BATCH) this.cut();
    this.pump();
    return index;
  }

  /** Texts added so far. */
  get size(): number {
    return this.added;
  }

  /** Texts whose results are in. */
  get tagged(): number {
    return this.done;
  }

  /** Sends what is left, waits for every result, then stops the workers (and any still warm). */
  async finish(): Promise<Extracted> {
    this.finishing = true;
    try {
      this.cut();
      if (this.added && !this.pool.length) this.join(newWorker());
      this.pump();
      if (!this.failure && this.done < this.added) {
        await new Promise<void>((resolve, reject) => (this.settle = (error) => (error ? reject(error) : resolve())));
      }
      if (this.failure) throw this.failure;
      return { results: this.results, timings: this.timings };
    } finally {
      await this.stop();
    }
  }

  /** Stops the workers without waiting for their results: ingest failed before it asked for them. */
  async close(): Promise<void> {
    this.fail(new Error("extraction stopped"));
    await this.stop();
  }

  private async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.pool.map((w) => w.terminate()), this.options.warm?.close()]);
  }

  /** Queues the texts not yet batched, in batches of at most `BATCH`. */
  private cut(): void {
    const first = this.added - this.pending.length;
    for (let from = 0; from < this.pending.length; from += BATCH) {
      this.queue.push({ id: first + from, texts: this.pending.slice(from, from + BATCH) });
    }
    this.pending = [];
  }

  /**
   * Sends queued batches to idle workers. A worker with nothing queued for it takes the texts
   * added so far, however few: a rebuild's one new seed is tagged while the rest are read.
   */
  private pump(): void {
    if (this.failure) return;
    if (this.idle.length > this.queue.length) this.cut();
    const grow = this.added >= MIN_PARALLEL && this.pool.length < this.maxThreads;
    if (this.queue.length > this.idle.length && grow) this.join(newWorker());
    for (let worker = this.idle.pop(); worker; worker = this.idle.pop()) {
      const batch = this.queue.shift();
      if (!batch) {
        this.idle.push(worker);
        return;
      }
      worker.postMessage(batch);
    }
  }

  private join(worker: Worker): void {
    this.pool.push(worker);
    this.timings.threads = this.pool.length;
    const early = endedEarly(worker);
    if (early) {
      this.fail(early);
      return;
    }
    let loadCounted = false;
    worker.on("message", (response: ExtractResponse) => {
      if ("error" in response) {
        this.fail(new Error(`entity extraction failed in a worker: ${response.error}`));
        return;
      }
      response.results.forEach((r, i) => (this.results[response.id + i] = r));
      this.timings.cpuSeconds += response.ms / 1000;
      if (!loadCounted) this.timings.loadSeconds += response.loadMs / 1000;
      loadCounted = true;
      this.done += response.results.length;
      this.options.onProgress?.(this.done);
      this.idle.push(worker);
      this.pump();
      if (this.finishing && this.done === this.added) this.settle?.();
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      if (!this.stopping) this.fail(new Error(`an extraction worker stopped (exit code ${code}) before its texts were tagged`));
    });
    this.idle.push(worker);
    this.pump();
  }

  /** The first failure is the one reported; no batch is sent after it. */
  private fail(error: Error): void {
    this.failure ??= error;
    this.queue.length = 0;
    this.settle?.(this.failure);
  }
}
