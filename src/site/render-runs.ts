/**
 * Eleventy runs over batches of pages, taken from a list that the build's threads share. The
 * main thread and, on a large build, a second thread (`render-worker.ts`) each take the next
 * batch not yet taken, until none is left: whichever is free takes more, so neither waits for
 * the other, and the split needs no messages (the main thread's event loop turns only now and
 * then while Eleventy runs).
 */
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CODE_DIR, COMPILED, PROJECT_ROOT } from "../code-location.ts";
import { directTemplates, renderDirect, type DirectTemplate } from "./direct-render.ts";
import { installOutputWrites, takeWrittenCount } from "./output-writes.ts";
import type { PagedItems } from "./page-table.ts";
import { handOver, runData, type BuildData } from "./plugin.ts";

/** Slots of the shared counters (an `Int32Array` over a `SharedArrayBuffer`). */
export const NEXT_RUN = 0;
/** Set by a thread that failed: the others stop after their current run. */
export const FAILED = 1;
/** Set by the second thread once its index is built and it has the batches. */
export const READY = 2;
export const SHARED_SLOTS = 3;

export const sharedCounters = (): Int32Array => new Int32Array(new SharedArrayBuffer(SHARED_SLOTS * Int32Array.BYTES_PER_ELEMENT));

export interface RunsResult {
  /** Output files of the one-off pages (search, sitemap, ...), known only from Eleventy's results: none but in the first run's thread. */
  rendered: string[];
  /** Runs this thread rendered. */
  runs: number;
  /** Pages this thread (re)wrote because their bytes changed. */
  written: number;
}

interface WriteResult {
  outputPath?: unknown;
}

/**
 * A full garbage collection between Eleventy runs once their garbage has grown to the size of
 * what is live. What a run leaves is garbage once it ends, but V8 collects lazily while
 * allocation runs high: at 10,000 articles the process grew to 1.5 GB with about 350 MB live.
 * Collecting after every run would walk the whole live heap each time (2 GB, 27 times, at
 * 50,000 articles). The flag is set when first needed, so the CLI needs no node option and
 * commands that build no site never set it. Each thread has its own heap, and its own `live`.
 */
let gcFunction: (() => void) | undefined;
let live = 0;

export function gc(): void {
  if (!gcFunction) {
    setFlagsFromString("--expose-gc");
    gcFunction = runInNewContext("gc") as () => void;
  }
  gcFunction();
  live = process.memoryUsage().heapUsed;
}

function collectGarbage(): void {
  if (process.memoryUsage().heapUsed >= 2 * live) gc();
}

type EleventyClass = typeof import("@11ty/eleventy").default;

let eleventyModule: Promise<EleventyClass> | undefined;

/**
 * Eleventy's module, imported on first call. Importing it takes 0.35-0.4 s of the main thread,
 * which a `build` spends while ingest waits for its extraction workers (see `main.ts`), rather
 * than before ingest can begin.
 */
export function loadEleventy(): Promise<EleventyClass> {
  if (!eleventyModule) {
    skipsEsmResolver();
    eleventyModule = import("@11ty/eleventy").then((m) => m.default);
  }
  return eleventyModule;
}

let skippedResolver = false;

/** Whether this process set `ELEVENTY_SKIP_ESM_RESOLVER` itself (see `skipsEsmResolver`). */
export const resolverSkippedHere = (): boolean => skippedResolver;

/**
 * Eleventy, on import, registers a module resolve hook (Node's `module.register`) so that watch
 * mode can import a changed template afresh; a build never watches. A registered hook runs on
 * a loader thread, and every module loaded after it waits on that thread: Eleventy's own,
 * then its config and templates on every run. Eleventy skips it with this variable
 * (11ty/eleventy#3371). `serveSite`, which watches, starts its Eleventy without it.
 */
function skipsEsmResolver(): void {
  if (process.env.ELEVENTY_SKIP_ESM_RESOLVER !== undefined) return;
  process.env.ELEVENTY_SKIP_ESM_RESOLVER = "1";
  skippedResolver = true;
}

/** The templates and config of the code that runs (the compiled copy's, or the sources), relative to the project root. */
const TEMPLATES = path.posix.join(CODE_DIR, "templates");
const CONFIG = path.posix.join(CODE_DIR, COMPILED ? "eleventy.config.js" : "eleventy.config.ts");

/**
 * One Eleventy run over `todo`; resolves to the output files it wrote (relative to `outputDir`).
 * A function of its own so that nothing of the run (the Eleventy instance, its results with
 * every page's content) is still referenced when the caller collects garbage after it: a
 * collection inside the loop that awaited the run found the run's pages live.
 */
async function renderRun(data: BuildData, todo: PagedItems, outputDir: string, oneOffs: boolean, direct: readonly DirectTemplate[] | undefined): Promise<string[]> {
  if (direct) return renderDirect(direct, runData(data, todo, oneOffs), outputDir);
  handOver(runData(data, todo, oneOffs));
  try {
    const Eleventy = await loadEleventy();
    const eleventy = new Eleventy(TEMPLATES, outputDir, { configPath: CONFIG, quietMode: true });
    const results = await eleventy.write();
    const templates = (Array.isArray(results) ? (results[1] as WriteResult[] | undefined) : undefined) ?? [];
    return templates.flatMap((r) => (typeof r.outputPath === "string" ? [path.relative(outputDir, path.resolve(PROJECT_ROOT, r.outputPath)).split(path.sep).join("/")] : []));
  } finally {
    handOver(undefined);
  }
}

/**
 * Renders runs taken from `runs` through the shared counters until none is left (or another
 * thread failed), starting with `first` if the caller has already taken it. Eleventy resolves
 * its folders against the working directory, which the caller has set to the project root for
 * the whole time any thread renders.
 */
export async function renderSharedRuns(data: BuildData, runs: readonly PagedItems[], outputDir: string, counters: Int32Array, first?: number, oneOffs = true, direct = false): Promise<RunsResult> {
  // Without Eleventy when asked and every template allows it (see `direct-render.ts`).
  const templates = direct ? await directTemplates() : undefined;
  if (!templates) await installOutputWrites();
  takeWrittenCount();
  const rendered = new Set<string>();
  let taken = 0;
  try {
    for (let given = first; ; given = undefined) {
      if (Atomics.load(counters, FAILED)) break;
      const i = given ?? Atomics.add(counters, NEXT_RUN, 1);
      const todo = runs[i];
      if (!todo) break;
      // Between runs only: after this thread's last run, what is left to collect is the
      // caller's to judge (`releaseSiteMemory`), and a one-run rebuild has nothing to gain.
      if (taken > 0) collectGarbage();
      taken++;
      // The first run, the main thread's, also renders the one-off pages (unless `oneOffs` is false).
      for (const file of await renderRun(data, todo, outputDir, oneOffs && i === 0, templates)) rendered.add(file);
    }
  } catch (error) {
    Atomics.store(counters, FAILED, 1);
    throw error;
  }
  return { rendered: [...rendered], runs: taken, written: takeWrittenCount() };
}
