import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { listViews, type ListView } from "../../src/site/list-view.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { Digester } from "../../src/digest.ts";

const entity = (name: string, type: "person" | "place") => ({ name, type, slug: name.toLowerCase().replace(/ /g, "-"), aliases: [], mentions: 1 });
const putin = entity("Vladimir Putin", "person");
const assad = entity("Bashar al-Assad", "person");
const tehran = entity("Tehran", "place");

const art = (slug: string, date: string, entities: SiteArticle["entities"], extra: Partial<SiteArticle> = {}): SiteArticle => ({
  id: slug,
  title: `Title of ${slug}`,
  slug,
  dateSource: "manifest",
  tags: [],
  summary: `Summary of ${slug}`,
  entities,
  body: "",
  date,
  ...extra,
});

/** URL → digest of each list page's view, as `selectPages` digests them. */
function digests(articles: SiteArticle[]): Map<string, string> {
  const digester = new Digester();
  return new Map(listViews(buildArchive(articles, "Archive").lists).map((v) => [v.url, digester.of(v)]));
}

const changed = (a: Map<string, string>, b: Map<string, string>): string[] => [...b.keys()].filter((url) => a.get(url) !== b.get(url)).sort();

describe("list page views", () => {
  // Both Putin articles share Tehran with the new one, so their related links move; the
  // newest of them also gains a "newer" link. None of that shows in Putin's list.
  const base = [art("a", "2015-01-01", [putin, tehran]), art("b", "2015-01-02", [putin, tehran]), art("c", "2015-01-03", [assad])];

  it("change only for the lists an added article joins, not for lists of articles whose links moved", () => {
    const before = digests(base);
    const after = digests([...base, art("d", "2015-01-04", [assad, tehran])]);
    expect(changed(before, after)).toEqual(["/", "/2015/01/", "/people/bashar-al-assad/", "/places/tehran/"]);
    const archive = buildArchive([...base, art("d", "2015-01-04", [assad, tehran])], "Archive");
    const b = archive.articles.find((x) => x.slug === "b");
    // The premise: b's own record did move, and so would a digest of the index's list record.
    expect(b?.related.map((r) => r.url)).toContain("/2015/01/04/d/");
  });

  it("change wherever an article's card changes", () => {
    const before = digests(base);
    const after = digests([base[0]!, art("b", "2015-01-02", [putin, tehran], { summary: "A new summary" }), base[2]!]);
    expect(changed(before, after)).toEqual(["/", "/2015/01/", "/people/vladimir-putin/", "/places/tehran/"]);
  });

  it("of older pages stay the same when an article joins a list at its newest end", () => {
    const day = (i: number) => `2015-${String(Math.floor(i / 28) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
    const many = Array.from({ length: 70 }, (_, i) => art(`p${i}`, day(i), [putin]));
    const before = digests(many);
    const after = digests([...many, art("new", day(70), [putin])]);
    expect([...before.keys()].filter((url) => url.startsWith("/people/vladimir-putin/"))).toEqual([
      "/people/vladimir-putin/",
      "/people/vladimir-putin/page/2/",
      "/people/vladimir-putin/page/1/",
    ]);
    expect(changed(before, after)).toEqual(["/", "/2015/03/", "/people/vladimir-putin/"]);
  });

  it("give the term's count, timeline and companions to its first page only", () => {
    const many = Array.from({ length: 45 }, (_, i) => art(`p${i}`, `2015-02-${String(i + 1).padStart(2, "0")}`, [putin, tehran]));
    const views = listViews(buildArchive(many, "Archive").lists).filter((v) => v.term?.name === "Vladimir Putin");
    expect(views.map((v: ListView) => [v.url, v.items.length, v.details?.count])).toEqual([
      ["/people/vladimir-putin/", 25, 45],
      ["/people/vladimir-putin/page/1/", 20, undefined],
    ]);
    expect(views[0]?.details?.companions.map((c) => c.term.name)).toEqual(["Tehran"]);
    // Cards hold no links to other articles.
    expect(Object.keys(views[0]?.items[0] ?? {}).sort()).toEqual(["date", "summary", "title", "url", "ymd"]);
  });
});
