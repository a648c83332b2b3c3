/**
 * What the last build of an output folder rendered, kept in the folder itself
 * (`.news-archive-build`): a fingerprint of the code and settings it ran with, the digest of
 * every page's index record, and the digest of the article pages the search index was last
 * built from. A rebuild renders only pages whose digest changed (or whose file is gone), and
 * re-indexes search only when an article page changed.
 *
 * The file is written last, atomically, after the pages it describes; a build that dies half
 * way leaves the previous state, whose digests then differ for every page it had yet to write.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "../ingest/files.ts";

export const STATE_FILE = ".news-archive-build";
const FORMAT = 1;

export interface BuildState {
  /** Code and settings the pages were rendered with; a different one re-renders everything. */
  code: string;
  /** Page URL → digest of the record it was rendered from. */
  pages: Record<string, string>;
  /** Digest of the article pages Pagefind last indexed. */
  search?: string;
}

/** The state of the last build, or undefined when there is none we can trust. */
export async function readBuildState(outputDir: string): Promise<BuildState | undefined> {
  const text = await readFile(path.join(outputDir, STATE_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<BuildState> & { format?: number };
    if (parsed.format !== FORMAT || typeof parsed.code !== "string" || typeof parsed.pages !== "object" || parsed.pages === null) return undefined;
    return { code: parsed.code, pages: parsed.pages, ...(typeof parsed.search === "string" ? { search: parsed.search } : {}) };
  } catch {
    // An older marker (plain text) or a damaged file: render everything, as on a first build.
    return undefined;
  }
}

export async function writeBuildState(outputDir: string, state: BuildState): Promise<void> {
  const { code, pages, search } = state;
  await writeAtomic(path.join(outputDir, STATE_FILE), `${JSON.stringify({ format: FORMAT, code, ...(search ? { search } : {}), pages })}\n`);
}

/** Files and folders whose contents decide how a page renders, relative to the project root. */
const CODE = ["src", "templates", "eleventy.config.ts", "package-lock.json"];

async function filesUnder(root: string, entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  const entries = await readdir(full, { recursive: true, withFileTypes: true }).catch(() => undefined);
  if (!entries) return [entry];
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/**
 * A fingerprint of the code that renders pages (sources, templates, locked dependencies, the
 * Node version, whose ICU formats numbers and dates) and of the site settings. Hashing the
 * sources is coarse (an edit to the tagger re-renders every page) but cannot miss a change.
 */
export async function codeFingerprint(projectRoot: string, settings: unknown): Promise<string> {
  const hash = createHash("sha256").update(`${process.version}\n${JSON.stringify(settings)}\n`);
  const files = (await Promise.all(CODE.map((entry) => filesUnder(projectRoot, entry)))).flat().sort();
  for (const file of files) {
    const bytes = await readFile(path.join(projectRoot, file)).catch(() => Buffer.alloc(0));
    hash.update(`${file}\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest("hex");
}
