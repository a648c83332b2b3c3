/**
 * `pruneSearchBundles` and `indexSearch` on a thread of their own, for a rebuild that indexes
 * while its main thread still digests and renders pages (see `articlesFirst` in
 * `eleventy.ts`). The thread is started as the build begins, with Pagefind's module loaded
 * by the time it is asked; asked, it goes from step to step on its own event loop (a promise
 * chain on the main thread would wait for that loop to turn, which it does not during the
 * digests or an Eleventy run).
 */
import { moduleBeside } from "../code-location.ts";
import { RequestThread } from "../request-thread.ts";
import type { SearchIndexResult } from "./search-index.ts";

export interface SearchRequest {
  outputDir: string;
  language: string;
  shards: string[];
  stale: string[];
  processes: number;
}

/** A thread that will be asked to prune the search bundles and build the stale ones. */
export const searchThread = (): RequestThread<SearchRequest, SearchIndexResult> => new RequestThread(moduleBeside("./search-worker", import.meta.url), "the search thread");
