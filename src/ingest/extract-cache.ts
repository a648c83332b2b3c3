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
  private constructor(private readonly table: FileTable<ExtractedEntity[]>) {}

  /** Opens the cache in `dir`; a missing, unreadable or outdated one starts empty (extraction runs for every seed). */
  static async open(dir: string): Promise<ExtractCache> {
    return new ExtractCache(await FileTable.open<ExtractedEntity[]>(dir, CACHE_FILE, await extractorFingerprint()));
  }

  static key(text: string): string {
    return sha256(text);
  }

  get(key: string): ExtractedEntity[] | undefined {
    return this.table.keep(key);
  }

  set(key: string, value: ExtractedEntity[]): void {
    this.table.put(key, value);
  }

  /** Writes only the entries this run used, so the cache never outgrows the archive (and nothing if they are the ones it read). */
  async save(): Promise<void> {
    await this.table.save();
  }
}
