/**
 * Entity extraction over all cores. Extraction is the expensive phase of ingest and each
 * article is independent, so texts go to worker threads in batches; results come back in input
 * order. Small runs stay on the main thread, where loading the model once is cheaper than
 * loading it in every worker.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
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

export interface ExtractOptions {
  /** Worker threads to use; defaults to the machine's available parallelism. */
  workers?: number;
  onProgress?: (done: number) => void;
}

/** Extracts entities from every text; `results[i]` belongs to `texts[i]`. */
export async function extractAll(
  texts: readonly string[],
  options: ExtractOptions = {},
): Promise<{ results: ExtractedEntity[][]; timings: ExtractTimings }> {
  if (texts.length === 0) return { results: [], timings: { threads: 0, cpuSeconds: 0, loadSeconds: 0 } };
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(texts.length / BATCH)));
  if (workers === 1 || texts.length < MIN_PARALLEL) {
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
  const timings: ExtractTimings = { threads: workers, cpuSeconds: 0, loadSeconds: 0 };

  const results: ExtractedEntity[][] = new Array<ExtractedEntity[]>(texts.length);
  const batches: ExtractRequest[] = [];
  for (let start = 0, id = 0; start < texts.length; start += BATCH, id++) batches.push({ id, texts: texts.slice(start, start + BATCH) });
  let next = 0;
  let done = 0;

  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./worker-entry.js", import.meta.url));
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

  await Promise.all(Array.from({ length: workers }, runWorker));
  return { results, timings };
}
