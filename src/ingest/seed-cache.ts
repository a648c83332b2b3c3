/**
 * Seeds as the last run parsed them, so a rebuild reads and parses only seeds that changed.
 * A seed counts as unchanged while its size and modification time are the ones recorded, as
 * make and rsync decide (reading and parsing 10,000 seeds took about a second of every build).
 * Editing a seed changes its modification time; a tool that writes new content with the old
 * size and time restored would go unseen, and deleting the cache file (or the articles folder)
 * makes the next run read every seed. The cache is tied to the code's fingerprint, so a changed
 * parser starts from empty.
 */
import type { ParsedSeed } from "./article.ts";
import { FileTable } from "./file-table.ts";

export const SEED_CACHE_FILE = ".seed-cache.json";

/**
 * Characters of seed text beyond which the cache is not kept: its JSON is one string, V8's
 * strings stop at about 537 million characters, and parsing hundreds of megabytes of JSON
 * would cost what reading the seeds costs. Larger archives read every seed on every build.
 */
const MAX_TEXT = 200_000_000;

/** A seed read, decoded and parsed, with its hashes (see `pipeline.ts`). */
export interface ParsedDraft {
  parsed: ParsedSeed;
  sha256: string;
  contentKey: string;
}

/** What identifies one version of a seed file without reading it. */
export interface SeedStamp {
  size: number;
  mtimeMs: number;
}

interface Entry extends SeedStamp {
  draft: ParsedDraft;
}

export class SeedCache {
  private readonly next = new Map<string, Entry>();
  private added = false;

  private constructor(
    private readonly table: FileTable<Entry>,
    private readonly maxText: number,
  ) {}

  /** The cache in `dir`; a missing, unreadable or other code's cache starts empty (every seed is read). */
  static async open(dir: string, maxText = MAX_TEXT): Promise<SeedCache> {
    return new SeedCache(await FileTable.open<Entry>(dir, SEED_CACHE_FILE), maxText);
  }

  /** Whether the last run saw this version of `seed` (then `get` has its draft). */
  has(seed: string, stamp: SeedStamp): boolean {
    const entry = this.table.previous.get(seed);
    return entry !== undefined && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
  }

  /** The draft of this version of `seed`, kept for the next run too. */
  get(seed: string, stamp: SeedStamp): ParsedDraft | undefined {
    if (!this.has(seed, stamp)) return undefined;
    const entry = this.table.previous.get(seed) as Entry;
    this.next.set(seed, entry);
    return entry.draft;
  }

  /** Records the draft of this version of `seed`. */
  set(seed: string, stamp: SeedStamp, draft: ParsedDraft): void {
    this.next.set(seed, { size: stamp.size, mtimeMs: stamp.mtimeMs, draft });
    this.added = true;
  }

  /** Saves the seeds this run read or found unchanged (seeds that are gone drop out); nothing if that is what it read. */
  async save(): Promise<void> {
    if (!this.added && this.next.size === this.table.previous.size) return;
    let text = 0;
    for (const { draft } of this.next.values()) {
      text += draft.parsed.headline.length;
      for (const p of draft.parsed.paragraphs) text += p.length;
    }
    if (text > this.maxText) await this.table.remove();
    else await this.table.save(this.next);
  }
}
