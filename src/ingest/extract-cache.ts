/**
 * Entity extraction results kept between runs, so re-ingesting an archive only runs the tagger
 * on seeds whose text changed. Entries are keyed by the SHA-256 of the text; the whole cache is
 * tied to a fingerprint of the model file and the extraction code, so a retrained model or a
 * changed extractor starts from empty rather than serving stale entities.
 */
import type { ExtractedEntity } from "./article.ts";
import { filesFingerprint } from "../code-fingerprint.ts";
import { FileTable } from "./file-table.ts";
import { sha256 } from "./files.ts";

export const CACHE_FILE = ".extract-cache.json";

/** Hash of everything extraction depends on: the model files and the tagger and extractor code. */
export function extractorFingerprint(): Promise<string> {
  return filesFingerprint(["models", "src/ner", "src/entities/extract.ts"]);
}

export class ExtractCache {
  private readonly used = new Map<string, ExtractedEntity[]>();
  private added = false;

  private constructor(private readonly table: FileTable<ExtractedEntity[]>) {}

  /** Opens the cache in `dir`; a missing, unreadable or outdated one starts empty (extraction runs for every seed). */
  static async open(dir: string): Promise<ExtractCache> {
    return new ExtractCache(await FileTable.open<ExtractedEntity[]>(dir, CACHE_FILE, await extractorFingerprint()));
  }

  static key(text: string): string {
    return sha256(text);
  }

  get(key: string): ExtractedEntity[] | undefined {
    const hit = this.table.previous.get(key);
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
    if (!this.added && this.used.size === this.table.previous.size) return;
    await this.table.save(this.used);
  }
}
