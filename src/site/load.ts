/**
 * Reads the Markdown that ingest wrote: front matter (the contract in README) plus body. A
 * hand-edited or hand-added file with a broken field fails here, by name. (`build` takes the
 * records of the files its own ingest just wrote from memory instead: see `siteArticleOf`.)
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { FAILSAFE_SCHEMA, load } from "js-yaml";
import type { Article, Entity, EntityType, IngestedArticle, PullQuote, TextSource } from "../ingest/article.ts";
import { ENTITY_TYPES } from "../ingest/article.ts";
import { readParagraphsSync } from "../ingest/seed-text.ts";
import { markdownBody } from "../ingest/write.ts";

/** What an article's Markdown body is made from (see `articleBody`): its paragraphs, or where to read them. */
export interface ArticleText {
  paragraphs?: string[];
  pullQuotes: PullQuote[];
  source?: TextSource;
}

export interface SiteArticle {
  id: string;
  title: string;
  slug: string;
  date?: string;
  dateSource: string;
  section?: string;
  tags: string[];
  summary: string;
  byline?: string;
  sourceUrl?: string;
  entities: Entity[];
  /**
   * The Markdown body, escaped at ingest, as read from an article's file; an article handed
   * over by ingest has its `text` instead, made into the body only for the pages that show it
   * (see `articleBody`).
   */
  body?: string;
  text?: ArticleText;
}

/**
 * The Markdown body of an article, as its file holds it after the front matter. Ingest's
 * records carry the text it is made from, which is rendered here, for the pages rendered:
 * made for every article whenever its record was handed over, the bodies took 38-53 ms of a
 * one-seed rebuild at 10,000 articles, and 13 MB of strings that lived to the end. A record
 * whose seed the seed cache knew has no paragraphs: they are read from the seed here (a
 * rebuild renders few article pages; one that renders them all, say into a new folder, reads
 * every seed again, on both render threads).
 */
export function articleBody(article: Pick<SiteArticle, "body" | "text">): string {
  if (article.body !== undefined) return article.body;
  const text = article.text;
  const paragraphs = text?.paragraphs ?? (text?.source && readParagraphsSync(text.source));
  if (!text || !paragraphs) throw new Error("an article record has neither its body, nor its paragraphs, nor a seed to read them from");
  return markdownBody({ paragraphs, pullQuotes: text.pullQuotes });
}

export class ArticleFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "ArticleFileError";
  }
}

type Fields = Record<string, unknown>;

function str(fm: Fields, key: string, file: string, required: true): string;
function str(fm: Fields, key: string, file: string, required: false): string | undefined;
function str(fm: Fields, key: string, file: string, required: boolean): string | undefined {
  const v = fm[key];
  if (v === undefined || v === null) {
    if (required) throw new ArticleFileError(file, `front matter lacks "${key}"`);
    return undefined;
  }
  // The failsafe schema gives text for every scalar; anything else is a list or a mapping.
  if (typeof v !== "string") throw new ArticleFileError(file, `"${key}" must be text`);
  return v;
}

function strings(fm: Fields, key: string, file: string): string[] {
  const v = fm[key] ?? [];
  if (!Array.isArray(v)) throw new ArticleFileError(file, `"${key}" must be a list`);
  return v.map((x) => String(x));
}

function entities(fm: Fields, file: string): Entity[] {
  const v = fm.entities ?? [];
  if (!Array.isArray(v)) throw new ArticleFileError(file, `"entities" must be a list`);
  return v.map((raw: unknown, i) => {
    const e = (raw ?? {}) as Fields;
    const type = e.type as EntityType;
    if (!ENTITY_TYPES.includes(type)) throw new ArticleFileError(file, `entities[${i}].type must be one of ${ENTITY_TYPES.join(", ")}`);
    const name = str(e, "name", file, true);
    const slug = str(e, "slug", file, true);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new ArticleFileError(file, `entities[${i}].slug "${slug}" is not URL-safe`);
    const entity: Entity = { name, type, slug, aliases: strings(e, "aliases", file), mentions: Number(e.mentions ?? 1) || 1 };
    const description = str(e, "description", file, false);
    if (description) entity.description = description;
    const sameAs = str(e, "sameAs", file, false);
    if (sameAs && /^https?:\/\//.test(sameAs)) entity.sameAs = sameAs;
    return entity;
  });
}

/** Splits and validates one file's text. */
export function parseArticleFile(text: string, file: string): SiteArticle {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text.replace(/\r\n/g, "\n"));
  if (!match) throw new ArticleFileError(file, "no YAML front matter between --- lines");
  let fm: Fields;
  try {
    // js-yaml is several times faster than `yaml` at reading (it was a fifth of a 10,000-article
    // site build), and its failsafe schema reads every scalar as text: no guessing that
    // `id: 001` is a number or `date: 2015-11-13` a Date; numbers are converted where expected.
    fm = (load(match[1] ?? "", { schema: FAILSAFE_SCHEMA, filename: file }) ?? {}) as Fields;
  } catch (error) {
    throw new ArticleFileError(file, `invalid YAML: ${(error as Error).message}`);
  }
  const slug = str(fm, "slug", file, true);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new ArticleFileError(file, `slug "${slug}" is not URL-safe`);
  const article: SiteArticle = {
    id: str(fm, "id", file, true),
    title: str(fm, "title", file, true),
    slug,
    dateSource: str(fm, "dateSource", file, false) ?? "unknown",
    tags: strings(fm, "tags", file),
    summary: str(fm, "summary", file, false) ?? "",
    entities: entities(fm, file),
    body: match[2] ?? "",
  };
  for (const key of ["date", "section", "byline", "sourceUrl"] as const) {
    const v = str(fm, key, file, false);
    if (v !== undefined) article[key] = v;
  }
  return article;
}

/**
 * The record `parseArticleFile` reads back from the Markdown ingest writes for `article`, made
 * without the round trip: `build` hands ingest's records straight to the site. Same fields, same
 * key order, empty optional fields left out as the front matter leaves them out, a `sameAs`
 * that is not http(s) dropped, but the body: its `text` in its place (see `articleBody`);
 * `tests/site/load.test.ts` holds the two equal. Slugs and types are not checked again: ingest
 * made them. (The page digests of such a record stand on ingest's digest of the article,
 * which covers its text: see `article-digest.ts`.)
 */
export function siteArticleOf(article: Article | IngestedArticle): SiteArticle {
  const out: SiteArticle = {
    id: article.id,
    title: article.title,
    slug: article.slug,
    dateSource: article.dateSource,
    // The article's own lists and entities where they are already what the front matter would
    // give back (nearly always): copying 163,000 entities at 10,000 articles cost their
    // allocation and their collection on every build. The article is not used after this.
    tags: article.tags,
    summary: article.summary,
    entities: article.entities.map(siteEntityOf),
    text: textOf(article),
  };
  for (const key of ["date", "section", "byline", "sourceUrl"] as const) {
    const v = article[key];
    if (v) out[key] = v;
  }
  return out;
}

function textOf(article: Article | IngestedArticle): ArticleText {
  const { paragraphs, pullQuotes } = article;
  if (paragraphs) return { paragraphs, pullQuotes };
  return { pullQuotes, ...("text" in article ? { source: article.text } : {}) };
}

/** An entity as the front matter gives it back: `e` itself when it already is. */
function siteEntityOf(e: Entity): Entity {
  const sameAs = e.sameAs && /^https?:\/\//.test(e.sameAs) ? e.sameAs : undefined;
  if (e.mentions >= 1 && e.description !== "" && sameAs === e.sameAs) return e;
  const entity: Entity = { name: e.name, type: e.type, slug: e.slug, aliases: e.aliases, mentions: e.mentions || 1 };
  if (e.description) entity.description = e.description;
  if (sameAs) entity.sameAs = sameAs;
  return entity;
}

/** Files read at once: enough to keep the disk busy, few enough never to run out of descriptors. */
const BATCH = 128;

/**
 * Loads every `*.md` in `dir`, in file-name order. `known` gives records already in memory by
 * file name (what ingest just wrote there); only the other files are read and parsed.
 */
export async function loadArticles(dir: string, known: ReadonlyMap<string, SiteArticle> = new Map()): Promise<SiteArticle[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".md")).sort();
  const articles = names.map((n) => known.get(n));
  // Only the files not known are read: a promise per known record cost 10-20 ms at 10,000.
  const unknown = names.flatMap((_, i) => (articles[i] ? [] : [i]));
  for (let from = 0; from < unknown.length; from += BATCH) {
    await Promise.all(
      unknown.slice(from, from + BATCH).map(async (i) => {
        const file = path.join(dir, names[i] as string);
        articles[i] = parseArticleFile(await readFile(file, "utf8"), file);
      }),
    );
  }
  return articles as SiteArticle[];
}
