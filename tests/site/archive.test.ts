import { describe, expect, it } from "vitest";
import { buildArchive, compareArticles, paginate } from "../../src/site/archive.ts";
import type { SiteArticle } from "../../src/site/load.ts";

const art = (slug: string, date?: string, extra: Partial<SiteArticle> = {}): SiteArticle => ({
  id: slug,
  title: slug,
  slug,
  dateSource: date ? "manifest" : "unknown",
  tags: [],
  summary: "",
  entities: [],
  body: "",
  ...(date ? { date } : {}),
  ...extra,
});

describe("compareArticles", () => {
  it("sorts newest first, undated last, ties by slug", () => {
    const sorted = [art("u2"), art("b", "2015-01-01"), art("u1"), art("a", "2015-01-01"), art("c", "2016-01-01")].sort(compareArticles);
    expect(sorted.map((a) => a.slug)).toEqual(["c", "a", "b", "u1", "u2"]);
  });
});

describe("paginate", () => {
  it.each([
    [0, ["/x/"]],
    [20, ["/x/"]],
    [21, ["/x/", "/x/page/2/"]],
    [45, ["/x/", "/x/page/2/", "/x/page/3/"]],
  ])("%i items → %j", (n, urls) => {
    const pages = paginate(Array.from({ length: n }, (_, i) => i), "/x/");
    expect(pages.map((p) => p.url)).toEqual(urls);
    expect(pages.flatMap((p) => p.items)).toHaveLength(n);
  });
});

describe("buildArchive", () => {
  const putin = { name: "Vladimir Putin", type: "person" as const, slug: "vladimir-putin", aliases: ["Putin"], mentions: 3 };
  const articles = [
    art("one", "2015-11-13", { entities: [putin], tags: ["Diplomacy"], section: "World News" }),
    art("two", "2015-12-01T10:00:00Z", { entities: [{ ...putin, aliases: ["President Putin"] }], tags: ["diplomacy!"] }),
    art("three"),
  ];
  const archive = buildArchive(articles, "Site");

  it("builds article URLs from date and slug", () => {
    expect(archive.articles.map((a) => a.url)).toEqual(["/2015/12/01/two/", "/2015/11/13/one/", "/undated/three/"]);
  });

  it("gathers each entity's articles newest first, with all aliases", () => {
    expect(archive.terms.person).toHaveLength(1);
    const t = archive.terms.person[0];
    expect(t?.articles.map((a) => a.slug)).toEqual(["two", "one"]);
    expect(t?.aliases).toEqual(["President Putin", "Putin"]);
    expect(t?.feed).toMatchObject({ rss: "/people/vladimir-putin/feed.xml", atom: "/people/vladimir-putin/atom.xml" });
  });

  it("gives tags and sections distinct slugs", () => {
    expect(archive.terms.tag.map((t) => [t.name, t.url])).toEqual([
      ["Diplomacy", "/tags/diplomacy/"],
      ["diplomacy!", "/tags/diplomacy-2/"],
    ]);
    expect(archive.terms.section.map((t) => t.url)).toEqual(["/sections/world-news/"]);
  });

  it("has years, months and an undated list", () => {
    expect(archive.years).toEqual([
      { year: "2015", url: "/2015/", count: 2, months: [
        { year: "2015", month: "12", url: "/2015/12/", count: 1 },
        { year: "2015", month: "11", url: "/2015/11/", count: 1 },
      ] },
    ]);
    expect(archive.lists.filter((l) => l.kind === "undated").map((l) => l.url)).toEqual(["/undated/"]);
    expect(archive.undatedCount).toBe(1);
  });

  it("never lists one URL twice", () => {
    const urls = [...archive.lists.map((l) => l.url), ...archive.articles.map((a) => a.url)];
    expect(new Set(urls).size).toBe(urls.length);
  });
});
