import { describe, expect, it } from "vitest";
import { batches, emptyPaged, outputFileOf, PageSelector, selectPages, type PagedItems } from "../../src/site/page-table.ts";
import type { ArticleEntry, FeedSpec, YearEntry } from "../../src/site/archive.ts";
import type { Entity } from "../../src/ingest/article.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { buildData } from "../../src/site/plugin.ts";
import { wholeLists } from "../../src/site/list-view.ts";
import { PENDING } from "../../src/site/build-state.ts";
import type { SiteContext } from "../../src/site/urls.ts";

const article = (slug: string, title = slug): ArticleEntry =>
  ({ id: slug, title, slug, dateSource: "unknown", tags: [], summary: "", entities: [], body: "", url: `/undated/${slug}/`, related: [], tagTerms: [], entityTerms: [] }) as ArticleEntry;
const year = (y: string, count: number): YearEntry => ({ year: y, url: `/${y}/`, count, months: [] });

const site = (articles: ArticleEntry[], years: YearEntry[] = []): PagedItems => ({ ...emptyPaged(), articles, years });

describe("choosing the pages a build renders", () => {
  it("renders everything without a previous build", () => {
    const all = site([article("a"), article("b")], [year("2015", 2)]);
    expect(selectPages(all, undefined, () => true).todo).toEqual(all);
  });

  it("renders only pages whose record changed, was added, or whose file is gone", () => {
    const before = selectPages(site([article("a"), article("b"), article("c")], [year("2015", 2)]), undefined, () => true);
    const now = site([article("a"), article("b", "B, retitled"), article("c"), article("d")], [year("2015", 2)]);
    const missing = new Set(["undated/c/index.html"]);
    const chosen = selectPages(now, before.digests, (url) => !missing.has(outputFileOf(url)));
    expect(chosen.todo.articles.map((a) => a.slug)).toEqual(["b", "c", "d"]);
    expect(chosen.todo.years).toEqual([]);
    expect(Object.keys(chosen.digests)).toHaveLength(5);
  });

  it("chooses in two steps, the article pages and search digests first, what it chooses in one", () => {
    const before = selectPages(site([article("a"), article("b")], [year("2015", 2)]), undefined, () => true);
    const now = site([article("a"), article("b", "B, retitled"), article("d")], [year("2015", 3)]);
    const selector = new PageSelector(now, before.digests, () => true);
    expect(() => selector.chooseOthers()).toThrow(/first/);
    const articles = selector.chooseArticles();
    const whole = selectPages(now, before.digests, () => true);
    expect(articles.articles.map((a) => a.slug)).toEqual(["b", "d"]);
    expect(articles.searchDigests).toEqual(whole.searchDigests);
    expect(Object.keys(articles.digests)).toEqual(["/undated/a/", "/undated/b/", "/undated/d/"]);
    expect(() => selector.chooseArticles()).toThrow(/once/);
    selector.chooseOthers();
    expect(selector.selection()).toEqual(whole);
  });

  it("sees a change anywhere in a record, however deep", () => {
    const a = article("a");
    const before = selectPages(site([a]), undefined, () => true);
    const changed = { ...a, related: [{ title: "Other", url: "/undated/other/" }] };
    expect(selectPages(site([changed]), before.digests, () => true).todo.articles).toHaveLength(1);
    expect(selectPages(site([{ ...a }]), before.digests, () => true).todo.articles).toHaveLength(0);
  });

  it("changes a search shard's digest only when what Pagefind indexes of its articles changes", () => {
    const dated = (slug: string, y: string, title = slug): ArticleEntry => ({ ...article(slug, title), date: `${y}-05-01`, url: `/${y}/05/01/${slug}/` });
    const base = [dated("a", "2014"), dated("b", "2015"), article("c")];
    const one = selectPages(site(base, [year("2015", 1)]), undefined, () => true).searchDigests;
    // 2015 is the latest year: its articles are in their month's shard.
    expect(Object.keys(one)).toEqual(["2014", "2015-05", "undated"]);
    // Year pages and the links between articles are not indexed...
    expect(selectPages(site(base, [year("2015", 2)]), undefined, () => true).searchDigests).toEqual(one);
    const linked = [{ ...dated("a", "2014"), related: [{ title: "B", url: "/2015/05/01/b/" }] }, ...base.slice(1)];
    const relinked = [{ ...dated("a", "2014"), related: [{ title: "C", url: "/undated/c/" }] }, ...base.slice(1)];
    expect(selectPages(site(relinked), undefined, () => true).searchDigests).toEqual(selectPages(site(linked), undefined, () => true).searchDigests);
    // ...but an article's own text is, and only its shard's digest moves.
    const retitled = selectPages(site([base[0]!, dated("b", "2015", "B2"), base[2]!]), undefined, () => true).searchDigests;
    expect(retitled["2015-05"]).not.toBe(one["2015-05"]);
    expect({ ...retitled, "2015-05": "" }).toEqual({ ...one, "2015-05": "" });
    // Its body and its entities (search filters) are indexed too; its newer and older neighbours are not.
    const moved = (a: ArticleEntry): string | undefined => selectPages(site([base[0]!, a, base[2]!]), undefined, () => true).searchDigests["2015-05"];
    const b = dated("b", "2015");
    const putin = { kind: "person" as const, name: "Vladimir Putin", slug: "vladimir-putin", url: "/people/vladimir-putin/" };
    expect(moved({ ...b, body: "Other text." })).not.toBe(one["2015-05"]);
    expect(moved({ ...b, entityTerms: [putin] })).not.toBe(one["2015-05"]);
    expect(moved({ ...b, newer: { title: "C", url: "/undated/c/" }, older: { title: "A", url: "/2014/05/01/a/" } })).toBe(one["2015-05"]);
    // A new article in 2014 moves 2014 alone.
    const added = selectPages(site([...base, dated("d", "2014")]), undefined, () => true).searchDigests;
    expect(Object.keys(added).filter((k) => added[k] !== one[k])).toEqual(["2014"]);
  });

  it("renders a feed again when what it shows of its items changes, not when their links to other articles move", () => {
    const a = article("a");
    const b = article("b");
    const feedsOf = (items: ArticleEntry[]): PagedItems => {
      const spec: FeedSpec = { title: "T", page: "/t/", rss: "/t/feed.xml", atom: "/t/atom.xml", items, fullText: false };
      return { ...site(items), feeds: [{ url: spec.rss, format: "rss", spec }, { url: spec.atom, format: "atom", spec }] };
    };
    const before = selectPages(feedsOf([a, b]), undefined, () => true).digests;
    const feedsRendered = (items: ArticleEntry[]): string[] => selectPages(feedsOf(items), before, () => true).todo.feeds.map((f) => f.url);
    const link = { title: "C", url: "/undated/c/" };
    // Its article's page is rendered again; the feeds holding it are not.
    expect(selectPages(feedsOf([{ ...a, newer: link, related: [link] }, b]), before, () => true).todo.articles.map((x) => x.slug)).toEqual(["a"]);
    expect(feedsRendered([{ ...a, newer: link, older: link, related: [link] }, b])).toEqual([]);
    expect(feedsRendered([{ ...a }, b])).toEqual([]);
    const putin = { kind: "person" as const, name: "Vladimir Putin", slug: "vladimir-putin", url: "/people/vladimir-putin/" };
    for (const changed of [{ ...a, title: "A2" }, { ...a, summary: "New." }, { ...a, body: "Other text." }, { ...a, entityTerms: [putin] }, { ...a, date: "2015-01-01" }]) {
      expect(feedsRendered([changed, b])).toEqual(["/t/feed.xml", "/t/atom.xml"]);
    }
    expect(feedsRendered([b, a])).toEqual(["/t/feed.xml", "/t/atom.xml"]);
  });
});

describe("batches", () => {
  it("splits pages into runs of the given size, in order, losing none", () => {
    const all = site(["a", "b", "c", "d", "e"].map((s) => article(s)), [year("2014", 1), year("2015", 1)]);
    const runs = batches(all, 3);
    expect(runs.map((r) => r.articles.length + r.years.length)).toEqual([3, 3, 1]);
    expect(runs.flatMap((r) => r.articles.map((a) => a.slug))).toEqual(["a", "b", "c", "d", "e"]);
    expect(batches(emptyPaged(), 3)).toEqual([emptyPaged()]);
  });

  it("maps page URLs to the files they are written to", () => {
    expect(outputFileOf("/people/x/")).toBe("people/x/index.html");
    expect(outputFileOf("/feed.xml")).toBe("feed.xml");
    expect(outputFileOf("/")).toBe("index.html");
  });
});

describe("lists digested whole", () => {
  // A small archive with lists of several pages: 90 articles over four months, two sections,
  // a handful of people and places mentioned together, two tags.
  const people = ["Ann Lee", "Bo Chen", "Cy Ford", "Di Moss", "Ed Park", "Flo Reyes"];
  const entity = (name: string, type: "person" | "place" = "person"): Entity => ({ name, type, slug: name.toLowerCase().replace(/ /g, "-"), aliases: [], mentions: 1 });
  const story = (i: number, extra: Partial<SiteArticle> = {}): SiteArticle => ({
    id: `s${i}`,
    title: `Story ${i}`,
    slug: `s${i}`,
    date: `2015-0${1 + (i % 4)}-${String(1 + (i % 27)).padStart(2, "0")}`,
    dateSource: "manifest",
    section: i % 3 ? "World" : "Business",
    tags: i % 5 ? ["Economy"] : ["Economy", "Trade"],
    summary: `Summary ${i}.`,
    entities: [entity(people[i % 6] as string), entity(people[(i * 7 + 1) % 6] as string), entity(i % 2 ? "Oslo" : "Lima", "place")],
    body: `Body ${i}.`,
    ...extra,
  });
  const corpus = Array.from({ length: 90 }, (_, i) => story(i));
  const settings = { title: "News", url: "https://example.org", pathPrefix: "/", description: "", language: "en" } as unknown as SiteContext;
  const pagesOf = (articles: SiteArticle[]): PagedItems => buildData(settings, articles).all;
  const before = selectPages(pagesOf(corpus), undefined, () => true);

  const changes: [string, SiteArticle[]][] = [
    ["nothing", corpus],
    ["an article added at the top", [...corpus, story(90, { date: "2015-04-28" })]],
    ["an article added in the middle", [...corpus, story(91, { date: "2015-02-14" })]],
    ["an article retitled", corpus.map((a, i) => (i === 40 ? { ...a, title: "Retitled" } : a))],
    ["an article removed", corpus.filter((_, i) => i !== 7)],
    // Its cards stay as they were; its people's companions move.
    ["an entity added to an article", corpus.map((a, i) => (i === 12 ? { ...a, entities: [...a.entities, entity("Gus Hale")] } : a))],
    ["an article's body changed", corpus.map((a, i) => (i === 3 ? { ...a, body: "Other." } : a))],
    // Its person's head shows it on every page of their list.
    ["an alias added to an entity", corpus.map((a, i) => (i === 20 ? { ...a, entities: a.entities.map((e, j) => (j === 0 ? { ...e, aliases: ["Cy"] } : e)) } : a))],
  ];

  it.each(changes)("chooses, after %s, what digesting every list page would", (_, articles) => {
    const all = pagesOf(articles);
    const whole = selectPages(all, before.digests, () => true, before.lists);
    const paged = selectPages(all, before.digests, () => true);
    expect(whole.digests).toEqual(paged.digests);
    expect(whole.todo).toEqual(paged.todo);
    expect(whole.lists).toEqual(paged.lists);
  });

  it("sees a change of companions alone on the term's first page", () => {
    const added = selectPages(pagesOf(changes[5]![1]), before.digests, () => true, before.lists);
    const term = (url: string) => added.todo.lists.find((l) => l.url === url);
    expect(term("/people/ann-lee/")?.details?.companions.map((c) => c.term.name)).toContain("Gus Hale");
    expect(added.todo.lists.map((l) => l.url)).toContain("/people/gus-hale/");
  });

  it("keeps the recorded digests of a list's pages while the whole list is as it was, but for a page left pending", () => {
    const all = pagesOf(corpus);
    const home = wholeLists(all.lists)[0]!;
    expect(home.pages.length).toBeGreaterThan(2);
    const [first, second] = home.pages.map((p) => p.url) as [string, string];
    const recorded = { ...before.digests, [first]: "lists:as-recorded", [second]: PENDING };
    const chosen = selectPages(all, recorded, () => true, before.lists);
    expect(chosen.digests[first]).toBe("lists:as-recorded");
    expect(chosen.digests[second]).toBe(before.digests[second]);
    expect(chosen.todo.lists.map((l) => l.url)).toEqual([second]);
    // A list whose whole changed is digested page by page.
    const other = selectPages(all, recorded, () => true, { ...before.lists, [home.whole.url]: "lists:other" });
    expect(other.digests[first]).toBe(before.digests[first]);
  });

  it("will not take a list whose pages are not laid out as the index lays them", () => {
    const views = pagesOf(corpus).lists;
    const numbered = views.findIndex((v) => v.number !== undefined);
    expect(() => wholeLists(views.slice(numbered))).toThrow(/does not follow/);
    const swapped = [...views];
    [swapped[numbered - 1], swapped[numbered]] = [swapped[numbered]!, swapped[numbered - 1]!];
    expect(() => wholeLists(swapped)).toThrow(/does not follow/);
    // A numbered page after another list's first page.
    const moved = views.filter((_, i) => i !== numbered);
    const otherFirst = moved.findIndex((v, i) => i > numbered && v.number === undefined);
    expect(otherFirst).toBeGreaterThan(0);
    expect(() => wholeLists([...moved.slice(0, otherFirst + 1), views[numbered]!, ...moved.slice(otherFirst + 1)])).toThrow(/does not follow/);
  });
});
