/**
 * The records that flow through ingest: a `Seed` (bytes read from disk) becomes a `ParsedSeed`
 * (headline and paragraphs), then an `Article` (with dates, entities, tags), which `write.ts`
 * renders as Markdown with YAML front matter. These types are the contract between phases.
 */

export type EntityType = "person" | "organization" | "place";

export const ENTITY_TYPES: readonly EntityType[] = ["person", "organization", "place"];

/** An entity as one article sees it, after aliases are merged and names canonicalised. */
export interface Entity {
  /** Canonical display name, the same in every article of the archive. */
  name: string;
  type: EntityType;
  /** Unique among the archive's entities of its type; the entity page lives at `/<type plural>/<slug>/`. */
  slug: string;
  /** Other surface forms of this entity used in this article. */
  aliases: string[];
  /** How often the entity is mentioned in this article, under any of its names. */
  mentions: number;
  /** From the editorial overrides only. */
  description?: string;
  /** A URL identifying the entity elsewhere (e.g. Wikidata), from the editorial overrides only. */
  sameAs?: string;
}

/** What extraction finds in one article, before archive-wide canonical names and slugs. */
export interface ExtractedEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
}

/** One input file, as read from disk. */
export interface Seed {
  /** Path relative to the seeds folder, with `/` separators (e.g. `politics/001.txt`). */
  file: string;
  /** The file stem, before it is made URL-safe. */
  stem: string;
  /** First folder under the seeds folder, if any: the default section. */
  folder?: string;
  bytes: Buffer;
}

export interface PullQuote {
  text: string;
  attribution?: string;
  /** Index of the paragraph the quote follows (0 = after the first paragraph; -1 = before all). */
  after: number;
}

export interface ParsedSeed {
  headline: string;
  paragraphs: string[];
  pullQuotes: PullQuote[];
  /** Non-fatal problems, e.g. a Windows-1252 fallback. */
  warnings: string[];
}

export type DateSource = "manifest" | "unknown";

export interface Article {
  id: string;
  title: string;
  slug: string;
  /** ISO 8601 (a date, or a date-time with offset); absent when unknown. */
  date?: string;
  dateSource: DateSource;
  section?: string;
  tags: string[];
  summary: string;
  byline?: string;
  /** Where the article was originally published (manifest `url`). */
  sourceUrl?: string;
  entities: Entity[];
  paragraphs: string[];
  pullQuotes: PullQuote[];
  source: { file: string; sha256: string };
  warnings: string[];
}

/** Where an article's paragraphs are: its seed, and the digest they had when it was parsed (see `seed-text.ts`). */
export interface TextSource {
  seedsDir: string;
  /** The seed, relative to `seedsDir`. */
  file: string;
  paragraphsDigest: string;
}

/**
 * An article as ingest hands it on: with its paragraphs when its seed was read in this run (or
 * its Markdown written), without them when the seed cache knew the seed; `text` says where
 * they are.
 */
export interface IngestedArticle extends Omit<Article, "paragraphs"> {
  paragraphs?: string[];
  text: TextSource;
}
