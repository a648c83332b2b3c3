/**
 * The file-system edge of ingest: listing seeds, reading them, and writing outputs atomically
 * (write a temporary file beside the target, then rename), so an interrupted run never leaves
 * a half-written article for Eleventy to render.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFile as readFileCallback, readFileSync, renameSync, rmSync, statSync, type Stats, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { threadId } from "node:worker_threads";

/**
 * Every `*.txt` below `dir`, as sorted `/`-separated relative paths; dot-files and folders
 * skipped. Symbolic links named `*.txt` are listed too, wherever they point: a link to a seed
 * is read as that seed, and one that leads nowhere, or to a folder, is rejected when it is read,
 * so that it is reported rather than left out without a word. (Links to folders are not
 * followed into.)
 */
export async function listSeeds(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!(entry.isFile() || entry.isSymbolicLink()) || !entry.name.toLowerCase().endsWith(".txt")) continue;
    // A seed in the folder itself is its name: working that out through paths for each of
    // 10,000 seeds took 25-45 ms of every build.
    if (entry.parentPath === dir) {
      if (!entry.name.startsWith(".")) files.push(entry.name);
      continue;
    }
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    files.push(rel);
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/**
 * Reads a whole file through Node's callback API, for the thousands of small files a build
 * reads (seeds). `fs/promises` costs several times the CPU per file (10,000 seeds, in the page
 * cache, 32 at a time: 0.52-0.73 s of wall time against 0.16-0.27 s); `readFileSync` is cheaper
 * still when the files are cached (0.06-0.22 s) but reads one file at a time, which was the
 * slowest when they were not (0.94-1.35 s, against 0.63-0.65 s and 0.37-0.41 s). Stats do
 * not need this: 10,000 `statSync` calls took 60-90 ms with the caches dropped, 18 ms without.
 */
export const readWhole: (file: string) => Promise<Buffer> = promisify(readFileCallback);

/**
 * A file's stats, or undefined when there is nothing there to stat (absent, or a path through
 * a file): synchronous, without an exception for an absent file (see `stampOf`).
 */
export function statOf(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Writes `content` to `file` atomically (a temporary file beside it, then a rename); returns
 * false, and writes nothing, when the file already holds those bytes. Ingest's Markdown and
 * caches and Eleventy's pages (`site/output-writes.ts`) all go through here.
 *
 * With the synchronous calls: ingest writes thousands of small files from the main thread,
 * whose CPU is what a build waits on, and `fs/promises` costs several times the CPU per file
 * (10,000 files of 2.5 KB, written and renamed: 0.86 s with it, 0.28-0.63 s without). Writes
 * land in the page cache, so unlike reads (`readWhole`) they do not wait for the disk.
 */
export function writeIfChanged(file: string, content: string | Buffer): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (sameBytes(file, bytes)) return false;
  const tmp = temporaryFor(file);
  try {
    writeTmp(tmp, bytes);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  return true;
}

/**
 * The temporary file a write of `file` goes through: hidden, beside it, and per process and
 * thread, since two threads may write the same file at once (the site's one-off pages).
 */
export const temporaryFor = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${threadId}.tmp`);

/** What `temporaryFor` names, for removing what an interrupted write left. */
export const TEMPORARY = /^\..+\.\d+-\d+\.tmp$/;

/**
 * Whether `file` holds `bytes`. A stat first, without an exception when the file is absent
 * (as it is for every article of a first build) and without reading a file whose size differs
 * (a cache's JSON, tens of megabytes, is rewritten with another size): failing to read 50,000
 * absent files took 0.43-0.56 s, a stat of each 0.05-0.06 s.
 */
function sameBytes(file: string, bytes: Buffer): boolean {
  if (statOf(file)?.size !== bytes.length) return false;
  try {
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Writes the temporary file, making its folder only when it is missing. */
function writeTmp(tmp: string, bytes: Buffer): void {
  try {
    writeFileSync(tmp, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(path.dirname(tmp), { recursive: true });
    writeFileSync(tmp, bytes);
  }
}

/** Writes a whole file atomically, changed or not (reports, indexes). */
export async function writeAtomic(file: string, content: string): Promise<void> {
  writeIfChanged(file, content);
}

/**
 * A whole file as UTF-8 text, decoded at once. `fs/promises`' `readFile` with an encoding
 * decodes a large file in chunks and joins them: for the caches' 24 MB of JSON, read on every
 * build, that allocated twice their size (a one-seed rebuild's main thread allocated 51 MB in
 * the decoder alone), all of it for the garbage collector.
 */
export async function readText(file: string): Promise<string> {
  return (await readFile(file)).toString("utf8");
}

export { readFile };
