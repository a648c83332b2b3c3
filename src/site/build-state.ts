/**
 * What the last build of an output folder rendered, kept in the folder itself
 * (`.news-archive-build`): a fingerprint of the code and settings it ran with, the digest of
 * every page's index record, and per search shard (a year or a month of articles) the digest of
 * what its bundle was last built from. A rebuild renders only pages whose digest changed (or
 * whose file is gone), and re-indexes only the search shards whose articles changed.
 *
 * Before rendering, a build marks the pages it is about to change as pending, and the search
 * bundles it is about to replace as unknown, in a small file beside the state
 * (`.news-archive-build.pending`, see `markPending`), which reading the state applies. A build
 * that dies half way thus leaves a state that distrusts those pages (they are rendered again)
 * and still lists them (they can be pruned). The final state is written atomically, after the
 * pages, and the pending file removed after it: should the build die in between, its pages are
 * only rendered once more.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { readText, writeAtomic } from "../ingest/files.ts";

export const STATE_FILE = ".news-archive-build";
const PENDING_FILE = `${STATE_FILE}.pending`;
const FORMAT = 1;

/** What a page about to change has for its digest in the state as read while it renders. */
export const PENDING = "pending";

export interface BuildState {
  /** Code and settings the pages were rendered with; a different one re-renders everything. */
  code: string;
  /** Page URL → digest of the record it was rendered from. */
  pages: Record<string, string>;
  /** Search shard → digest of what Pagefind last indexed into its bundle (see `search-shards.ts`). */
  search?: Record<string, string>;
  /** List (its first page's URL) → digest of the whole list its pages were cut from (see `PageSelector`). */
  lists?: Record<string, string>;
  /** The digest of the memo of this build's index (see `index-memo.ts`). */
  memo?: string;
  /**
   * As read: the shards whose bundles a killed build may have replaced (see `markPending`), their
   * digests dropped from `search`. A build marks them pending again with its own until it writes
   * a state: the file on disk still holds their old digests.
   */
  pendingShards?: string[];
}

/** The state of the last build, or undefined when there is none we can trust. */
export async function readBuildState(outputDir: string): Promise<BuildState | undefined> {
  const text = await readText(path.join(outputDir, STATE_FILE)).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<BuildState> & { format?: number };
    if (parsed.format !== FORMAT || typeof parsed.code !== "string" || typeof parsed.pages !== "object" || parsed.pages === null) return undefined;
    // A search digest of another shape (one string: the single index of earlier builds) is ignored: every shard is built.
    const search = isDigestMap(parsed.search) ? { search: parsed.search } : {};
    const lists = isDigestMap(parsed.lists) ? { lists: parsed.lists } : {};
    const memo = typeof parsed.memo === "string" ? { memo: parsed.memo } : {};
    const state: BuildState = { code: parsed.code, pages: parsed.pages, ...search, ...lists, ...memo };
    const pending = await readPending(outputDir);
    if (pending === "unreadable") return undefined;
    if (!pending) return state;
    for (const url of pending.pages) state.pages[url] = PENDING;
    for (const shard of pending.search) delete state.search?.[shard];
    return { ...state, pendingShards: pending.search };
  } catch {
    // An older marker (plain text) or a damaged file: render everything, as on a first build.
    return undefined;
  }
}

/**
 * Every page the last build of `outputDir` recorded writing, whether its state can be trusted or
 * not (another code, a build killed half way, a pending file that cannot be read): its state's
 * pages and those its pending file names. Nothing else in the folder is a build's to remove:
 * the folder may hold its owner's files too.
 */
export async function recordedPages(outputDir: string): Promise<string[]> {
  const pagesIn = async (file: string): Promise<string[]> => {
    try {
      const parsed = JSON.parse(await readText(path.join(outputDir, file))) as { pages?: unknown };
      if (Array.isArray(parsed.pages)) return parsed.pages.filter((p): p is string => typeof p === "string");
      return typeof parsed.pages === "object" && parsed.pages !== null ? Object.keys(parsed.pages) : [];
    } catch {
      return [];
    }
  };
  return [...new Set([...(await pagesIn(STATE_FILE)), ...(await pagesIn(PENDING_FILE))])];
}

/** `urls`, each marked pending: what a build that trusts nothing records before it writes a page (see `buildSite`). */
export const allPending = (urls: Iterable<string>): Record<string, string> => Object.fromEntries([...urls].map((url) => [url, PENDING]));

function isDigestMap(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
}

export async function writeBuildState(outputDir: string, state: BuildState): Promise<void> {
  const { code, pages, search, lists, memo } = state;
  await writeAtomic(path.join(outputDir, STATE_FILE), `${JSON.stringify({ format: FORMAT, code, ...(memo ? { memo } : {}), ...(search ? { search } : {}), ...(lists ? { lists } : {}), pages })}\n`);
  await rm(path.join(outputDir, PENDING_FILE), { force: true });
}

/** Pages about to change, and search shards whose bundles are about to be replaced. */
interface Pending {
  pages: string[];
  search: string[];
}

/**
 * Records, before a build changes anything of them, the pages it may write (those whose digest
 * in `digests` is not `previous`'s) and the search bundles it may replace (`stale`). Each call
 * replaces the last, so each names everything pending so far: what a killed build left pending
 * (`PENDING` pages and `pendingShards` in the state as read) as well as this build's, and a
 * rebuild's second call (its article pages first, then the rest) all that its first did.
 * Beside the state rather than in it: a one-seed rebuild of 10,000 articles wrote the whole
 * state (24,000 digests) twice more, with a copy of it marked each time (34-37 ms for the
 * copies, 50-70 ms for the state's writes, in profiles).
 */
export async function markPending(outputDir: string, previous: BuildState, digests: Readonly<Record<string, string>>, stale: readonly string[]): Promise<void> {
  const pages: string[] = [];
  for (const url in previous.pages) if (previous.pages[url] === PENDING) pages.push(url);
  for (const url in digests) if (previous.pages[url] !== digests[url] && previous.pages[url] !== PENDING) pages.push(url);
  const search = [...new Set([...(previous.pendingShards ?? []), ...stale])];
  await writeAtomic(path.join(outputDir, PENDING_FILE), `${JSON.stringify({ format: FORMAT, pages, search })}\n`);
}

/** The pending file, if there is one; "unreadable" when it may be there but cannot be read, or is damaged: nothing of the state can then be trusted. */
async function readPending(outputDir: string): Promise<Pending | "unreadable" | undefined> {
  let text: string;
  try {
    text = await readText(path.join(outputDir, PENDING_FILE));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : "unreadable";
  }
  try {
    const parsed = JSON.parse(text) as Partial<Pending> & { format?: number };
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
    return parsed.format === FORMAT && strings(parsed.pages) && strings(parsed.search) ? { pages: parsed.pages, search: parsed.search } : "unreadable";
  } catch {
    return "unreadable";
  }
}
