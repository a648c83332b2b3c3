/**
 * One extraction worker: loads the tagger once (on first use), then answers batches of texts
 * with their entities until the pool closes it.
 */
import { parentPort } from "node:worker_threads";
import { extractEntities } from "../entities/extract.ts";
import type { ExtractRequest, ExtractResponse } from "./extract-pool.ts";

parentPort?.on("message", (request: ExtractRequest) => {
  let response: ExtractResponse;
  try {
    response = { id: request.id, results: request.texts.map((t) => extractEntities(t)) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(response);
});
