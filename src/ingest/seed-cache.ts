/**
 * Seeds as the last run read them, so a rebuild reads and parses only seeds that changed
 * (reading and parsing 10,000 seeds took about a second of every build). A seed counts as
 * unchanged while its size, inode, and modification and change times are the ones recorded, as
 * git's index decides: an edit moves the change time even when a tool puts the modification
 * time back. A seed whose times are within a couple of seconds of the run that read it is not
 * kept, since a filesystem with coarse times could show a second edit in that window with the
 * same times (git calls such entries "racily clean"). The cache is tied to the code's
 * fingerprint and to the seeds folder, so a changed parser or another folder starts from empty.
 * Seeds ingest rejected are kept with their reason, and stay rejected until they change.
 * A parse is kept without its paragraphs, which are read from the seed again when wanted
 * (`seed-text.ts`), with the summary made from them.
 */
import path from "node:path";
import type { ParsedSeed } from "./article.ts";
import { codeFingerprint } from "../code-fingerprint.ts";
import { FileTable } from "./file-table.ts";
import { statOf } from "./files.ts";

export const SEED_CACHE_FILE = ".seed-cache.json";

/**
 * Characters of headlines and summaries beyond which the cache is not kept: its JSON is one
 * string, V8's strings stop at about 537 million characters, and parsing hundreds of megabytes
 * of JSON would cost what reading the seeds costs. That is about 650,000 articles like the
 * BBC's (2,266 characters of text each, a summary of at most 280); when the cache held their
 * paragraphs too, about 90,000.
 */
const MAX_TEXT = 200_000_000;

/** Coarser than any filesystem's timestamps (FAT's are 2 s). */
const RACY_MS = 3000;

/** A seed read, decoded and parsed, with its hashes and summary (see `pipeline.ts`). */
export interface ParsedDraft {
  parsed: ParsedSeed;
  sha256: string;
  contentKey: string;
  /** `paragraphsDigest(parsed.paragraphs)` (see `record-digest.ts`). */
  paragraphsDigest: string;
  /** `summarise(parsed.paragraphs)`. */
  summary: string;
}

/** A draft as the cache keeps it: without its paragraphs. */
export type KeptDraft = Omit<ParsedDraft, "parsed"> & { parsed: Omit<ParsedSeed, "paragraphs"> };

/** What a run made of one version of a seed: its draft, or why it was rejected. */
export type SeedOutcome = { draft: ParsedDraft } | { reason: string };

/** What the cache gives back of a seed: its draft as kept, or why it was rejected. */
export type KeptOutcome = { draft: KeptDraft } | { reason: string };

/** What identifies one version of a seed file without reading it. */
export interface SeedStamp {
  size: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Whether its times are far enough in the past for a later edit to move them. */
  settled: boolean;
  /**
   * Whether it is a regular file: a seed listed as a link may lead to a folder, a pipe or a
   * device, which reading would fail on, wait on or read without end.
   */
  regular: boolean;
}

type Entry = Omit<SeedStamp, "settled" | "regular"> & KeptOutcome;

/**
 * The stamp of a seed file, or undefined when it cannot be read (reading says why). A
 * synchronous stat: every build stats every seed, and `fs/promises` took 0.3-0.4 s of the
 * main thread's CPU for 10,000 of them; `statSync`, 18 ms (60-90 ms with the caches dropped).
 */
export function stampOf(file: string): SeedStamp | undefined {
  const s = statOf(file);
  if (!s) return undefined;
  const settled = Date.now() - Math.max(s.mtimeMs, s.ctimeMs) > RACY_MS;
  return { size: s.size, ino: s.ino, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, settled, regular: s.isFile() };
}

const sameVersion = (entry: Entry, stamp: SeedStamp): boolean =>
  entry.size === stamp.size && entry.ino === stamp.ino && entry.mtimeMs === stamp.mtimeMs && entry.ctimeMs === stamp.ctimeMs;

export class SeedCache {
  private constructor(
    private readonly table: FileTable<Entry>,
    private readonly maxText: number,
  ) {}

  /** The cache in `dir` for seeds read from `seedsDir`; a missing, unreadable, other code's or other folder's cache starts empty. */
  static async open(dir: string, seedsDir: string, maxText = MAX_TEXT): Promise<SeedCache> {
    const fingerprint = `${await codeFingerprint(null)}\n${path.resolve(seedsDir)}`;
    return new SeedCache(await FileTable.open<Entry>(dir, SEED_CACHE_FILE, fingerprint), maxText);
  }

  /** Whether the last run saw this version of `seed` (then `get` has what it made of it). */
  has(seed: string, stamp: SeedStamp): boolean {
    const entry = this.table.previous.get(seed);
    return entry !== undefined && sameVersion(entry, stamp);
  }

  /** What the last run made of this version of `seed`, kept for the next run too. */
  get(seed: string, stamp: SeedStamp): KeptOutcome | undefined {
    return this.has(seed, stamp) ? this.table.keep(seed) : undefined;
  }

  /** Records what this run made of this version of `seed`, unless its times are too recent to trust. */
  set(seed: string, stamp: SeedStamp, outcome: SeedOutcome): void {
    if (!stamp.settled) return;
    const kept = "reason" in outcome ? outcome : { draft: { ...outcome.draft, parsed: withoutParagraphs(outcome.draft.parsed) } };
    this.table.put(seed, { size: stamp.size, ino: stamp.ino, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ...kept });
  }

  /** Saves the seeds this run read or found unchanged (seeds that are gone drop out); nothing if that is what it read. */
  async save(): Promise<void> {
    if (!this.table.changed) return;
    let text = 0;
    for (const entry of this.table.next.values()) {
      if (!("draft" in entry)) continue;
      text += entry.draft.parsed.headline.length + entry.draft.summary.length;
    }
    if (text > this.maxText) await this.table.remove();
    else await this.table.save();
  }
}

function withoutParagraphs({ headline, pullQuotes, warnings }: ParsedSeed): KeptDraft["parsed"] {
  return { headline, pullQuotes, warnings };
}
