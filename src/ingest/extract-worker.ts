/**
 * One extraction worker: loads the tagger once, then answers batches of texts with their
 * entities, and how long the extraction itself took (model load excluded), until the pool
 * closes it.
 */
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { extractEntities } from "../entities/extract.ts";
import { loadNerModel } from "../ner/load.ts";
import type { ExtractRequest, ExtractResponse } from "./extract-pool.ts";

const loadStart = performance.now();
loadNerModel();
const loadMs = performance.now() - loadStart;

parentPort?.on("message", (request: ExtractRequest) => {
  let response: ExtractResponse;
  try {
    const start = performance.now();
    const results = request.texts.map((t) => extractEntities(t));
    response = { id: request.id, results, ms: performance.now() - start, loadMs };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(response);
});
