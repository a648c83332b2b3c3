/**
 * A table of entries by name (a file, a text's hash), kept as JSON beside the articles between
 * runs (what ingest wrote, the seeds it parsed, the entities it extracted). Each is valid only under the
 * fingerprint it was saved with (of the code, by default): a missing, unreadable or other
 * fingerprint's table reads as empty, so the run does the work again.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { codeFingerprint } from "../code-fingerprint.ts";
import { readFile, writeAtomic } from "./files.ts";

interface TableFile<E> {
  code: string;
  entries: Record<string, E>;
}

export class FileTable<E> {
  /** Entries of the last run. */
  readonly previous: ReadonlyMap<string, E>;

  private constructor(
    private readonly file: string,
    private readonly code: string,
    previous: ReadonlyMap<string, E>,
  ) {
    this.previous = previous;
  }

  /** `fingerprint` defaults to the code's (see `code-fingerprint.ts`). */
  static async open<E>(dir: string, name: string, fingerprint?: string): Promise<FileTable<E>> {
    const file = path.join(dir, name);
    const code = fingerprint ?? (await codeFingerprint(null));
    let previous = new Map<string, E>();
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as TableFile<E>;
      if (data.code === code) previous = new Map(Object.entries(data.entries));
    } catch {
      // Nothing recorded yet.
    }
    return new FileTable(file, code, previous);
  }

  /** Writes these entries (this run's), sorted by name so the file does not depend on run order. */
  async save(entries: ReadonlyMap<string, E>): Promise<void> {
    const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeAtomic(this.file, JSON.stringify({ code: this.code, entries: sorted } satisfies TableFile<E>));
  }

  /** Removes the file: the next run reads as if nothing was recorded. */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
