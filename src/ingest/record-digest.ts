/**
 * The digests of an article record. `content` covers what the site is made from: every field but
 * `source` and `warnings`, which only the Markdown's front matter and the run's report carry
 * (see `siteArticleOf`), so that a seed whose bytes change but whose text does not (line endings,
 * a byte-order mark) re-renders no page. `record` covers the whole record, for the written state
 * (`written.ts`): the Markdown holds `source` too. It is made from `content`, not digested anew.
 *
 * Field by field, in the order of the tables below (see `FieldDigest`): every ingest digests
 * every article. The tables are typed to name every field of the records, so that a field
 * added to `Article`, `Entity`, `PullQuote` or an article's `source` does not compile until it
 * is digested too.
 */
import { FieldDigest } from "../digest.ts";
import type { Article, Entity, PullQuote } from "./article.ts";

export interface RecordDigests {
  content: string;
  record: string;
}

/** How each field of a `T` is mixed in; every field must have one. */
type Mixers<T> = { [K in keyof T]-?: (digest: FieldDigest, value: T[K]) => void };

const text = (d: FieldDigest, value: string | undefined): void => void d.text(value);
const texts = (d: FieldDigest, values: readonly string[]): void => void d.texts(values);
const number = (d: FieldDigest, value: number): void => void d.number(value);

function mixAll<T>(d: FieldDigest, mixers: Mixers<T>, record: T): void {
  for (const key in mixers) mixers[key](d, record[key]);
}

function list<T>(mixers: Mixers<T>): (d: FieldDigest, records: readonly T[]) => void {
  return (d, records) => {
    d.number(records.length);
    for (const record of records) mixAll(d, mixers, record);
  };
}

const ENTITY: Mixers<Entity> = { name: text, type: text, slug: text, aliases: texts, mentions: number, description: text, sameAs: text };

const PULL_QUOTE: Mixers<PullQuote> = { text, attribution: text, after: number };

/** Every field of the content but its paragraphs, which are mixed in as their own digest (see `paragraphsDigest`). */
const CONTENT: Mixers<Omit<Article, "source" | "warnings" | "paragraphs">> = {
  id: text,
  title: text,
  slug: text,
  date: text,
  dateSource: text,
  section: text,
  tags: texts,
  summary: text,
  byline: text,
  sourceUrl: text,
  entities: list(ENTITY),
  pullQuotes: list(PULL_QUOTE),
};

const SOURCE: Mixers<Article["source"]> = { file: text, sha256: text };

/** What the Markdown holds besides the content: the record's digest is made from the content's and these. */
const RECORD: Mixers<Pick<Article, "source" | "warnings">> = { source: (d, source) => mixAll(d, SOURCE, source), warnings: texts };

const CONTENT_TAG = 11;
const RECORD_TAG = 12;
const PARAGRAPHS_TAG = 13;

/**
 * The digest of an article's paragraphs, most of its text. It is made when a seed is parsed and
 * kept with the parse in the seed cache (`ParsedDraft.paragraphsDigest`), so that a rebuild
 * digests each unchanged article's record without going through its text again: at 10,000
 * articles that was 50-60 ms of the 85 ms the records' digests took (profiled).
 */
export function paragraphsDigest(paragraphs: readonly string[]): string {
  return new FieldDigest(PARAGRAPHS_TAG).texts(paragraphs).done();
}

function digestOf({ id, paragraphs }: { id: string; paragraphs?: readonly string[] }): string {
  if (!paragraphs) throw new Error(`article ${id}: no paragraphs to digest, and no digest of them given`);
  return paragraphsDigest(paragraphs);
}

/**
 * The digests of `article`, given its paragraphs' digest when known (it must be
 * `paragraphsDigest(article.paragraphs)`), as it must be for an article without its paragraphs.
 */
export function recordDigests(article: Omit<Article, "paragraphs"> & { paragraphs?: readonly string[] }, paragraphs = digestOf(article)): RecordDigests {
  // Made before the content's: digests share one running hash (see `FieldDigest`).
  const ofContent = new FieldDigest(CONTENT_TAG);
  mixAll(ofContent, CONTENT, article);
  ofContent.text(paragraphs);
  const content = ofContent.done();
  const ofRecord = new FieldDigest(RECORD_TAG).text(content);
  mixAll(ofRecord, RECORD, article);
  return { content, record: ofRecord.done() };
}
