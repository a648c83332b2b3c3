/**
 * What the last build of an output folder rendered, kept in the folder itself
 * (`.news-archive-build`): a fingerprint of the code and settings it ran with, the digest of
 * every page's index record, and per search shard (a year of articles) the digest of what its
 * bundle was last built from. A rebuild renders only pages whose digest changed (or whose file
 * is gone), and re-indexes only the search shards whose articles changed.
 *
 * Before rendering, a build marks the pages it is about to change as pending; a build that dies
 * half way thus leaves a state that distrusts those pages (they are rendered again) and still
 * lists them (they can be pruned). The final state is written atomically, after the pages.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeAtomic } from "../ingest/files.ts";

export const STATE_FILE = ".news-archive-build";
const FORMAT = 1;

export interface BuildState {
  /** Code and settings the pages were rendered with; a different one re-renders everything. */
  code: string;
  /** Page URL → digest of the record it was rendered from. */
  pages: Record<string, string>;
  /** Search shard → digest of what Pagefind last indexed into its bundle (see `search-shards.ts`). */
  search?: Record<string, string>;
}

/** The state of the last build, or undefined when there is none we can trust. */
export async function readBuildState(outputDir: string): Promise<BuildState | undefined> {
  const text = await readFile(path.join(outputDir, STATE_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<BuildState> & { format?: number };
    if (parsed.format !== FORMAT || typeof parsed.code !== "string" || typeof parsed.pages !== "object" || parsed.pages === null) return undefined;
    // A search digest of another shape (one string: the single index of earlier builds) is ignored: every shard is built.
    const search = isDigestMap(parsed.search) ? { search: parsed.search } : {};
    return { code: parsed.code, pages: parsed.pages, ...search };
  } catch {
    // An older marker (plain text) or a damaged file: render everything, as on a first build.
    return undefined;
  }
}

function isDigestMap(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
}

export async function writeBuildState(outputDir: string, state: BuildState): Promise<void> {
  const { code, pages, search } = state;
  await writeAtomic(path.join(outputDir, STATE_FILE), `${JSON.stringify({ format: FORMAT, code, ...(search ? { search } : {}), pages })}\n`);
}
