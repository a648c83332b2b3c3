/**
 * What ingest last wrote to each Markdown file: the digest of the article record it rendered,
 * and the file's size and modification time just after. When a re-ingest finds the same record
 * and the file as it left it, the article is unchanged without rendering its front matter and
 * comparing it with the file (most of a no-change re-ingest of 10,000 articles before this).
 * A file edited or removed by hand has another size or time, and is written again.
 */
import path from "node:path";
import { FileTable } from "./file-table.ts";
import { statOf } from "./files.ts";

const WRITTEN_FILE = ".written.json";

export interface Entry {
  digest: string;
  size: number;
  mtimeMs: number;
}

export class WrittenState {
  private constructor(
    private readonly dir: string,
    private readonly table: FileTable<Entry>,
  ) {}

  /** The state in `dir`; a missing, unreadable or other code's state starts empty (every article is rendered and compared with its file). */
  static async open(dir: string): Promise<WrittenState> {
    return new WrittenState(dir, await FileTable.open<Entry>(dir, WRITTEN_FILE));
  }

  /**
   * Whether `name` holds what rendering a record with this digest would write. The digest is
   * asked for only when there is an entry to compare it with (none on a first build).
   */
  unchanged(name: string, digest: () => string): boolean {
    const entry = this.table.previous.get(name);
    if (entry === undefined || entry.digest !== digest()) return false;
    // Nothing there to check (absent, or a file where a folder was): written again.
    const now = statOf(path.join(this.dir, name));
    if (now?.size !== entry.size || now.mtimeMs !== entry.mtimeMs) return false;
    this.table.keep(name);
    return true;
  }

  /** Notes that `name` now holds the rendering of a record with this digest, and had this size and time just after. */
  record(name: string, entry: Entry): void {
    this.table.put(name, entry);
  }

  /** Saves what this run wrote or found unchanged (files of removed seeds drop out); nothing if that is what it read. */
  async save(): Promise<void> {
    await this.table.save();
  }
}
