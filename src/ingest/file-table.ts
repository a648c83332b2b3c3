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
  /** This run's entries: those kept from the last run, and those put anew. */
  readonly next = new Map<string, E>();
  private added = false;

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

  /** Carries the last run's entry for `name` into this run's, and returns it. */
  keep(name: string): E | undefined {
    const entry = this.previous.get(name);
    if (entry !== undefined) this.next.set(name, entry);
    return entry;
  }

  /** Records a new entry for `name` in this run's. */
  put(name: string, entry: E): void {
    this.next.set(name, entry);
    this.added = true;
  }

  /** Whether this run's entries differ from the last run's (only kept ones, and all of them, do not). */
  get changed(): boolean {
    return this.added || this.next.size !== this.previous.size;
  }

  /**
   * Writes this run's entries, sorted by name so the file does not depend on run order; nothing
   * when they are the last run's (rewriting a table of 10,000 entries cost a tenth of a second).
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    const sorted = Object.fromEntries([...this.next].sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeAtomic(this.file, JSON.stringify({ code: this.code, entries: sorted } satisfies TableFile<E>));
  }

  /** Removes the file: the next run reads as if nothing was recorded. */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
  }
}
