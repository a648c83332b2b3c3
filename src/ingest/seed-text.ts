/**
 * An article's paragraphs, read from its seed again. The seed cache keeps all of a parse but
 * the paragraphs (`seed-cache.ts`): a rebuild wants them only for the articles whose Markdown
 * it writes and the pages it renders, and keeping them made the cache 13 MB of JSON at 10,000
 * articles, parsed on every build (5.3 MB without them). The seed is read, decoded
 * and parsed as when it was first read, and the paragraphs must have the digest kept with the
 * parse: a seed changed since the build stamped it is an error naming it, never an article
 * with another article's text.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TextSource } from "./article.ts";
import { decode } from "./decode.ts";
import { IngestError } from "./errors.ts";
import { readWhole } from "./files.ts";
import { parseSeed, type ParseResult } from "./parse.ts";
import { paragraphsDigest } from "./record-digest.ts";

/**
 * A seed's bytes decoded and parsed, the decoder's warnings with the parser's: how ingest reads
 * a seed first (`pipeline.ts`) and how its paragraphs are read again here, so that both give
 * the same paragraphs.
 */
export function parseSeedBytes(bytes: Uint8Array): ParseResult {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseSeed(decoded.text);
  if (parsed.ok) parsed.value.warnings.push(...decoded.warnings);
  return parsed;
}

/** The paragraphs in `bytes`, the seed of `source`; throws if they are not the ones parsed before. */
export function paragraphsOf(bytes: Buffer, source: TextSource): string[] {
  const parsed = parseSeedBytes(bytes);
  if (parsed.ok && paragraphsDigest(parsed.value.paragraphs) === source.paragraphsDigest) return parsed.value.paragraphs;
  throw new IngestError(`${source.file} changed while the archive was being built: build again to take the change`, { file: path.join(source.seedsDir, source.file) });
}

export async function readParagraphs(source: TextSource): Promise<string[]> {
  return paragraphsOf(await readWhole(path.join(source.seedsDir, source.file)), source);
}

/** For renderers, which are synchronous: a build reads the few articles it renders this way. */
export function readParagraphsSync(source: TextSource): string[] {
  return paragraphsOf(readFileSync(path.join(source.seedsDir, source.file)), source);
}
