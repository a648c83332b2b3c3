/**
 * Writing the Markdown of many articles over both cores. Rendering front matter (js-yaml) and
 * creating thousands of files is the part of ingest that follows canonicalisation, when the
 * extraction workers have finished and the main thread's heap holds the whole archive: written
 * there, a 50,000-article ingest spent 13-15 s on it, and the time per article grew with the
 * heap (garbage collection). Workers hold one batch at a time in a small heap of their own.
 * Few articles are written on the main thread, where starting a worker would cost more.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { tsWorker } from "../ts-worker.ts";
import type { Article } from "./article.ts";
import { writeIfChanged } from "./files.ts";
import { recordDigests, type RecordDigests } from "./record-digest.ts";
import { toMarkdown } from "./write.ts";

export interface WriteItem {
  /** The Markdown file's name in the articles folder. */
  name: string;
  article: Article;
}

/**
 * What writing one article did: the digests of its record (see `record-digest.ts`), whether its
 * bytes changed, and the file's stats just after.
 */
export interface WriteOutcome {
  digests: RecordDigests;
  changed: boolean;
  size: number;
  mtimeMs: number;
}

export interface WriteRequest {
  id: number;
  dir: string;
  items: WriteItem[];
}

export type WriteResponse = { id: number; results: WriteOutcome[] } | { id: number; error: string };

/**
 * Renders `item` and writes it into `dir` atomically, unless the file already holds those bytes.
 * A failure names the file: in a worker, the error's message is all that crosses back.
 */
export function writeArticleFile(dir: string, item: WriteItem): WriteOutcome {
  const file = path.join(dir, item.name);
  try {
    const changed = writeIfChanged(file, toMarkdown(item.article));
    const now = statSync(file);
    return { digests: recordDigests(item.article), changed, size: now.size, mtimeMs: now.mtimeMs };
  } catch (error) {
    throw new Error(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Below this many articles, the main thread writes them: a worker takes a few tenths of a
 * second to start. Tests lower it through the environment, to take the workers' path with a
 * few articles.
 */
export const MIN_PARALLEL_WRITES = 1000;
const minParallelWrites = (): number => Number(process.env.NEWS_ARCHIVE_MIN_PARALLEL_WRITES) || MIN_PARALLEL_WRITES;
/**
 * At most two workers, whatever the cores: every file goes into one folder, whose entries the
 * kernel creates one at a time, and each worker is a heap of its own. (Only two were measured:
 * this machine has two cores.)
 */
const MAX_THREADS = 2;
/** Articles per message: small enough that both workers stay busy to the end, large enough that messages are few. */
const BATCH = 200;

/**
 * Writes every item into `dir`; `outcomes[i]` belongs to `items[i]`. The first failure rejects,
 * naming the file, once the other worker has finished the batch it had (stopping a worker
 * mid-batch would leave its temporary file behind).
 */
export async function writeArticles(dir: string, items: readonly WriteItem[], workers = availableParallelism()): Promise<WriteOutcome[]> {
  const threads = workers <= 1 || items.length < minParallelWrites() ? 0 : Math.min(workers, MAX_THREADS, Math.ceil(items.length / BATCH));
  if (threads === 0) return items.map((item) => writeArticleFile(dir, item));
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) pool.push(tsWorker(new URL("./write-worker.ts", import.meta.url)));
    return await writeInWorkers(dir, items, pool);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

async function writeInWorkers(dir: string, items: readonly WriteItem[], pool: Worker[]): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const run = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const fail = (error: unknown): void => {
        // No other batch is handed out; the other worker finishes the one it has.
        next = items.length;
        failure ??= { error };
        reject(error);
      };
      const send = (): void => {
        const start = next;
        next += BATCH;
        if (start >= items.length) resolve();
        else worker.postMessage({ id: start, dir, items: items.slice(start, start + BATCH) } satisfies WriteRequest);
      };
      worker.on("message", (response: WriteResponse) => {
        if ("error" in response) {
          fail(new Error(response.error));
          return;
        }
        response.results.forEach((outcome, i) => (outcomes[response.id + i] = outcome));
        send();
      });
      worker.on("error", fail);
      // After the last batch the pool terminates it; an exit before that lost a batch.
      worker.on("exit", (code) => fail(new Error(`a Markdown-writing worker stopped (exit code ${code}) before its batch was written`)));
      send();
    });
  await Promise.allSettled(pool.map(run));
  if (failure) throw failure.error;
  return outcomes;
}
