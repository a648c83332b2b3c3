/**
 * A thread that computes an archive's relations (see `relations-thread.ts`) from its articles'
 * entity keys, and replies once.
 */
import { parentPort, workerData } from "node:worker_threads";
import { relate, type Relations } from "./relations.ts";

export interface RelationsWorkerData {
  keys: string[][];
}

export type RelationsReply = { relations: Relations } | { error: string; stack?: string };

try {
  parentPort?.postMessage({ relations: relate((workerData as RelationsWorkerData).keys) } satisfies RelationsReply);
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) } satisfies RelationsReply);
}
