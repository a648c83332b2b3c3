/**
 * The thread of `search-thread.ts`: it removes the bundles of shards the site no longer has,
 * then has Pagefind build those of `stale`. Pagefind's npm module drives its binary one request
 * at a time, each reply handled on this thread's event loop, which nothing else here blocks.
 */
import { answerRequest } from "../request-thread.ts";
import { indexSearch, pruneSearchBundles } from "./search-index.ts";
import type { SearchRequest } from "./search-thread.ts";

answerRequest(async ({ outputDir, language, shards, stale, processes }: SearchRequest) => {
  await pruneSearchBundles(outputDir, shards);
  return indexSearch(outputDir, language, stale, processes);
});
