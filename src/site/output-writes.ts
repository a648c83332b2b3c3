/**
 * How Eleventy's output reaches the disk: only pages whose bytes changed are rewritten, each
 * write is atomic (temporary file, then rename), and the writes run in the background, many at
 * a time, while Eleventy renders the next run of pages.
 *
 * - Unchanged pages keep their modification times, so a rebuild after adding one article
 *   touches only the pages that article changed, and a deploy that syncs by time or checksum
 *   uploads only those. A reader or web server never sees a half-written page.
 * - Eleventy writes one page at a time with synchronous calls (a `mkdir`, then the write). On
 *   this project's virtual disk those calls took 10–13 s of a 32 s render of 26,000 pages, all
 *   of it on the one thread that renders. Here a page is only queued while Eleventy runs;
 *   `flushOutputWrites` then writes the queue through Node's thread pool.
 *
 * Eleventy 3 has no public hook for writing its output; every template writes through one
 * FileSystemManager class, which is not exported, so it is loaded by file path and its write
 * methods are replaced once per process. The Eleventy version is pinned in package-lock.json;
 * `tests/site/rebuild.test.ts` fails if the patch stops taking effect.
 */
import { writeIfChanged } from "../ingest/files.ts";

/** Pages (re)written since the count was last taken; the rest of a build's pages were unchanged. */
let written = 0;

/** Pages Eleventy has rendered and `flushOutputWrites` has yet to write. */
let queue: { file: string; content: string | Buffer }[] = [];

/**
 * Writes in flight at once. Node's thread pool runs four file operations at a time; more in
 * flight keeps it busy while each page waits on its own `stat`, `mkdir`, write and rename.
 */
const CONCURRENCY = 32;

interface FileSystemManagerClass {
  prototype: {
    createDirectoryForFile(file: string): Promise<void>;
    createDirectoryForFileSync(file: string): void;
    writeFile(file: string, content: string | Buffer): Promise<void>;
    writeFileSync(file: string, content: string | Buffer): void;
    __newsArchive?: true;
  };
}

let installed: Promise<void> | undefined;

/** Routes Eleventy's writes into the queue; safe to call more than once. */
export function installOutputWrites(): Promise<void> {
  installed ??= (async () => {
    // Beside Eleventy's own entry module, so it is the very module instance Eleventy uses.
    const url = new URL("./Util/FileSystemManager.js", import.meta.resolve("@11ty/eleventy"));
    const module = (await import(url.href)) as { FileSystemManager: FileSystemManagerClass };
    const proto = module.FileSystemManager.prototype;
    if (proto.__newsArchive) return;
    // Folders are made as each queued page is written.
    proto.createDirectoryForFileSync = () => undefined;
    proto.createDirectoryForFile = async () => undefined;
    proto.writeFileSync = (file, content) => {
      queue.push({ file, content });
    };
    // Only used if a config switches Eleventy to async writes; queued the same way.
    proto.writeFile = async (file, content) => {
      queue.push({ file, content });
    };
    proto.__newsArchive = true;
  })();
  return installed;
}

/**
 * Writes every page queued so far, `CONCURRENCY` at a time; resolves when all are on disk and
 * rejects with the first error (after the writes already started have settled).
 */
export async function flushOutputWrites(): Promise<void> {
  const pages = queue;
  queue = [];
  let next = 0;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (next < pages.length && failure === undefined) {
      const page = pages[next++];
      if (!page) break;
      try {
        if (await writeIfChanged(page.file, page.content)) written++;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pages.length) }, lane));
  if (failure !== undefined) throw failure;
}

/** Pages written since the last call, then starts again from zero (one build's worth). */
export function takeWrittenCount(): number {
  const taken = written;
  written = 0;
  return taken;
}
