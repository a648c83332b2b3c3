/**
 * The index of what changed (`incremental-index.ts`) against the whole index: after each kind of
 * change, a rebuild with the last build's memo must choose the pages, digests, search digests,
 * one-off data and next memo that indexing the whole archive gives, or decline.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Entity } from "../../src/ingest/article.ts";
import { indexArchive, orderArticles } from "../../src/site/archive.ts";
import { noteContentDigest } from "../../src/site/article-digest.ts";
import type { BuildState } from "../../src/site/build-state.ts";
import { type IndexMemo, memoOfArchive } from "../../src/site/index-memo.ts";
import { indexIncrementally, type Incremental } from "../../src/site/incremental-index.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { type PagedItems, type PageSelection, selectPages } from "../../src/site/page-table.ts";
import { type BuildData, dataOf } from "../../src/site/plugin.ts";
import { relate } from "../../src/site/relations.ts";
import type { SiteContext } from "../../src/site/urls.ts";
import { seededRandom } from "../../src/ner/training/random.ts";

// A small archive whose lists have several pages: 90 articles over two years, some undated,
// sections, tags, people and places mentioned together (so that articles are related).
const people = ["Ann Lee", "Bo Chen", "Cy Ford", "Di Moss", "Ed Park", "Flo Reyes", "Gus Hale"];
const entity = (name: string, type: "person" | "place" = "person", extra: Partial<Entity> = {}): Entity => ({
  name,
  type,
  slug: name.toLowerCase().replace(/[ .]+/g, "-"),
  aliases: [],
  mentions: 1,
  ...extra,
});
const story = (i: number, extra: Partial<SiteArticle> = {}): SiteArticle => {
  const a: SiteArticle = {
    id: `s${i}`,
    title: `Story ${i}`,
    slug: `s${i}`,
    dateSource: "manifest",
    tags: i % 5 ? ["Economy"] : ["Economy", "Trade"],
    summary: `Summary ${i}.`,
    entities: [entity(people[i % 7] as string), entity(people[(i * 3 + 1) % 7] as string), entity(i % 2 ? "Oslo" : "Lima", "place")],
    body: `Body ${i}.`,
  };
  if (i % 11 !== 4) a.date = `${2014 + (i % 2)}-0${1 + (i % 4)}-${String(1 + (i % 27)).padStart(2, "0")}`;
  a.section = i % 3 ? "World" : "Business";
  return { ...a, ...extra };
};
const corpus = Array.from({ length: 90 }, (_, i) => story(i));

const site = { title: "News", url: "https://example.org", pathPrefix: "/", description: "", language: "en", author: "" } as SiteContext;

/** Each article with the digest ingest would give it: of its whole record. */
function digested(articles: SiteArticle[]): SiteArticle[] {
  for (const a of articles) noteContentDigest(a, createHash("sha256").update(JSON.stringify(a)).digest("hex").slice(0, 12));
  return articles;
}

interface Built {
  data: BuildData;
  selection: PageSelection;
  memo: IndexMemo;
  state: BuildState;
}

/** A build indexing the whole archive, as `buildSite` does without a memo (or with one it cannot use). */
function wholeBuild(articles: SiteArticle[], before?: Built): Built {
  const ordered = orderArticles(digested(articles));
  const relations = relate(ordered.keys);
  const archive = indexArchive(ordered, site.title).complete(relations);
  const data = dataOf(site, archive);
  const selection = selectPages(data.all, before?.state.pages, () => true, before?.state.lists);
  const memo = memoOfArchive(ordered, archive, relations) as IndexMemo;
  return { data, selection, memo, state: { code: "c", pages: selection.digests, lists: selection.lists, search: selection.searchDigests } };
}

function incrementalBuild(articles: SiteArticle[], before: Built): Incremental | undefined {
  const ordered = orderArticles(digested(articles));
  return indexIncrementally({ ordered, site, memo: before.memo, previous: before.state })?.complete(relate(ordered.keys));
}

const urls = (items: PagedItems): Record<string, string[]> => Object.fromEntries(Object.entries(items).map(([kind, list]) => [kind, (list as { url: string }[]).map((i) => i.url)]));

/** Asserts that the index of what changed chose as the whole index did. */
function expectSame(got: Incremental, want: Built): void {
  expect(Object.keys(got.selection.digests)).toEqual(Object.keys(want.selection.digests));
  expect(got.selection.digests).toEqual(want.selection.digests);
  expect(got.selection.searchDigests).toEqual(want.selection.searchDigests);
  expect(urls(got.selection.todo)).toEqual(urls(want.selection.todo));
  // Of the whole lists' digests it keeps those of lists it did not look at, each as the whole index has it.
  expect(Object.entries(got.selection.lists).filter(([url, digest]) => want.selection.lists[url] !== digest)).toEqual([]);
  expect(got.memo).toEqual(want.memo);
  expect(got.data.summary).toEqual(want.data.summary);
  expect(got.data.searchShards).toEqual(want.data.searchShards);
  for (const kind of ["indexes", "years", "sitemaps"] as const) expect(got.data.all[kind]).toEqual(want.data.all[kind]);
}

const withoutDate = ({ date: _, ...a }: SiteArticle): SiteArticle => a;
const at = (i: number, change: (a: SiteArticle) => SiteArticle) => (articles: SiteArticle[]) => articles.map((a, j) => (j === i ? change(a) : a));
const entityAt = (j: number, change: (e: Entity) => Entity) => (a: SiteArticle): SiteArticle => ({ ...a, entities: a.entities.map((e, k) => (k === j ? change(e) : e)) });

// Each reaches pages through another of the index's paths.
const changes: [string, (articles: SiteArticle[]) => SiteArticle[]][] = [
  ["nothing", (a) => a],
  ["an article added at the top", (a) => [...a, story(90, { date: "2015-04-28" })]],
  ["an article added in the middle", (a) => [...a, story(91, { date: "2014-02-14" })]],
  ["an undated article added", (a) => [...a, withoutDate(story(92))]],
  ["an article of a new latest year added (the shards split anew)", (a) => [...a, story(93, { date: "2016-01-02" })]],
  ["three articles added", (a) => [...a, story(94, { date: "2015-04-28" }), story(95, { date: "2014-03-01" }), withoutDate(story(96))]],
  ["an article removed", (a) => a.filter((_, i) => i !== 7)],
  ["the newest article removed", (a) => a.filter((_, i) => i !== 81)],
  ["the only article naming someone removed (their pages go)", (a) => [...a, story(97, { date: "2014-01-05", entities: [entity("Ida Lund")] })]],
  ["an article retitled (its neighbours' and related articles' links)", at(40, (a) => ({ ...a, title: "Retitled" }))],
  ["an article's body changed", at(3, (a) => ({ ...a, body: "Other." }))],
  ["an article's summary changed (its cards)", at(30, (a) => ({ ...a, summary: "Other summary." }))],
  ["an article moved to another month and year", at(12, (a) => ({ ...a, date: "2015-03-09" }))],
  ["an article moved within its month", at(12, (a) => ({ ...a, date: `${a.date?.slice(0, 8)}27` }))],
  ["an article's date made unknown", at(13, withoutDate)],
  ["an alias added to an entity (its term's head)", at(20, entityAt(0, (e) => ({ ...e, aliases: ["Cy"] })))],
  ["a description given to an entity", at(21, entityAt(0, (e) => ({ ...e, description: "A person." })))],
  ["a link given to an entity", at(22, entityAt(2, (e) => ({ ...e, sameAs: "https://example.org/place" })))],
  // The newest article naming a person names the term; other terms show that name among their companions.
  ["a person named otherwise in the newest article naming them", (a) => [...a, story(98, { date: "2015-04-29", entities: [{ ...entity("Ann Lee"), name: "Ann B. Lee" }] })]],
  ["an entity added to an article (companions, related articles)", at(12, (a) => ({ ...a, entities: [...a.entities, entity("Hal Ito")] }))],
  ["an entity taken from an article", at(14, (a) => ({ ...a, entities: a.entities.slice(1) }))],
  ["an entity's slug changed (its pages move)", at(15, entityAt(0, (e) => ({ ...e, slug: "someone-else" })))],
  ["a section renamed to one another article has", at(6, (a) => ({ ...a, section: "Business" }))],
  ["an article's tag taken away (a tag kept by others)", at(5, (a) => ({ ...a, tags: ["Economy"] }))],
  ["an article's slug changed (its URL)", at(8, (a) => ({ ...a, slug: "renamed" }))],
  ["an article's record changed in a field no page shows", at(9, (a) => ({ ...a, dateSource: "other" }))],
];

// Changes that move the slugs claimed for tags and sections: the whole archive is indexed.
const declined: [string, (articles: SiteArticle[]) => SiteArticle[]][] = [
  ["a tag added whose slug another tag had (the slugs claimed anew)", at(5, (a) => ({ ...a, tags: [...a.tags, "ECONOMY"] }))],
  ["a new section", at(6, (a) => ({ ...a, section: "Sport" }))],
  ["the last article with a tag losing it", (articles) => articles.map((a) => ({ ...a, tags: a.tags.filter((t) => t !== "Trade") }))],
];

describe("the index of what changed", () => {
  const before = wholeBuild(corpus);

  it.each(changes)("chooses, after %s, what the whole index chooses", (_, change) => {
    const articles = change(corpus);
    const got = incrementalBuild(articles, before);
    expect(got).toBeDefined();
    expectSame(got as Incremental, wholeBuild(articles, before));
  });

  it.each(declined)("declines after %s", (_, change) => {
    expect(incrementalBuild(change(corpus), before)).toBeUndefined();
  });

  it("chooses as the whole index does over a run of rebuilds, each from the memo and state the last one left", () => {
    const steps = changes.map(([, change]) => change);
    let articles = corpus;
    let last = before;
    for (const step of steps) {
      articles = step(articles);
      const got = incrementalBuild(articles, last) as Incremental;
      const want = wholeBuild(articles, last);
      expectSame(got, want);
      last = { data: got.data, selection: got.selection, memo: got.memo, state: { code: "c", pages: got.selection.digests, lists: got.selection.lists, search: got.selection.searchDigests } };
    }
  });

  it("looks only at what an article added reaches", () => {
    const got = incrementalBuild([...corpus, story(90, { date: "2015-04-28" })], before) as Incremental;
    expect(got.changed.articles).toBe(1);
    // Its own page, its neighbours' and those whose related articles moved: not all 91.
    expect(got.data.all.articles.length).toBeLessThan(30);
    expect(got.data.all.lists.length).toBeLessThan(before.data.all.lists.length / 2);
  });

  it("declines articles without ingest's digest, pages a killed build left pending, and digests the state lacks", () => {
    const read = corpus.map((a) => ({ ...a }));
    const ordered = orderArticles(read);
    expect(indexIncrementally({ ordered, site, memo: before.memo, previous: before.state })).toBeUndefined();
    const url = "/2014/01/09/s8/";
    expect(before.state.pages[url]).toBeDefined();
    expect(incrementalBuild(corpus, { ...before, state: { ...before.state, pages: { ...before.state.pages, [url]: "pending" } } })).toBeUndefined();
    const { [url]: _, ...lacking } = before.state.pages;
    expect(incrementalBuild(corpus, { ...before, state: { ...before.state, pages: lacking } })).toBeUndefined();
  });

  describe("with a sitemap in parts", () => {
    afterEach(() => {
      delete process.env.NEWS_ARCHIVE_SITEMAP_URLS;
    });

    it("makes its parts as the whole index does", () => {
      process.env.NEWS_ARCHIVE_SITEMAP_URLS = "40";
      const first = wholeBuild(corpus);
      expect(first.data.all.sitemaps.length).toBeGreaterThan(2);
      const articles = [...corpus, story(90, { date: "2015-04-28" })];
      expectSame(incrementalBuild(articles, first) as Incremental, wholeBuild(articles, first));
    });
  });

  describe("over random runs of changes", () => {
    afterEach(() => {
      delete process.env.NEWS_ARCHIVE_SITEMAP_URLS;
    });

    const TYPES = ["person", "place", "organization"] as const;

    /** An article naming up to three of `slugs`, under names, types, aliases and links that vary. */
    const made = (r: () => number, i: number, slugs: readonly string[]): SiteArticle => {
      const pick = <T>(from: readonly T[]): T => from[Math.floor(r() * from.length)] as T;
      const entities: Entity[] = Array.from({ length: Math.floor(r() * 4) }, () => {
        const slug = pick(slugs);
        const e: Entity = { name: `${slug.toUpperCase()}${r() < 0.3 ? ` v${Math.floor(r() * 3)}` : ""}`, type: r() < 0.8 ? "person" : pick(TYPES), slug, aliases: r() < 0.2 ? [`al${Math.floor(r() * 3)}`] : [], mentions: 1 };
        if (r() < 0.15) e.description = `d${Math.floor(r() * 3)}`;
        if (r() < 0.1) e.sameAs = `https://example.org/${Math.floor(r() * 3)}`;
        return e;
      });
      const a: SiteArticle = { id: `g${i}`, title: `T${i}-${Math.floor(r() * 100)}`, slug: `g${i}`, dateSource: "manifest", tags: ["Economy", ...(r() < 0.3 ? ["Trade"] : [])], summary: `S${Math.floor(r() * 5)}`, entities, body: `B${i}` };
      if (r() < 0.9) a.date = `${2013 + Math.floor(r() * 3)}-0${1 + Math.floor(r() * 3)}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
      a.section = r() < 0.5 ? "World" : "Business";
      return a;
    };

    /** One to three changes: articles added (up to 30), removed, retitled, re-dated, undated, their entities replaced, renamed, given aliases or descriptions, moved to other slugs, their summaries, slugs or sections changed. */
    const changed = (r: () => number, articles: readonly SiteArticle[], next: () => number, slugs: readonly string[]): SiteArticle[] => {
      const out = articles.map((a) => ({ ...a }));
      for (let k = Math.floor(r() * 3) + 1; k > 0; k--) {
        const j = Math.floor(r() * out.length);
        const a = out[j];
        const c = a ? Math.floor(r() * 9) : 0;
        if (c === 0 || !a) for (let m = 1 + Math.floor(r() * (r() < 0.2 ? 30 : 3)); m > 0; m--) out.push(made(r, next(), slugs));
        else if (c === 1) out.splice(j, 1 + Math.floor(r() * 3));
        else if (c === 2) out[j] = { ...a, title: `${a.title}x` };
        else if (c === 3) {
          const date = made(r, 0, slugs).date;
          out[j] = date ? { ...a, date } : a;
        }
        else if (c === 4) out[j] = { ...a, entities: made(r, 0, slugs).entities };
        else if (c === 5) out[j] = { ...a, entities: a.entities.map((e) => (r() < 0.5 ? { ...e, name: `${e.name}!` } : e)) };
        else if (c === 6) out[j] = { ...a, entities: a.entities.map((e) => (r() < 0.5 ? { ...e, aliases: [...e.aliases, "z"], description: "dz" } : e)) };
        else if (c === 7) out[j] = withoutDate(a);
        else out[j] = r() < 0.5 ? { ...a, summary: `${a.summary}y` } : { ...a, slug: `${a.slug}s` };
        const b = out[j];
        if (b && r() < 0.15) out[j] = { ...b, entities: b.entities.map((e) => (r() < 0.5 ? e : { ...e, slug: slugs[Math.floor(r() * slugs.length)] as string })) };
        const c2 = out[j];
        if (c2 && r() < 0.1) out[j] = { ...c2, section: r() < 0.5 ? "World" : "Business" };
      }
      return out;
    };

    // Few names (so that their lists run to several pages, where a head that changes moves
    // every page) or many; a sitemap in parts every third run.
    it.each(Array.from({ length: 12 }, (_, i) => i + 1))("chooses as the whole index does, run %i (20 rebuilds)", (seed) => {
      const r = seededRandom(seed);
      const slugs = ["ann", "bo", "cy", "di", "ed", "flo", "gus", "hal", "ida", "jo", "oslo", "lima"].slice(0, seed % 2 ? 12 : 5);
      if (seed % 3 === 0) process.env.NEWS_ARCHIVE_SITEMAP_URLS = String(20 + seed);
      let id = 0;
      const next = (): number => 1000 + id++;
      let articles = Array.from({ length: 60 + Math.floor(r() * 120) }, () => made(r, next(), slugs));
      let last = wholeBuild(articles.map((a) => ({ ...a })));
      let compared = 0;
      for (let step = 0; step < 20; step++) {
        articles = changed(r, articles, next, slugs);
        const got = incrementalBuild(articles.map((a) => ({ ...a })), last);
        const want = wholeBuild(articles.map((a) => ({ ...a })), last);
        if (!got) {
          last = want;
          continue;
        }
        expectSame(got, want);
        compared++;
        last = { data: got.data, selection: got.selection, memo: got.memo, state: { code: "c", pages: got.selection.digests, lists: got.selection.lists, search: got.selection.searchDigests } };
      }
      // It declines only when the tags' slugs move (the last article tagged "Trade" gone, or the first back).
      expect(compared).toBeGreaterThan(15);
    });
  });
});

