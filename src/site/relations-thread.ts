/**
 * An archive's relations (related articles, entity companions: `relations.ts`) computed on a
 * thread of their own while the main thread builds the rest of the index (`indexArchive`).
 * They depend on nothing but the articles' entity keys, which are small to send. The thread is
 * started as a build begins, so that it is ready when the keys are.
 */
import { moduleBeside } from "../code-location.ts";
import { RequestThread } from "../request-thread.ts";
import type { KeyTable, Relations } from "./relations.ts";

/**
 * Fewer articles than this are related on the main thread: starting a thread costs more than
 * their relations (a few milliseconds at 1,000 articles).
 */
export const RELATIONS_THREAD_MIN = 2000;

/** Whether a build of about `articles` articles computes their relations on a thread of their own, with `threads` render threads (cores) to use. */
export const relatesInThread = (articles: number, threads: number): boolean => threads > 1 && articles >= RELATIONS_THREAD_MIN;

/** A thread that will be asked for `relate(keys)`. */
export const relationsThread = (): RequestThread<KeyTable, Relations> => new RequestThread(moduleBeside("./relations-worker", import.meta.url), "the relations thread");
