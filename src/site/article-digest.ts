/**
 * An article page's record digested without digesting its article's content again.
 *
 * An index entry (`ArticleEntry`) copies every field of the article it was built from
 * (`SiteArticle`: title, body, entities, ...) and adds its URL, links and terms. Ingest has just
 * digested the record each of those articles is made from, to tell whether its Markdown
 * changed (`written.ts`, `record-digest.ts`), and an article is a pure function of that record
 * (the code, which could change the function, is fingerprinted apart). So an entry is digested
 * as the fields the index added plus one digest standing for all the copied ones: ingest's, or,
 * for an article read from a Markdown file, the article's own. Choosing the pages of a
 * 50,000-article build took 8.1-8.5 s with entries digested whole (their content a second time
 * for the search shards), 3.3-4.1 s this way.
 *
 * The copied fields are recognised by identity (the entry holds the article's own arrays and
 * strings), so an entry field that the index changed or added is always digested itself.
 */
import type { Digester } from "../digest.ts";
import type { ArticleEntry, LinklessEntry } from "./archive.ts";
import type { SiteArticle } from "./load.ts";

const contentDigests = new WeakMap<SiteArticle, string>();
const sources = new WeakMap<object, SiteArticle>();

/** The view's key for the article's digest: not an identifier, so no field of an entry has it. */
const ARTICLE = "@article";

/** Notes the digest of what `article` was made from (ingest's, see `record-digest.ts`). */
export function noteContentDigest(article: SiteArticle, digest: string): void {
  contentDigests.set(article, `ingest:${digest}`);
}

/** The content id of an article ingest digested (see `noteContentDigest`): what its pages' digests stand on. */
export const contentIdOf = (article: SiteArticle): string | undefined => contentDigests.get(article);

/** Notes that `entry` copies the fields of `article`. */
export function noteSource(entry: ArticleEntry, article: SiteArticle): void {
  sources.set(entry, article);
}

/**
 * What `entry` is digested as, less the fields named in `leaveOut`: its article's content
 * digest in place of the fields copied from it, then every other field in the entry's order.
 * An entry with no noted article is digested field by field.
 */
export function digestedEntry(entry: ArticleEntry | LinklessEntry, digester: Digester, leaveOut: readonly string[] = []): Record<string, unknown> {
  const source = sources.get(entry as ArticleEntry);
  const view: Record<string, unknown> = {};
  if (source) view[ARTICLE] = contentDigests.get(source) ?? `article:${digester.of(source)}`;
  const fields = entry as unknown as Record<string, unknown>;
  const copied = source as unknown as Record<string, unknown> | undefined;
  for (const key in fields) {
    if (leaveOut.includes(key)) continue;
    if (key === ARTICLE) throw new Error(`an index entry may not have a field named "${ARTICLE}": it would take the place of its article's digest`);
    const value = fields[key];
    if (copied && Object.hasOwn(copied, key) && copied[key] === value) continue;
    view[key] = value;
  }
  return view;
}
