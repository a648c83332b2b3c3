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
  "A headline long enough that a YAML writer folds it across lines: " + "word ".repeat(30).trim(),
  "Backslash \\ and \\n escapes",
  "No",
  "on",
  "~",
  "0x1F",
  "1_000",
  "'quoted'",
  "\"double\"",
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
    // The site's own loader (a different YAML library, reading every scalar as text) reads the same values.
    const loaded = parseArticleFile(md, "a1.md");
    expect(loaded.title).toBe(title);
    expect(loaded.summary).toBe(`Summary with ${title}`);
    expect(loaded.tags).toEqual(["x: y", "- z"]);
    expect(loaded.entities).toEqual([{ name: 'O\'Brien "The" #1', type: "person", slug: "o-brien", aliases: ["*", "&anchor"], mentions: 2 }]);
  });

  it.each(["001", "2015_11_13", "1e3", "0x1f", "true", "null", "000_9839d7d5526b8e16"])("keeps the id %j as text through writer and loader", (id) => {
    const loaded = parseArticleFile(toMarkdown({ ...article("T"), id, tags: [id], date: "2015-11-13" }), "a1.md");
    expect(loaded.id).toBe(id);
    expect(loaded.tags).toEqual([id]);
    expect(loaded.date).toBe("2015-11-13");
  });

  it.each(["No", "yes", "on", "OFF", "~", "null", "0o17"])("quotes %j, which some YAML reader would take for something other than text", (title) => {
    expect(toMarkdown(article(title))).toContain(`\ntitle: "${title}"\n`);
  });

  it("writes keys in contract order and leaves unknown values out", () => {
    const md = toMarkdown({ ...article("T"), date: "2015-11-13", dateSource: "manifest", section: "world" });
    const keys = Object.keys(parse(/^---\n([\s\S]*?)\n---\n/.exec(md)?.[1] ?? ""));
    expect(keys).toEqual(["id", "title", "slug", "date", "dateSource", "section", "tags", "summary", "entities", "source"]);
    expect(md).toContain("\ndate: 2015-11-13\n");
    expect(Object.keys(parse(/^---\n([\s\S]*?)\n---\n/.exec(toMarkdown(article("T")))?.[1] ?? ""))).not.toContain("date");
  });
});

describe("parseArticleFile", () => {
  it("rejects a hand-edited field that is not text, naming the file and the field", () => {
    const md = toMarkdown(article("T")).replace("title: T\n", "title:\n  nested: map\n");
    expect(() => parseArticleFile(md, "edited.md")).toThrow(/edited\.md: "title" must be text/);
  });
});
