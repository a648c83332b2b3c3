/**
 * How Eleventy's output reaches the disk: only pages whose bytes changed are rewritten, and each
 * write is atomic (temporary file, then rename). Unchanged pages keep their modification times,
 * so a rebuild after adding one article touches only the pages that article changed, and a
 * deploy that syncs by time or checksum uploads only those. A reader or web server never sees
 * a half-written page.
 *
 * Eleventy 3 has no public hook for writing its output; every template writes through one
 * FileSystemManager class, which is not exported, so it is loaded by file path and its two
 * write methods are replaced once per process. The Eleventy version is pinned in
 * package-lock.json; `tests/site/rebuild.test.ts` fails if the patch stops taking effect.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

/** Pages (re)written since the count was last taken; the rest of a build's pages were unchanged. */
let written = 0;

/** Writes `content` to `file` unless it already holds exactly those bytes; true when written. */
export function writeIfDifferentSync(file: string, content: string | Buffer): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === bytes.length && readFileSync(file).equals(bytes)) return false;
  // Per thread: two rendering threads may write the same one-off page (search, sitemap) at once.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return true;
}

interface FileSystemManagerClass {
  prototype: {
    writeFile(file: string, content: string | Buffer): Promise<void>;
    writeFileSync(file: string, content: string | Buffer): void;
    __newsArchive?: true;
  };
}

let installed: Promise<void> | undefined;

/** Routes Eleventy's writes through `writeIfDifferentSync`; safe to call more than once. */
export function installOutputWrites(): Promise<void> {
  installed ??= (async () => {
    // Beside Eleventy's own entry module, so it is the very module instance Eleventy uses.
    const url = new URL("./Util/FileSystemManager.js", import.meta.resolve("@11ty/eleventy"));
    const module = (await import(url.href)) as { FileSystemManager: FileSystemManagerClass };
    const proto = module.FileSystemManager.prototype;
    if (proto.__newsArchive) return;
    const tally = (changed: boolean): void => {
      if (changed) written++;
    };
    proto.writeFileSync = (file, content) => tally(writeIfDifferentSync(file, content));
    // Only used if a config switches Eleventy to async writes; written the same way.
    proto.writeFile = async (file, content) => tally(writeIfDifferentSync(file, content));
    proto.__newsArchive = true;
  })();
  return installed;
}

/** Pages written since the last call, then starts again from zero (one build's worth). */
export function takeWrittenCount(): number {
  const taken = written;
  written = 0;
  return taken;
}
