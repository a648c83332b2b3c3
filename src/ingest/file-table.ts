/**
 * A table of entries by name (a file, a text's hash), kept as JSON beside the articles between
 * runs (what ingest wrote, the seeds it parsed, the entities it extracted). Each is valid only under the
 * fingerprint it was saved with (of the code, by default): a missing, unreadable or other
 * fingerprint's table reads as empty, so the run does the work again.
 *
 * A run that changed a few entries of a large table saves only those, in a second file beside
 * it (the delta: entries put, names removed, since the whole table was last written), rather
 * than the whole table again: writing the extraction table (11.6 MB) and the written state
 * whole took 0.17 s of a 10,000-article rebuild that added one seed. The delta names the
 * table it applies to by an id the whole table gets each time it is written, so a delta left
 * beside a newer table is ignored. Once the delta holds an eighth of the table's entries, the
 * whole table is written again.
 */
import { isAscii } from "node:buffer";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { codeFingerprint } from "../code-fingerprint.ts";
import { readFile, readText, writeAtomic } from "./files.ts";

interface TableFile<E> {
  code: string;
  /** Names this version of the table for its delta (absent in tables written before deltas: they get none). */
  id?: string;
  entries: Record<string, E>;
}

interface DeltaFile<E> {
  code: string;
  /** The `id` of the table this delta applies to. */
  table: string;
  put: Record<string, E>;
  removed: string[];
}

/** Changes up to this share of a table's entries are saved as a delta. */
const DELTA_SHARE = 1 / 8;

const deltaFileOf = (file: string): string => file.replace(/(\.json)?$/, ".delta.json");

const byName = <T>([a]: [string, T], [b]: [string, T]): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * JSON with every character outside ASCII escaped (`\u00e9`). Read back, ASCII text is a
 * string of one byte a character in V8, where one accented name anywhere made the whole text
 * of a cache two bytes a character: for the seed and extraction caches of 10,000 articles,
 * decoding took 26-37 ms against 8 ms each, and parsing 91-101 and 46-47 ms against 76-82 and
 * 21 ms, on every build.
 */
export const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The table in `file`, if it is there, readable, of this fingerprint and of the expected shape;
 * `ascii` when its file is (see `asciiJson`).
 */
async function readTable<E>(file: string, code: string): Promise<{ table: TableFile<E>; ascii: boolean } | undefined> {
  try {
    const bytes = await readFile(file);
    const data = JSON.parse(bytes.toString("utf8")) as unknown;
    const valid = isRecord(data) && data.code === code && (data.id === undefined || typeof data.id === "string") && isRecord(data.entries);
    return valid ? { table: data as unknown as TableFile<E>, ascii: isAscii(bytes) } : undefined;
  } catch {
    return undefined; // Nothing recorded yet.
  }
}

/** The delta for the table `id`, if there is one of the expected shape. */
async function readDelta<E>(file: string, code: string, id: string): Promise<DeltaFile<E> | undefined> {
  try {
    const data = JSON.parse(await readText(file)) as unknown;
    const valid = isRecord(data) && data.code === code && data.table === id && isRecord(data.put) && Array.isArray(data.removed) && data.removed.every((n) => typeof n === "string");
    return valid ? (data as unknown as DeltaFile<E>) : undefined;
  } catch {
    return undefined;
  }
}

export class FileTable<E> {
  /** Entries of the last run. */
  readonly previous: ReadonlyMap<string, E>;
  /** This run's entries: those kept from the last run, and those put anew. */
  readonly next = new Map<string, E>();
  /** Names put in this run. */
  private readonly puts = new Set<string>();

  private constructor(
    private readonly file: string,
    private readonly code: string,
    previous: ReadonlyMap<string, E>,
    /** The whole table as last written, when there is one to save a delta against. */
    private readonly base?: { id: string; names: ReadonlySet<string>; delta: ReadonlySet<string> },
  ) {
    this.previous = previous;
  }

  /** `fingerprint` defaults to the code's (see `code-fingerprint.ts`). */
  static async open<E>(dir: string, name: string, fingerprint?: string): Promise<FileTable<E>> {
    const file = path.join(dir, name);
    const code = fingerprint ?? (await codeFingerprint(null));
    const read = await readTable<E>(file, code);
    if (!read) return new FileTable(file, code, new Map());
    const { table, ascii } = read;
    const previous = new Map(Object.entries(table.entries));
    // A table from before deltas (the extraction cache's fingerprint does not cover this file)
    // is read as it is, and written whole, with an id, when it next changes.
    if (table.id === undefined) return new FileTable(file, code, previous);
    const names = new Set(previous.keys());
    const delta = await readDelta<E>(deltaFileOf(file), code, table.id);
    const put = Object.entries(delta?.put ?? {});
    for (const removed of delta?.removed ?? []) previous.delete(removed);
    for (const [name, entry] of put) previous.set(name, entry);
    // One from before tables were written as ASCII, likewise, to be read faster from then on.
    if (!ascii) return new FileTable(file, code, previous);
    return new FileTable(file, code, previous, { id: table.id, names, delta: new Set(put.map(([name]) => name)) });
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
    this.puts.add(name);
  }

  /** Whether this run's entries differ from the last run's (only kept ones, and all of them, do not). */
  get changed(): boolean {
    return this.puts.size > 0 || this.next.size !== this.previous.size;
  }

  /**
   * Writes this run's entries, sorted by name so the file does not depend on run order; nothing
   * when they are the last run's (rewriting a table of 10,000 entries cost a tenth of a second).
   * A few changes to a large table are written as its delta (see above).
   */
  async save(): Promise<void> {
    if (!this.changed) return;
    if (this.base) {
      const { id, names, delta } = this.base;
      // Against the whole table as written: what this run put, what the delta had that this run
      // kept, and the names gone since.
      const put = [...this.next].filter(([name]) => this.puts.has(name) || delta.has(name));
      const removed = [...names].filter((name) => !this.next.has(name));
      if (put.length + removed.length <= this.next.size * DELTA_SHARE) {
        const data: DeltaFile<E> = { code: this.code, table: id, put: Object.fromEntries(put.sort(byName)), removed: removed.sort() };
        await writeAtomic(deltaFileOf(this.file), asciiJson(data));
        return;
      }
    }
    const entries = Object.fromEntries([...this.next].sort(byName));
    await writeAtomic(this.file, asciiJson({ code: this.code, id: randomUUID(), entries } satisfies TableFile<E>));
    // The delta names the table just replaced, so it would be ignored; it is removed to save the space.
    await rm(deltaFileOf(this.file), { force: true });
  }

  /** Removes the files: the next run reads as if nothing was recorded. */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    await rm(deltaFileOf(this.file), { force: true });
  }
}
