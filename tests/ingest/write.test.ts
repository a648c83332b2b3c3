import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Article } from "../../src/ingest/article.ts";
import { toMarkdown } from "../../src/ingest/write.ts";
import { parseArticleFile } from "../../src/site/load.ts";

const article = (title: string): Article => ({
  id: "a1",
  title,
  slug: "a1",
  dateSource: "unknown",
  tags: ["x: y", "- z"],
  summary: `Summary with ${title}`,
  entities: [{ name: 'O\'Brien "The" #1', type: "person", slug: "o-brien", aliases: ["*", "&anchor"], mentions: 2 }],
  paragraphs: ["Body."],
  pullQuotes: [],
  source: { file: "a1.txt", sha256: "0".repeat(64) },
  warnings: [],
});

const headlines = [
  'Quotes "double" and \'single\'',
  "Colon: a subtitle",
  "---",
  "--- leading dashes",
  "# not a comment",
  "Hash # inside",
  "&anchor and *alias",
  "| pipe start",
  "> folded start",
  "? question start",
  "- dash start",
  "@at start",
  "`backtick",
  "yes",
  "null",
  "2015-11-13",
  "1e3",
  "{ flow: map }",
  "[flow, seq]",
  "Tab\there",
  "Trailing space ",
  "Ünïcödé — em dash … ellipsis",
  "%percent",
  "!tag start",
];

describe("toMarkdown front matter", () => {
  it.each(headlines)("round-trips the headline %j exactly", (title) => {
    const md = toMarkdown(article(title));
    const fm = parse(/^---\n([\s\S]*?)\n---\n/.exec(md)?.[1] ?? "");
    expect(fm.title).toBe(title);
    expect(fm.summary).toBe(`Summary with ${title}`);
    expect(fm.tags).toEqual(["x: y", "- z"]);
    expect(fm.entities[0].name).toBe('O\'Brien "The" #1');
    expect(fm.entities[0].aliases).toEqual(["*", "&anchor"]);
    // The site's own loader reads the same values.
    expect(parseArticleFile(md, "a1.md").title).toBe(title);
  });

  it("writes keys in contract order and leaves unknown values out", () => {
    const md = toMarkdown({ ...article("T"), date: "2015-11-13", dateSource: "manifest", section: "world" });
    const keys = Object.keys(parse(/^---\n([\s\S]*?)\n---\n/.exec(md)?.[1] ?? ""));
    expect(keys).toEqual(["id", "title", "slug", "date", "dateSource", "section", "tags", "summary", "entities", "source"]);
    expect(md).toContain("\ndate: 2015-11-13\n");
    expect(Object.keys(parse(/^---\n([\s\S]*?)\n---\n/.exec(toMarkdown(article("T")))?.[1] ?? ""))).not.toContain("date");
  });
});
