/**
 * The manifest as the last run parsed it, kept beside the articles (`.manifest-cache.json`), so
 * that a run parses only what was added to it: an archive's manifest grows by rows added at its
 * end, and parsing 10,000 rows took 65-80 ms of every build. The cache holds the parse, the size
 * and digest of the bytes it was made from, and their line count; a manifest that still starts
 * with those bytes has only the rest parsed (`parseManifestTail`), with the header in front. Any
 * other manifest is parsed whole, and so is one whose added rows cannot be parsed (its error
 * then names the line in the whole file). Either way the parse is the whole file's (tested). The
 * cache is tied to the code, the manifest's path and the time zone its dates were read in.
 * Manifests that are not UTF-8 (decoded as seeds are: `decode.ts`, Windows-1252 with a warning),
 * or that have rows the CSV parser could not read, are not kept (rows added to a manifest kept
 * before are still parsed from where it ends, with the result parsing it whole gives: tested).
 */
import path from "node:path";
import { codeFingerprint } from "../code-fingerprint.ts";
import { decode } from "./decode.ts";
import { readText, sha256, writeAtomic } from "./files.ts";
import { parseManifest, parseManifestTail, type Manifest } from "./manifest.ts";

export const MANIFEST_CACHE_FILE = ".manifest-cache.json";
const FORMAT = 1;

interface Cached {
  format: number;
  key: string;
  /** The bytes parsed: how many, their digest, and the lines they hold (the header among them). */
  size: number;
  sha256: string;
  lines: number;
  /** Their first line, with its line break. */
  header: string;
  manifest: Manifest;
}

/**
 * The first line of `text`, with its line break, when rows added after it can be parsed apart
 * from it with that line in front (else undefined):
 * - it ends a line;
 * - its first line is its header, whole (not empty, which the parser would skip, nor quoted);
 * - a row follows it: the header is checked, and warned about, with the first row, which must
 *   therefore be among the rows parsed whole;
 * - the CSV parser counts its lines as its line breaks (it counts a quoted CRLF as two lines, so
 *   text with both quotes and carriage returns is always parsed whole).
 */
function continuedHeader(text: string): string | undefined {
  const body = text.replace(/^\uFEFF/, "");
  const headerEnd = body.indexOf("\n");
  const header = body.slice(0, headerEnd).replace(/\r$/, "");
  if (!text.endsWith("\n") || headerEnd < 0 || header === "" || header.includes('"') || header.includes("\r")) return undefined;
  if (!/[^\r\n]/.test(body.slice(headerEnd + 1))) return undefined;
  const counted = !text.includes("\r") || (!text.includes('"') && !/\r(?!\n)/.test(text));
  return counted ? body.slice(0, headerEnd + 1) : undefined;
}

const lineBreaks = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
};

/**
 * The manifest `file` holds (`bytes`), parsed with what the cache in `cacheDir` kept of it;
 * the cache is brought up to date. Throws as `parseManifest` does. A cache that cannot be read
 * is ignored; one that cannot be written is reported to `onCacheError`.
 */
export async function parseManifestCached(file: string, bytes: Buffer, cacheDir: string, zone: string, onCacheError: (error: unknown) => void): Promise<Manifest> {
  const key = `${await codeFingerprint(null)}\n${path.resolve(file)}\n${zone}`;
  const cacheFile = path.join(cacheDir, MANIFEST_CACHE_FILE);
  const cached = await readCache(cacheFile, key);
  const known = cached && bytes.length >= cached.size && sha256(bytes.subarray(0, cached.size)) === cached.sha256 ? cached : undefined;
  if (known && known.size === bytes.length) return known.manifest;
  const decoded = decode(bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  const { text } = decoded;
  // Only UTF-8 is parsed from where the cached bytes end: a tail decoded on its own could be read
  // otherwise than the whole file is.
  const utf8 = decoded.encoding === "utf-8";
  const manifest = (known && utf8 && tailOf(known, bytes, zone)) || parseManifest(text, zone);
  if (!utf8) {
    // Decoded otherwise than as UTF-8: said, for the file as a whole (row 0), first.
    return { entries: manifest.entries, warnings: [...decoded.warnings.map((message) => ({ row: 0, message })), ...manifest.warnings] };
  }
  const header = manifest.unreadableRows ? undefined : continuedHeader(text);
  if (header !== undefined) {
    const next: Cached = { format: FORMAT, key, size: bytes.length, sha256: sha256(bytes), lines: lineBreaks(text), header, manifest };
    try {
      await writeAtomic(cacheFile, `${JSON.stringify(next)}\n`);
    } catch (error) {
      onCacheError(error);
    }
  }
  return manifest;
}

/** The rows after the cached ones parsed, or undefined when they cannot be: parsed whole, the manifest's error then names its line in the whole file. */
function tailOf(known: Cached, bytes: Buffer, zone: string): Manifest | undefined {
  try {
    return parseManifestTail(known.manifest, known.header, bytes.subarray(known.size).toString("utf8"), known.lines, zone);
  } catch {
    return undefined;
  }
}

async function readCache(file: string, key: string): Promise<Cached | undefined> {
  try {
    const parsed = JSON.parse(await readText(file)) as Partial<Cached>;
    const valid =
      parsed.format === FORMAT &&
      parsed.key === key &&
      typeof parsed.size === "number" &&
      typeof parsed.sha256 === "string" &&
      typeof parsed.lines === "number" &&
      typeof parsed.header === "string" &&
      Array.isArray(parsed.manifest?.entries) &&
      Array.isArray(parsed.manifest.warnings);
    return valid ? (parsed as Cached) : undefined;
  } catch {
    return undefined;
  }
}
