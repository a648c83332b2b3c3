/**
 * An `Article` as a Markdown file: YAML front matter (the contract other tools read) and an
 * escaped body. Pure: the pipeline decides where and whether to write.
 */
import { CORE_SCHEMA, dump } from "js-yaml";
import type { Article } from "./article.ts";
import { renderBody } from "./markdown.ts";

/** Front matter keys in contract order; absent optional values are left out, never `null`. */
export function frontMatter(article: Article): Record<string, unknown> {
  const fm: Record<string, unknown> = { id: article.id, title: article.title, slug: article.slug };
  if (article.date) fm.date = article.date;
  fm.dateSource = article.dateSource;
  if (article.section) fm.section = article.section;
  fm.tags = article.tags;
  fm.summary = article.summary;
  if (article.byline) fm.byline = article.byline;
  if (article.sourceUrl) fm.sourceUrl = article.sourceUrl;
  fm.entities = article.entities.map((e) => ({
    name: e.name,
    type: e.type,
    slug: e.slug,
    aliases: e.aliases,
    mentions: e.mentions,
    ...(e.description ? { description: e.description } : {}),
    ...(e.sameAs ? { sameAs: e.sameAs } : {}),
  }));
  fm.source = { file: article.source.file, sha256: article.source.sha256 };
  if (article.warnings.length) fm.warnings = article.warnings;
  return fm;
}

/**
 * Renders the whole Markdown file. Long lines are never folded, so values stay greppable.
 * js-yaml writes this four times faster than `yaml` did (most of ingest's time after
 * extraction), and it quotes strings that YAML 1.1 readers would take for something else
 * (`No`, `yes`, `on`), not only those YAML 1.2 would.
 */
export function toMarkdown(article: Article): string {
  const yaml = dump(frontMatter(article), { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });
  return `---\n${yaml}---\n${markdownBody(article)}`;
}

/** What follows the front matter's closing `---` line: a blank line, then the escaped body. */
export function markdownBody(article: Pick<Article, "paragraphs" | "pullQuotes">): string {
  return `\n${renderBody(article.paragraphs, article.pullQuotes)}`;
}
