import { describe, expect, it } from "vitest";
import { batches, emptyPaged, outputFileOf, PageSelector, selectPages, type PagedItems } from "../../src/site/page-table.ts";
import type { ArticleEntry, FeedSpec, YearEntry } from "../../src/site/archive.ts";

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
    const chosen = selectPages(now, before.digests, (file) => !missing.has(file));
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
