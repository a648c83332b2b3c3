/**
 * `build` hands ingest's article records straight to the site instead of reading back the
 * Markdown it has just written. That is only sound if both give the same record, down to key
 * order (page digests hash it): checked here on hostile hand-made records and on the fixture
 * seeds through the real ingest.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/ingest/article.ts";
import { ingestArticles } from "../../src/ingest/pipeline.ts";
import { toMarkdown } from "../../src/ingest/write.ts";
import { articleBody, loadArticles, parseArticleFile, siteArticleOf, type SiteArticle } from "../../src/site/load.ts";
import { HOSTILE_TITLE, writeFixtureSeeds } from "../fixtures/seeds.ts";

const base: Article = {
  id: "001",
  title: HOSTILE_TITLE,
  slug: "hostile",
  dateSource: "unknown",
  tags: ["x: y", "- z", "2015"],
  summary: 'A "summary" with: colons # and hashes',
  entities: [
    { name: 'O\'Brien "The" #1', type: "person", slug: "o-brien", aliases: ["*", "&anchor"], mentions: 2 },
    { name: "Acme", type: "organization", slug: "acme", aliases: [], mentions: 1, description: "A maker of: things", sameAs: "https://www.wikidata.org/wiki/Q1" },
    { name: "Nowhere", type: "place", slug: "nowhere", aliases: [], mentions: 3, sameAs: "javascript:alert(1)" },
  ],
  paragraphs: ["*Not* <b>bold</b> [x](javascript:alert(1))", "1. not a list", "Plain."],
  pullQuotes: [
    { text: "Before everything |", after: -1 },
    { text: "A quote", attribution: "Someone", after: 0 },
  ],
  source: { file: "001.txt", sha256: "0".repeat(64) },
  warnings: ["decoded as Windows-1252"],
};

/** The record as JSON, so key order counts as well as values. */
const json = (value: unknown): string => JSON.stringify(value);

/** A record with its body in the place of the text it is made from, as its Markdown file gives it. */
const withBody = (a: SiteArticle | undefined): Record<string, unknown> | undefined =>
  a && Object.fromEntries(Object.entries(a).map(([key, value]) => (key === "text" ? ["body", articleBody(a)] : [key, value])));

describe("siteArticleOf", () => {
  it("gives what the site reads back from the Markdown ingest writes, key order included", () => {
    const cases: Article[] = [
      base,
      { ...base, date: "2015-11-13T10:00:00+01:00", dateSource: "manifest", section: "world", byline: "A. Writer", sourceUrl: "https://example.com/a?b=1&c=2" },
      { ...base, tags: [], entities: [], paragraphs: ["Only one paragraph."], pullQuotes: [] },
      { ...base, id: "yes", title: "No", summary: "" },
      // Empty optional fields: the front matter leaves them out, so the record must too.
      { ...base, date: "", section: "", byline: "", sourceUrl: "" },
      // Entities the front matter gives back otherwise: no mention counted, an empty description.
      { ...base, entities: [{ name: "Zero", type: "place", slug: "zero", aliases: ["Nil"], mentions: 0, description: "", sameAs: "" }] },
    ];
    for (const article of cases) {
      const handed = siteArticleOf(article);
      // The body is made from the text only for the pages that show it.
      expect(handed.body).toBeUndefined();
      expect(json(withBody(handed))).toBe(json(parseArticleFile(toMarkdown(article), `${article.id}.md`)));
    }
  });
});

describe("loadArticles with records in memory", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "news-archive-load-"));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("loads the same records as from disk, and still reads Markdown that ingest did not write", async () => {
    const seeds = path.join(tmp, "seeds");
    const out = path.join(tmp, "articles");
    await writeFixtureSeeds(seeds);
    const { articles } = await ingestArticles({ seedsDir: seeds, outDir: out, workers: 1 });
    expect(articles.size).toBeGreaterThan(5);
    const foreign = parseArticleFile(toMarkdown({ ...base, id: "zz-by-hand", slug: "by-hand" }), "zz-by-hand.md");
    await writeFile(path.join(out, "zz-by-hand.md"), toMarkdown({ ...base, id: "zz-by-hand", slug: "by-hand" }));

    const known = new Map([...articles].map(([file, article]) => [file, siteArticleOf(article)]));
    const fromDisk = await loadArticles(out);
    const handed = await loadArticles(out, known);
    expect(handed.map((a) => a.id)).toEqual(fromDisk.map((a) => a.id));
    expect(json(handed.map(withBody))).toBe(json(fromDisk));
    // The records given are the ones used, not read again; the file ingest did not write is read.
    for (const [file, record] of known) expect(handed.find((a) => a.id === record.id), file).toBe(record);
    expect(json(handed.find((a) => a.id === "zz-by-hand"))).toBe(json(foreign));
    expect(articleBody(foreign)).toBe(foreign.body);
  });
});
