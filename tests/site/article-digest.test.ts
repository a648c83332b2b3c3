import { describe, expect, it } from "vitest";
import { Digester } from "../../src/digest.ts";
import { buildArchive, type ArticleEntry } from "../../src/site/archive.ts";
import { digestedEntry, noteContentDigest } from "../../src/site/article-digest.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { emptyPaged, selectPages } from "../../src/site/page-table.ts";

const art = (slug: string, date: string, extra: Partial<SiteArticle> = {}): SiteArticle => ({
  id: slug,
  title: `Title of ${slug}`,
  slug,
  date,
  dateSource: "manifest",
  tags: ["economy"],
  summary: "A summary.",
  entities: [{ name: "Maria Smith", type: "person", slug: "maria-smith", aliases: ["Smith"], mentions: 2 }],
  body: "Maria Smith spoke.\n",
  ...extra,
});

/** Each article page's digest, by slug, for a build of `articles` (noted content digests as given). */
function pageDigests(articles: SiteArticle[], noted: Record<string, string> = {}): Record<string, string> {
  for (const a of articles) if (noted[a.slug]) noteContentDigest(a, noted[a.slug] as string);
  const entries = buildArchive(articles, "Site").articles;
  const { digests } = selectPages({ ...emptyPaged(), articles: entries }, undefined, () => true);
  return Object.fromEntries(entries.map((e) => [e.slug, digests[e.url] as string]));
}

const three = (extra: Partial<SiteArticle> = {}): SiteArticle[] => [art("a", "2015-01-01"), art("b", "2015-01-02", extra), art("c", "2015-01-03")];

describe("an article page's digest", () => {
  it("is the same for the same articles, and moves with any field of its article", () => {
    const base = pageDigests(three());
    expect(pageDigests(three())).toEqual(base);
    for (const extra of [
      { title: "Another title" },
      { summary: "Another summary." },
      { body: "Other words.\n" },
      { tags: ["politics"] },
      { byline: "A. Writer" },
      { entities: [{ name: "Maria Smith", type: "person" as const, slug: "maria-smith", aliases: ["Smith", "M. Smith"], mentions: 2 }] },
      { entities: [{ name: "Maria Smith", type: "person" as const, slug: "maria-smith", aliases: ["Smith"], mentions: 3 }] },
    ]) {
      const moved = pageDigests(three(extra));
      expect(moved.b, JSON.stringify(extra)).not.toBe(base.b);
    }
  });

  it("moves with what the index adds: the links to an article whose title changed", () => {
    const four = (aTitle?: string): SiteArticle[] => [
      art("a", "2015-01-01", aTitle ? { title: aTitle } : {}),
      art("b", "2015-01-02"),
      art("c", "2015-01-03"),
      art("d", "2015-01-04", { entities: [] }),
    ];
    const base = pageDigests(four());
    const renamed = pageDigests(four("Renamed"));
    // b links to a as its older neighbour, c as a related article (they share an entity); d
    // links to c alone.
    expect(renamed.b).not.toBe(base.b);
    expect(renamed.c).not.toBe(base.c);
    expect(renamed.d).toBe(base.d);
  });

  it("takes ingest's digest of an article's record in place of the fields copied from it", () => {
    const noted = { a: "1", b: "2", c: "3" };
    const base = pageDigests(three(), noted);
    expect(pageDigests(three(), noted)).toEqual(base);
    // Another record digest: another page, though the fields read the same.
    expect(pageDigests(three(), { ...noted, b: "2x" }).b).not.toBe(base.b);
    // The same record digest stands for the same record: its fields are not digested again.
    expect(pageDigests(three({ summary: "Changed only here." }), noted).b).toBe(base.b);
  });

  it("digests a field the index changed after copying it, though the article's digest is noted", () => {
    const articles = three();
    articles.forEach((a, i) => noteContentDigest(a, String(i)));
    const entries = buildArchive(articles, "Site").articles;
    const digester = new Digester();
    const entry = entries[1] as ArticleEntry;
    const before = digester.of(digestedEntry(entry, digester));
    const retitled = { ...entry, title: "Changed by the index" };
    expect(new Digester().of(digestedEntry(retitled, new Digester()))).not.toBe(before);
    // An entry not built by the index (no article noted) is digested field by field.
    expect(Object.keys(digestedEntry(retitled, digester))).toEqual(Object.keys(entry));
    expect(Object.keys(digestedEntry(entry, digester))).not.toContain("body");
    // No field may take the place of the article's digest.
    expect(() => digestedEntry({ ...entry, "@article": "x" } as ArticleEntry, digester)).toThrow(/@article/);
  });
});
