import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { summaryOf } from "../../src/site/archive-summary.ts";
import { renderSitemap, renderSitemapPart, SITEMAP_URLS, sitemapParts } from "../../src/site/sitemap.ts";
import type { SiteContext } from "../../src/site/urls.ts";
import { parseXml } from "../helpers/site.ts";

const site: SiteContext = { title: "T", description: "d", language: "en", author: "A", url: "https://x.example", pathPrefix: "/p/" };
const articles: SiteArticle[] = Array.from({ length: 7 }, (_, i) => ({
  id: `a${i}`,
  title: `Story ${i}`,
  slug: `story-${i}`,
  ...(i < 5 ? { date: `2015-11-1${i}` } : {}),
  dateSource: i < 5 ? "manifest" : "unknown",
  tags: ["t"],
  summary: "s",
  entities: [{ name: "Tony Blair", type: "person" as const, slug: "tony-blair", aliases: [], mentions: 1 }],
  body: "b",
}));
const archive = buildArchive(articles, site.title);
const summary = summaryOf(archive);

describe("the sitemap", () => {
  it("lists every list page, article, index page and year, articles with their dates", () => {
    expect(summary.paths).toEqual([
      ...archive.lists.map((l) => l.url),
      ...archive.articles.map((a) => a.url),
      ...["/people/", "/organizations/", "/places/", "/tags/", "/sections/", "/archive/", "/most-mentioned/", "/search/"],
      ...archive.years.map((y) => y.url),
    ]);
    expect(summary.lastmods).toEqual(summary.paths.map((p) => archive.articles.find((a) => a.url === p)?.date?.slice(0, 10)));
  });

  it("is one file while its URLs fit the protocol's 50,000", () => {
    expect(SITEMAP_URLS).toBe(50_000);
    expect(sitemapParts(summary)).toEqual([]);
    const xml = renderSitemap(summary, [], site);
    const urls = (parseXml(xml) as { urlset: { url: { loc: string; lastmod?: string }[] } }).urlset.url;
    expect(urls.map((u) => u.loc)).toEqual(summary.paths.map((p) => `https://x.example/p${p}`));
    expect(urls.find((u) => u.loc.endsWith("/2015/11/12/story-2/"))?.lastmod).toBe("2015-11-12");
  });

  it("is an index of parts, in order, when they do not fit", () => {
    const { paths } = summary;
    const limit = 4;
    const parts = sitemapParts(summary, limit);
    expect(parts.map((p) => p.url)).toEqual(Array.from({ length: Math.ceil(paths.length / limit) }, (_, i) => `/sitemap-${i + 1}.xml`));
    expect(parts.flatMap((p) => p.paths)).toEqual(paths);
    expect(parts.every((p) => p.paths.length <= limit && p.lastmods.length === p.paths.length)).toBe(true);
    const index = parseXml(renderSitemap(summary, parts, site)) as { sitemapindex: { sitemap: { loc: string }[] } };
    expect(index.sitemapindex.sitemap.map((s) => s.loc)).toEqual(parts.map((p) => `https://x.example/p${p.url}`));
    const listed = parts.flatMap((part) => (parseXml(renderSitemapPart(part, site)) as { urlset: { url: { loc: string }[] | { loc: string } } }).urlset.url).flat();
    expect(listed.map((u) => u.loc)).toEqual(paths.map((p) => `https://x.example/p${p}`));
  });
});
