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
import { writeIfChanged } from "../ingest/files.ts";

/** Pages (re)written since the count was last taken; the rest of a build's pages were unchanged. */
let written = 0;

interface FileSystemManagerClass {
  prototype: {
    writeFile(file: string, content: string | Buffer): Promise<void>;
    writeFileSync(file: string, content: string | Buffer): void;
    __newsArchive?: true;
  };
}

let installed: Promise<void> | undefined;

/** Writes a page through `writeIfChanged`, counting it when its bytes changed: Eleventy's writes, once routed here, and the pages rendered without it (`direct-render.ts`). */
export function writePage(file: string, content: string | Buffer): boolean {
  const changed = writeIfChanged(file, content);
  if (changed) written++;
  return changed;
}

/** Routes Eleventy's writes through `writePage`; safe to call more than once. */
export function installOutputWrites(): Promise<void> {
  installed ??= (async () => {
    // Beside Eleventy's own entry module, so it is the very module instance Eleventy uses.
    const url = new URL("./Util/FileSystemManager.js", import.meta.resolve("@11ty/eleventy"));
    const module = (await import(url.href)) as { FileSystemManager: FileSystemManagerClass };
    const proto = module.FileSystemManager.prototype;
    if (proto.__newsArchive) return;
    proto.writeFileSync = (file, content) => void writePage(file, content);
    // Only used if a config switches Eleventy to async writes; written the same way.
    proto.writeFile = async (file, content) => void writePage(file, content);
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
