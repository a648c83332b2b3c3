/**
 * An archive's relations (related articles, entity companions: `relations.ts`) computed on a
 * thread of their own while the main thread builds the rest of the index (`indexArchive`). At
 * 10,000 articles they take a third of a second or more of a one-seed rebuild's main thread,
 * where the second core was idle; they depend on nothing but the entity keys, which are small
 * to send.
 */
import { moduleBeside } from "../code-location.ts";
import { tsWorker } from "../ts-worker.ts";
import type { Relations } from "./relations.ts";
import type { RelationsReply, RelationsWorkerData } from "./relations-worker.ts";

/**
 * Fewer articles than this are related on the main thread: starting a thread costs more than
 * their relations (a few milliseconds at 1,000 articles).
 */
export const RELATIONS_THREAD_MIN = 2000;

/** Whether a build of `articles` articles computes their relations on a thread of their own, with `cores` cores to spare. */
export const relatesInThread = (articles: number, cores: number): boolean => cores > 1 && articles >= RELATIONS_THREAD_MIN;

/** `relate(keys)` on a new thread, which starts now and ends with the reply. */
export function relationsInThread(keys: string[][]): Promise<Relations> {
  const worker = tsWorker(moduleBeside("./relations-worker", import.meta.url), { keys } satisfies RelationsWorkerData);
  return new Promise<Relations>((resolve, reject) => {
    worker.once("message", (reply: RelationsReply) => ("error" in reply ? reject(new Error(reply.error, reply.stack ? { cause: reply.stack } : {})) : resolve(reply.relations)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the relations thread stopped (exit code ${code}) before it replied`)));
  }).finally(() => void worker.terminate());
}
