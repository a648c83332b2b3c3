import { describe, expect, it } from "vitest";
import { isShardPage, searchShards, shardGlob, shardsOf, staleShards } from "../../src/site/search-shards.ts";

describe("search shards", () => {
  it("puts each article page in its year's bundle, or its month's in the latest year, undated ones in their own, oldest first", () => {
    const shards = shardsOf([{ url: "/undated/b/" }, { url: "/2016/03/04/a/" }, { url: "/2009/01/01/c/" }, { url: "/2016/05/01/d/" }, { url: "/2015/12/31/e/" }]);
    expect(shards.names).toEqual(["2009", "2015", "2016-03", "2016-05", "undated"]);
    expect(shards.of("/2015/12/31/e/")).toBe("2015");
    expect(shards.of("/2016/03/04/a/")).toBe("2016-03");
    expect(shards.of("/undated/b/")).toBe("undated");
    // A first article in a new year makes the year before one bundle again.
    expect(searchShards([{ url: "/2016/03/04/a/" }, { url: "/2016/05/01/d/" }, { url: "/2017/01/02/f/" }])).toEqual(["2016", "2017-01"]);
    // Undated articles alone: no latest year.
    expect(searchShards([{ url: "/undated/b/" }])).toEqual(["undated"]);
    // An archive without articles still has a (empty) bundle for the search page to load.
    expect(searchShards([])).toEqual(["undated"]);
  });

  it("selects a shard's pages by a glob that matches nothing else", () => {
    expect(shardGlob("2016")).toBe("2016/[0-9][0-9]/[0-9][0-9]/*/index.html");
    expect(shardGlob("2016-03")).toBe("2016/03/[0-9][0-9]/*/index.html");
    expect(shardGlob("undated")).toBe("undated/*/index.html");
    // Shard names go into globs and paths: anything else is refused.
    for (const bad of ["../x", "{2016,2017}", "2016-3", "2016-03-01", "undated-01", "2016-*"]) expect(() => shardGlob(bad), bad).toThrow(/not a search shard/);
    // The files those globs match, and no list page beside them.
    for (const file of ["2016/03/04/a/index.html", "undated/b/index.html"]) expect(isShardPage(file), file).toBe(true);
    for (const file of ["2016/index.html", "2016/03/index.html", "undated/index.html", "undated/page/2/index.html", "people/x/index.html", "2016/03/04/a/feed.xml"]) expect(isShardPage(file), file).toBe(false);
  });

  it("re-indexes shards whose digest changed or whose bundle is gone, and only those", () => {
    const current = { "2015": "a", "2016": "b2", undated: "c" };
    expect(staleShards(undefined, current, () => true)).toEqual(["2015", "2016", "undated"]);
    expect(staleShards({ "2015": "a", "2016": "b", undated: "c" }, current, () => true)).toEqual(["2016"]);
    expect(staleShards({ "2015": "a", "2016": "b2", undated: "c" }, current, (s) => s !== "undated")).toEqual(["undated"]);
    expect(staleShards({ "2014": "z", "2015": "a", "2016": "b2", undated: "c" }, current, () => true)).toEqual([]);
  });
});
