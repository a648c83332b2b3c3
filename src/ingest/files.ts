/**
 * The file-system edge of ingest: listing seeds, reading them, and writing outputs atomically
 * (write a temporary file beside the target, then rename), so an interrupted run never leaves
 * a half-written article for Eleventy to render.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Every `*.txt` below `dir`, as sorted `/`-separated relative paths; dot-files and folders skipped. */
export async function listSeeds(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith(".txt")) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (rel.split("/").some((part) => part.startsWith("."))) continue;
    files.push(rel);
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Writes `content` to `file` atomically; returns false (and writes nothing) when it is unchanged. */
export async function writeIfChanged(file: string, content: string): Promise<boolean> {
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing === content) return false;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return true;
}

/** Writes a whole file atomically, changed or not (reports, indexes). */
export async function writeAtomic(file: string, content: string): Promise<void> {
  await writeIfChanged(file, content);
}

export { readFile };
