/**
 * What ingest last wrote to each Markdown file: the digest of the article record it rendered,
 * and the file's size and modification time just after. When a re-ingest finds the same record
 * and the file as it left it, the article is unchanged without rendering its front matter and
 * comparing it with the file (most of a no-change re-ingest of 10,000 articles before this).
 * A file edited or removed by hand has another size or time, and is written again.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { codeFingerprint } from "../code-fingerprint.ts";
import { readFile, writeAtomic } from "./files.ts";

const WRITTEN_FILE = ".written.json";

interface Entry {
  digest: string;
  size: number;
  mtimeMs: number;
}

interface StateFile {
  code: string;
  files: Record<string, Entry>;
}

export class WrittenState {
  private readonly next = new Map<string, Entry>();

  private constructor(
    private readonly dir: string,
    private readonly code: string,
    private readonly previous: ReadonlyMap<string, Entry>,
  ) {}

  /** The state in `dir`; a missing, unreadable or other code's state starts empty. */
  static async open(dir: string): Promise<WrittenState> {
    const code = await codeFingerprint(null);
    let previous = new Map<string, Entry>();
    try {
      const data = JSON.parse(await readFile(path.join(dir, WRITTEN_FILE), "utf8")) as StateFile;
      if (data.code === code) previous = new Map(Object.entries(data.files));
    } catch {
      // Nothing recorded yet: every article is rendered and compared with its file.
    }
    return new WrittenState(dir, code, previous);
  }

  /** Whether `name` holds what rendering a record with this digest would write. */
  async unchanged(name: string, digest: string): Promise<boolean> {
    const entry = this.previous.get(name);
    if (entry?.digest !== digest) return false;
    const now = await stat(path.join(this.dir, name)).catch(() => undefined);
    if (now?.size !== entry.size || now.mtimeMs !== entry.mtimeMs) return false;
    this.next.set(name, entry);
    return true;
  }

  /** Notes that `name` now holds the rendering of a record with this digest. */
  async record(name: string, digest: string): Promise<void> {
    const now = await stat(path.join(this.dir, name));
    this.next.set(name, { digest, size: now.size, mtimeMs: now.mtimeMs });
  }

  /** Saves what this run wrote or found unchanged (files of removed seeds drop out). */
  async save(): Promise<void> {
    const files = Object.fromEntries([...this.next].sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeAtomic(path.join(this.dir, WRITTEN_FILE), JSON.stringify({ code: this.code, files } satisfies StateFile));
  }
}
