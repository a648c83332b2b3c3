/**
 * Fingerprints of the code that turns records into files, for caches of generated output: a
 * cache is valid only under the fingerprint it was made with. Hashing whole folders is coarse
 * (an edit anywhere under `src/` invalidates every page) but cannot miss a change.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "./code-location.ts";

export { PROJECT_ROOT };

/** What renders pages and front matter: sources, templates, locked dependencies. */
const RENDERING = ["src", "templates", "eleventy.config.ts", "package-lock.json"];

async function filesUnder(entry: string): Promise<string[]> {
  const entries = await readdir(path.join(PROJECT_ROOT, entry), { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return [entry];
  return entries.filter((e) => e.isFile()).map((e) => path.relative(PROJECT_ROOT, path.join(e.parentPath, e.name)));
}

// Asked by ingest and by the site within one `build`; the code a process runs is loaded once,
// so its fingerprint cannot change while the process lives.
const known = new Map<string, Promise<string>>();

/** A hash of every file at or below these paths (relative to the project root), by name and content. */
export function filesFingerprint(entries: readonly string[]): Promise<string> {
  const key = entries.join("\n");
  let fingerprint = known.get(key);
  if (!fingerprint) {
    fingerprint = (async () => {
      const hash = createHash("sha256");
      const files = (await Promise.all(entries.map(filesUnder))).flat().sort();
      for (const file of files) {
        const bytes = await readFile(path.join(PROJECT_ROOT, file)).catch(() => Buffer.alloc(0));
        hash.update(`${file}\n${bytes.length}\n`).update(bytes);
      }
      return hash.digest("hex");
    })();
    known.set(key, fingerprint);
  }
  return fingerprint;
}

/**
 * The rendering code's fingerprint with the Node version (its ICU formats numbers and dates)
 * and the settings it runs with.
 */
export async function codeFingerprint(settings: unknown): Promise<string> {
  const files = await filesFingerprint(RENDERING);
  return createHash("sha256").update(`${process.version}\n${JSON.stringify(settings) ?? ""}\n${files}`).digest("hex");
}
