/**
 * How a build splits its pages between Eleventy runs and render threads: pure decisions, kept
 * apart from the build that carries them out (`eleventy.ts`).
 */
import { batches, type PagedItems } from "./page-table.ts";

/**
 * Pages per Eleventy run. Eleventy holds every page of a run in memory until the run ends, and
 * each run costs a few tenths of a second to set up. At 10,000 articles (26,000 pages), runs
 * of 4,000 pages with a collection after each peaked at 0.92 GB (1.10 GB collecting as below),
 * against 1.13 GB for runs of 8,000 and 1.56 GB for one run without collections; that was
 * before each run's pages were collected as it ended (`render-runs.ts`), which took the site
 * build alone from 1.09 to 0.84 GB.
 */
const BATCH_PAGES = 4000;

/**
 * With two render threads, a build with no usable state shares its pages for two batches or
 * more; a rebuild, only for more than this many pages to render.
 */
const HELPER_PAGES = 2 * BATCH_PAGES;

/**
 * A build with no usable state and at least this many articles (about 2.4 pages each, so more
 * than one batch of two threads) starts the second thread at once, so that the thread builds its
 * index while this one builds its own; it is stopped if there turns out to be a single batch.
 * Smaller archives, a test's, start no thread only to stop it (tests set another threshold
 * through the environment, to take this path with few articles).
 */
const EAGER_HELPER_ARTICLES = Number(process.env.NEWS_ARCHIVE_EAGER_HELPER_ARTICLES) || 1000;

/**
 * Two threads render runs of half the size: as many pages are in memory at once as with one
 * thread. At 10,000 articles, in alternating cold builds, runs of 2,000 peaked at 1.49-1.50 GB
 * against 1.79-1.82 GB for runs of 4,000, with Eleventy no slower (15.2 and 18.0 s against
 * 14.8 and 21.1 s); since each run's pages are collected as it ends, 1.14 GB against 1.13 GB
 * in one pair (the site build alone). Tests set the size through the environment.
 */
function batchPages(threads: number): number {
  return Number(process.env.NEWS_ARCHIVE_BATCH_PAGES) || BATCH_PAGES / threads;
}

/** Whether to start the second thread before the index is built (a first build of a large archive). */
export function startsHelperEarly(threads: number, rebuild: boolean, articles: number): boolean {
  return threads === 2 && !rebuild && articles >= EAGER_HELPER_ARTICLES;
}

/**
 * A rebuild with at most this many pages to render renders them without Eleventy
 * (`direct-render.ts`), on the main thread: one batch's worth, which Eleventy would render in
 * one run. Tests set another threshold through the environment (0: always through Eleventy).
 */
function directPages(): number {
  const given = process.env.NEWS_ARCHIVE_DIRECT_PAGES;
  return given !== undefined && given !== "" ? Number(given) : batchPages(1);
}

export interface RenderPlan {
  /** The runs, in order; each thread claims the next one not yet taken. */
  runs: PagedItems[];
  /** Whether a second thread takes runs too. */
  shared: boolean;
  /** Whether the runs are rendered without Eleventy (see `direct-render.ts`). */
  direct: boolean;
}

/** The runs for `todo` (with `pages` pages in it), whether two threads share them, and whether Eleventy renders them. */
export function planRender(todo: PagedItems, pages: number, threads: number, rebuild: boolean): RenderPlan {
  if (rebuild && pages <= directPages()) return { runs: [todo], shared: false, direct: true };
  const sharing = threads === 2 && (!rebuild || pages > HELPER_PAGES);
  const runs = batches(todo, batchPages(sharing ? 2 : 1));
  return { runs, shared: sharing && runs.length > 1, direct: false };
}
