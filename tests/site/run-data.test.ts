import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/code-location.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import { emptyPaged } from "../../src/site/page-table.ts";
import newsArchivePlugin, { buildData, type BuildData, type EleventyConfigLike, runData } from "../../src/site/plugin.ts";

type Wrap = (target: object, fallback: object) => Record<string, unknown>;

// What Eleventy's pagination makes each page's data with: the page's own fields, falling back
// on the template's data, where the global `build` is (Eleventy's Pagination.js).
const { ProxyWrap } = (await import(pathToFileURL(path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/src/Util/Objects/ProxyWrap.js")).href)) as { ProxyWrap: Wrap };

const article: SiteArticle = { id: "a", title: "A", slug: "a", date: "2020-01-02", dateSource: "manifest", tags: ["t"], summary: "", entities: [], body: "Text." };
const site = { title: "Archive", description: "", language: "en", author: "", url: "https://example.org", pathPrefix: "/" };

describe("runData", () => {
  it("reaches every page's template as itself, so renderers remember by the site's identity across pages", () => {
    const data = buildData(site, [article]);
    const given = runData(data, emptyPaged(), true);
    const page = (n: number): { build: BuildData } => ProxyWrap({ pagination: { pageNumber: n }, list: {} }, { build: given, eleventy: {} }) as unknown as { build: BuildData };
    const first = page(0);
    const second = page(1);
    expect(first.build).toBe(given);
    expect(first.build.site).toBe(given.site);
    expect(second.build.site).toBe(first.build.site);
    expect(first.build.searchShards).toBe(data.searchShards);
  });

  it("gives each run settings of its own, equal to the build's, so that what the memos hold goes with the run", () => {
    const data = buildData(site, [article]);
    const one = runData(data, emptyPaged(), true);
    const two = runData(data, emptyPaged(), false);
    expect(one.site).toEqual(data.site);
    expect(two.site).toEqual(data.site);
    expect(two.site).not.toBe(one.site);
    expect(Object.isFrozen(one.site)).toBe(true);
  });

  it("gives the run's pages, and the one-off pages to one run only", () => {
    const data = buildData(site, [article]);
    const todo = { ...emptyPaged(), articles: data.all.articles };
    expect(runData(data, todo, true)).toMatchObject({ todo, oneOffs: [1], site: data.site });
    expect(runData(data, todo, false).oneOffs).toEqual([]);
  });

  it("is what Eleventy gets when it runs on its own (`--serve`): frozen, so the memos hold there too", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "run-data-"));
    try {
      let global: (() => Promise<unknown>) | undefined;
      const config: EleventyConfigLike = {
        directories: { data: path.join(PROJECT_ROOT, "templates", "_data") },
        addExtension: () => undefined,
        addTemplateFormats: () => undefined,
        addGlobalData: (name, data) => void (name === "build" && (global = data)),
        addPassthroughCopy: () => undefined,
        addWatchTarget: () => undefined,
        on: () => undefined,
      };
      newsArchivePlugin(config, { articlesDir: dir });
      const data = (await global?.()) as BuildData;
      const page = ProxyWrap({ pagination: { pageNumber: 0 }, list: {} }, { build: data, eleventy: {} }) as unknown as { build: BuildData };
      expect(Object.isFrozen(data)).toBe(true);
      expect(page.build).toBe(data);
      expect(page.build.oneOffs).toEqual([1]);
      expect(page.build.todo).toBe(data.all);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
