import { describe, expect, it } from "vitest";
import { buildArchive, compareArticles, indexArchive, orderArticles, paginate } from "../../src/site/archive.ts";
import { relate } from "../../src/site/relations.ts";
import { relationsThread } from "../../src/site/relations-thread.ts";
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
  const pagesOf = (n: number) => paginate(Array.from({ length: n }, (_, i) => n - 1 - i), "/x/");
  it.each([
    [0, ["/x/"], [0]],
    [20, ["/x/"], [20]],
    [39, ["/x/"], [39]],
    [40, ["/x/", "/x/page/1/"], [20, 20]],
    [45, ["/x/", "/x/page/1/"], [25, 20]],
    [60, ["/x/", "/x/page/2/", "/x/page/1/"], [20, 20, 20]],
    [79, ["/x/", "/x/page/2/", "/x/page/1/"], [39, 20, 20]],
  ])("%i items → %j, holding %j", (n, urls, sizes) => {
    const pages = pagesOf(n);
    expect(pages.map((p) => p.url)).toEqual(urls);
    expect(pages.map((p) => p.items.length)).toEqual(sizes);
    // Newest first, every item once.
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: n }, (_, i) => n - 1 - i));
  });

  it("numbers pages from the oldest, so that growth at the newest end changes the first page, and a new page the three before it", () => {
    // Items are numbered by age: item 0 is the oldest. Page 1 holds the oldest twenty.
    const byUrl = (n: number) => new Map(pagesOf(n).map((p) => [p.url, JSON.stringify(p)]));
    expect(pagesOf(100).find((p) => p.url === "/x/page/1/")?.items).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
    for (let n = 100; n < 200; n++) {
      const before = byUrl(n);
      const after = byUrl(n + 1);
      const changed = [...after.keys()].filter((url) => before.get(url) !== after.get(url));
      // The first page always; when a page is added (every 20 items), it and the three pages
      // whose links reach it: never an older one.
      const newest = Math.floor((n + 1) / 20) - 1;
      const expected = (n + 1) % 20 === 0 ? ["/x/", ...[newest, newest - 1, newest - 2, newest - 3].map((p) => `/x/page/${p}/`)] : ["/x/"];
      expect(changed.sort(), `${n} → ${n + 1}`).toEqual(expected.sort());
    }
  });

  it("links each page to its neighbours, the first page and page 1, newest first", () => {
    const pages = pagesOf(200); // first page (20) and pages 9 … 1
    const page5 = pages.find((p) => p.number === 5);
    expect(page5?.nav.newer).toBe("/x/page/6/");
    expect(page5?.nav.older).toBe("/x/page/4/");
    expect(page5?.nav.window.map((w) => [w.n ?? "first", w.gap ?? false])).toEqual([
      ["first", false],
      [7, true],
      [6, false],
      [5, false],
      [4, false],
      [3, false],
      [1, true],
    ]);
    const first = pages[0];
    expect(first?.number).toBeUndefined();
    expect(first?.nav.newer).toBeUndefined();
    expect(first?.nav.older).toBe("/x/page/9/");
    expect(pages.find((p) => p.number === 9)?.nav.newer).toBe("/x/");
    expect(pages.find((p) => p.number === 1)?.nav.older).toBeUndefined();
    expect(pagesOf(39)[0]?.nav).toEqual({ window: [] });
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

  it("gives each term a timeline: its months with articles, each linked to the page where it starts", () => {
    const putin = archive.terms.person[0];
    expect(putin?.timeline).toEqual([
      { month: "2015-11", count: 1, url: "/people/vladimir-putin/#m-2015-11" },
      { month: "2015-12", count: 1, url: "/people/vladimir-putin/#m-2015-12" },
    ]);
    // 45 articles, one a week from late 2014: the oldest 20 are on page 1, the rest on the first page.
    const e = { name: "Angela Merkel", type: "person" as const, slug: "angela-merkel", aliases: [], mentions: 1 };
    const weekly = Array.from({ length: 45 }, (_, i) => art(`w${i}`, new Date(Date.UTC(2014, 10, 3 + 7 * i)).toISOString().slice(0, 10), { entities: [e] }));
    const months = buildArchive([...weekly, art("gap", "2016-03-01", { entities: [e] })], "Site").terms.person[0]?.timeline ?? [];
    expect(months.map((m) => [m.month, m.count, m.url?.replace("/people/angela-merkel/", "")])).toEqual([
      ["2014-11", 4, "page/1/#m-2014-11"],
      ["2014-12", 5, "page/1/#m-2014-12"],
      ["2015-01", 4, "page/1/#m-2015-01"],
      ["2015-02", 4, "page/1/#m-2015-02"],
      // March's three oldest weeks end page 1; the link goes to its newest, on the first page.
      ["2015-03", 5, "#m-2015-03"],
      ["2015-04", 4, "#m-2015-04"],
      ["2015-05", 4, "#m-2015-05"],
      ["2015-06", 5, "#m-2015-06"],
      ["2015-07", 4, "#m-2015-07"],
      ["2015-08", 5, "#m-2015-08"],
      ["2015-09", 1, "#m-2015-09"],
      ["2016-03", 1, "#m-2016-03"],
    ]);
  });

  it("never lists one URL twice", () => {
    const urls = [...archive.lists.map((l) => l.url), ...archive.articles.map((a) => a.url)];
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe("an index completed with relations computed elsewhere", () => {
  // Random articles: dates (some shared, some absent) and entities from a small pool, so that
  // articles share entities and ties in the archive's order are broken by slug.
  const corpus = (n: number): SiteArticle[] => {
    let seed = 11;
    const next = (k: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % k;
    const types = ["person", "organization", "place"] as const;
    return Array.from({ length: n }, (_, i) => {
      const entities = Array.from({ length: 1 + next(6) }, () => {
        const e = next(40);
        return { name: `E${e}`, type: types[e % 3] as (typeof types)[number], slug: `e${e}`, aliases: [], mentions: 1 };
      });
      return art(`s${next(1000)}-${i}`, next(5) ? `2015-0${1 + next(9)}-1${next(10)}` : undefined, { entities });
    });
  };

  it("is the index buildArchive makes, whatever order the articles come in", () => {
    const articles = corpus(300);
    const whole = buildArchive(articles, "Archive");
    const ordered = orderArticles([...articles].reverse());
    // The keys the relations are computed from, known before the rest of the index is built, are
    // those the index knows its terms by, article by article in its order, each once.
    const termKeys = whole.articles.map((a) => [...new Set(a.entityTerms.map((t) => `${t.kind}|${t.slug}`))]);
    const { names, starts, entities } = ordered.keys;
    expect(whole.articles.map((_, i) => [...entities.subarray(starts[i], starts[i + 1])].map((k) => names[k]))).toEqual(termKeys);
    expect(indexArchive(ordered, "Archive").complete(relate(ordered.keys))).toEqual(whole);
    expect(whole.articles.some((a) => a.related.length > 0)).toBe(true);
    expect(Object.values(whole.terms).some((list) => list.some((t) => t.companions.length > 0))).toBe(true);
  });

  it("refuses relations of another number of articles, and a second completion", () => {
    const ordered = orderArticles(corpus(20));
    const index = indexArchive(ordered, "Archive");
    const { names, starts, entities } = ordered.keys;
    const fewer = { names, starts: starts.slice(1).map((s) => s - (starts[1] ?? 0)), entities: entities.slice(starts[1]) };
    expect(() => index.complete(relate(fewer))).toThrow(/19 articles given for an index of 20/);
    index.complete(relate(ordered.keys));
    expect(() => index.complete(relate(ordered.keys))).toThrow(/once/);
  });

  it("gets from the relations thread what it computes itself", async () => {
    const { keys } = orderArticles(corpus(500));
    const thread = relationsThread();
    const theirs = await thread.ask(keys);
    expect(() => thread.ask(keys)).toThrow(/once/);
    await thread.stop();
    // A thread stopped unasked ends; one stopped once asked answers first.
    await relationsThread().stop();
    const stopped = relationsThread();
    const answer = stopped.ask(keys);
    await stopped.stop();
    await expect(answer).resolves.toEqual(theirs);
    expect(theirs).toEqual(relate(keys));
    expect(theirs.related.some((j) => j >= 0)).toBe(true);
    expect(theirs.companions.some((k) => k >= 0)).toBe(true);
  });
});
