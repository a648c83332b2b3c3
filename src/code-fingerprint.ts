/**
 * A fingerprint of the code that turns records into files (sources, templates, locked
 * dependencies, the Node version, whose ICU formats numbers and dates) and of the settings it
 * runs with. Caches of generated output are valid only under the fingerprint they were made
 * with. Hashing all the sources is coarse (an edit to the tagger invalidates every page) but
 * cannot miss a change.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Files and folders whose contents decide what is generated, relative to the project root. */
const CODE = ["src", "templates", "eleventy.config.ts", "package-lock.json"];

async function filesUnder(root: string, entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  const entries = await readdir(full, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return [entry];
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

export async function codeFingerprint(settings: unknown): Promise<string> {
  const hash = createHash("sha256").update(`${process.version}\n${JSON.stringify(settings) ?? ""}\n`);
  const files = (await Promise.all(CODE.map((entry) => filesUnder(PROJECT_ROOT, entry)))).flat().sort();
  for (const file of files) {
    const bytes = await readFile(path.join(PROJECT_ROOT, file)).catch(() => Buffer.alloc(0));
    hash.update(`${file}\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest("hex");
}
