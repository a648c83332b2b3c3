/**
 * The digests of an article record. `content` covers what the site is made from: every field but
 * `source` and `warnings`, which only the Markdown's front matter and the run's report carry
 * (see `siteArticleOf`), so that a seed whose bytes change but whose text does not (line endings,
 * a byte-order mark) re-renders no page. `record` covers the whole record, for the written state
 * (`written.ts`): the Markdown holds `source` too. It is made from `content`, not digested anew.
 */
import { Digester } from "../digest.ts";
import type { Article } from "./article.ts";

export interface RecordDigests {
  content: string;
  record: string;
}

export function recordDigests(article: Article): RecordDigests {
  // A digester per article: articles share no records, and one for all of them kept every
  // article's records in its memo until the last was written.
  const { source, warnings, ...rest } = article;
  const content = new Digester().of(rest);
  return { content, record: new Digester().of({ content, source, warnings }) };
}
