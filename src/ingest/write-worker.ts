/**
 * One Markdown-writing worker (see `write-pool.ts`): renders and writes each batch of articles
 * it is sent, and answers with what it did to each file, until the pool closes it.
 */
import { parentPort } from "node:worker_threads";
import type { WriteRequest, WriteResponse } from "./write-pool.ts";
import { writeArticleFile } from "./write-pool.ts";

parentPort?.on("message", (request: WriteRequest) => {
  let response: WriteResponse;
  try {
    response = { id: request.id, results: request.items.map((item) => writeArticleFile(request.dir, item)) };
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
