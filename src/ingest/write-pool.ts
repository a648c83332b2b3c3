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
import { endedEarly, pooledWorker } from "../ts-worker.ts";
import { moduleBeside } from "../code-location.ts";
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

/** Workers for writing `count` articles: none below `minParallelWrites`, on one core, or with `workers: 1`. */
function writerCount(count: number, workers: number): number {
  return workers <= 1 || count < minParallelWrites() ? 0 : Math.min(workers, MAX_THREADS, Math.ceil(count / BATCH));
}

function newWriter(): Worker {
  return pooledWorker(moduleBeside("./write-worker", import.meta.url), "a Markdown-writing worker");
}

/**
 * Writing workers started before the articles are known, for about `expected` of them: a worker
 * takes a few tenths of a second to start (the TypeScript loader, js-yaml), which then overlap
 * canonicalisation instead of following it. `writeArticles` takes them, or stops them if the
 * articles to write turn out to be few; `stopWriters` stops them if it is never called.
 */
export function startWriters(expected: number, workers = availableParallelism()): Worker[] {
  return Array.from({ length: writerCount(expected, workers) }, newWriter);
}

export async function stopWriters(warm: Worker[]): Promise<void> {
  await Promise.all(warm.splice(0).map((w) => w.terminate()));
}

export interface WriteOptions {
  /** Threads there may be (default: the cores; at most `MAX_THREADS` write). */
  workers?: number;
  /** Workers started earlier (see `startWriters`): taken first, or stopped if not needed. */
  warm?: Worker[];
}

/**
 * Writes every item into `dir`; `outcomes[i]` belongs to `items[i]`. The first failure rejects,
 * naming the file, once the workers have finished the batches they had (stopping a worker
 * mid-batch would leave its temporary file behind).
 */
export async function writeArticles(dir: string, items: readonly WriteItem[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
  const warm = options.warm ?? [];
  const threads = writerCount(items.length, options.workers ?? availableParallelism());
  const pool = warm.splice(0, threads);
  await stopWriters(warm);
  if (threads === 0) return items.map((item) => writeArticleFile(dir, item));
  try {
    while (pool.length < threads) pool.push(newWriter());
    return await writeInWorkers(dir, items, pool);
  } finally {
    await stopWriters(pool);
  }
}

/** Batches each worker has at once: the next is at hand when it answers one, whenever the main thread hands it out. */
const IN_FLIGHT = 2;

async function writeInWorkers(dir: string, items: readonly WriteItem[], pool: Worker[]): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const run = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      let inFlight = 0;
      // Settles once the worker has nothing in flight: its last batch written, or failed.
      const settle = (): void => {
        if (inFlight === 0) (failure ? reject(failure.error) : resolve());
      };
      const fail = (error: unknown): void => {
        // No other batch is handed out; the workers finish the ones they have.
        next = items.length;
        failure ??= { error };
      };
      const send = (): void => {
        const start = next;
        if (start >= items.length) return settle();
        next += BATCH;
        inFlight++;
        worker.postMessage({ id: start, dir, items: items.slice(start, start + BATCH) } satisfies WriteRequest);
      };
      worker.on("message", (response: WriteResponse) => {
        inFlight--;
        if ("error" in response) fail(new Error(response.error));
        else response.results.forEach((outcome, i) => (outcomes[response.id + i] = outcome));
        send();
      });
      const died = (error: unknown): void => {
        // Nothing it had in flight will be answered.
        inFlight = 0;
        fail(error);
        settle();
      };
      const early = endedEarly(worker);
      if (early) return died(early);
      worker.on("error", died);
      // After the last batch the pool terminates it; an exit before that lost a batch.
      worker.on("exit", (code) => died(new Error(`a Markdown-writing worker stopped (exit code ${code}) before its batch was written`)));
      for (let i = 0; i < IN_FLIGHT; i++) send();
    });
  await Promise.allSettled(pool.map(run));
  if (failure) throw failure.error;
  return outcomes;
}
