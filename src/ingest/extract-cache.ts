/**
 * Entity extraction results kept between runs, so re-ingesting an archive only runs the tagger
 * on seeds whose text changed. Entries are keyed by the SHA-256 of the text; the whole cache is
 * tied to a fingerprint of the model file and the extraction code, so a retrained model or a
 * changed extractor starts from empty rather than serving stale entities.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ExtractedEntity } from "./article.ts";
import { filesFingerprint } from "../code-fingerprint.ts";
import { sha256, writeAtomic } from "./files.ts";

export const CACHE_FILE = ".extract-cache.json";

interface CacheFile {
  fingerprint: string;
  entries: Record<string, ExtractedEntity[]>;
}

/** Hash of everything extraction depends on: the model files and the tagger and extractor code. */
export function extractorFingerprint(): Promise<string> {
  return filesFingerprint(["models", "src/ner", "src/entities/extract.ts"]);
}

export class ExtractCache {
  private readonly used = new Map<string, ExtractedEntity[]>();
  private added = false;

  private constructor(
    private readonly file: string,
    readonly fingerprint: string,
    private readonly entries: Map<string, ExtractedEntity[]>,
  ) {}

  /** Opens the cache in `dir`; a missing, unreadable or outdated one starts empty. */
  static async open(dir: string): Promise<ExtractCache> {
    const file = path.join(dir, CACHE_FILE);
    const fingerprint = await extractorFingerprint();
    let entries = new Map<string, ExtractedEntity[]>();
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as CacheFile;
      if (data.fingerprint === fingerprint) entries = new Map(Object.entries(data.entries));
    } catch {
      // No cache yet, or one we cannot read: extraction simply runs for every seed.
    }
    return new ExtractCache(file, fingerprint, entries);
  }

  static key(text: string): string {
    return sha256(text);
  }

  get(key: string): ExtractedEntity[] | undefined {
    const hit = this.entries.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  set(key: string, value: ExtractedEntity[]): void {
    this.used.set(key, value);
    this.added = true;
  }

  /**
   * Writes only the entries this run used, so the cache never outgrows the archive; nothing when
   * they are the entries it read (rewriting 10,000 entries cost a tenth of a second or more).
   */
  async save(): Promise<void> {
    if (!this.added && this.used.size === this.entries.size) return;
    const data: CacheFile = { fingerprint: this.fingerprint, entries: Object.fromEntries([...this.used].sort(([a], [b]) => (a < b ? -1 : 1))) };
    await writeAtomic(this.file, JSON.stringify(data));
  }
}
