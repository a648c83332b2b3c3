/**
 * Rendering without Eleventy (`direct-render.ts`): the site's templates are all taken, a
 * template asking for more than the renderer walks is refused, and the whole fixture site
 * rendered that way equals, byte for byte, what the CLI's Eleventy build wrote.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/code-location.ts";
import { directTemplates, renderDirect, templateOf } from "../../src/site/direct-render.ts";
import { takeWrittenCount } from "../../src/site/output-writes.ts";
import { loadBuildData, runData } from "../../src/site/plugin.ts";
import { writeFixtureSeeds } from "../fixtures/seeds.ts";
import { runCli } from "../helpers/cli.ts";
import { listFiles } from "../helpers/site.ts";

const article = {
  data: { pagination: { data: "build.todo.articles", size: 1, alias: "article" }, permalink: (d: { article: { url: string } }) => d.article.url, eleventyExcludeFromCollections: true },
  render: () => "",
};

describe("templateOf", () => {
  it("takes a template paginated one item a page over the build's data, with a permalink function or string", () => {
    const taken = templateOf("articles.11ty.js", article);
    expect(typeof taken).toBe("object");
    expect(taken).toMatchObject({ file: "articles.11ty.js", items: ["todo", "articles"], alias: "article" });
    const fixed = templateOf("robots.txt.11ty.js", { ...article, data: { ...article.data, permalink: "/robots.txt" } });
    expect(typeof fixed === "object" && fixed.permalink({} as never)).toBe("/robots.txt");
  });

  it("refuses, saying why, a template that needs more of Eleventy", () => {
    const refused = (module: Record<string, unknown>): unknown => templateOf("t.11ty.js", module);
    expect(refused({ ...article, data: { ...article.data, layout: "base.njk" } })).toMatch(/sets layout/);
    expect(refused({ ...article, data: { ...article.data, pagination: { ...article.data.pagination, size: 20 } } })).toMatch(/pages of 20 items/);
    expect(refused({ ...article, data: { ...article.data, pagination: { ...article.data.pagination, data: "collections.all" } } })).toMatch(/other than the build's data/);
    expect(refused({ ...article, data: { ...article.data, pagination: { ...article.data.pagination, reverse: true } } })).toMatch(/not paginated as/);
    expect(refused({ ...article, data: { ...article.data, permalink: false } })).toMatch(/no permalink/);
    expect(refused({ ...article, render: "<p>" })).toMatch(/no render function/);
    expect(refused({ ...article, configFunction: () => undefined })).toMatch(/exports configFunction/);
  });

  it("takes every template of the site", async () => {
    const templates = await directTemplates();
    expect(templates?.map((t) => t.file)).toEqual([
      "404.11ty.ts",
      "archive.11ty.ts",
      "articles.11ty.ts",
      "feeds.11ty.ts",
      "indexes.11ty.ts",
      "lists.11ty.ts",
      "most-mentioned.11ty.ts",
      "robots.txt.11ty.ts",
      "search.11ty.ts",
      "sitemap.xml.11ty.ts",
      "sitemaps.11ty.ts",
      "years.11ty.ts",
    ]);
  });
});

describe("renderDirect", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "news-archive-direct-"));
    await writeFixtureSeeds(path.join(tmp, "seeds"));
    // A first build: Eleventy renders every page.
    const built = await runCli(["build", "--seeds", path.join(tmp, "seeds"), "--output", path.join(tmp, "eleventy"), "--articles", path.join(tmp, "md")]);
    expect(built.stderr).not.toMatch(/news-archive:/);
  }, 180_000);
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("renders the whole site as Eleventy does, byte for byte, and copies the assets", async () => {
    const data = await loadBuildData({ articlesDir: path.join(tmp, "md") }, path.join(PROJECT_ROOT, "templates", "_data"));
    const templates = await directTemplates();
    if (!templates) throw new Error("a template was refused");
    const out = path.join(tmp, "direct");
    takeWrittenCount();
    const rendered = await renderDirect(templates, runData(data, data.all, true), out);
    expect(takeWrittenCount()).toBe(rendered.length);
    const eleventy = (await listFiles(path.join(tmp, "eleventy"))).filter((f) => !f.startsWith("pagefind/") && !f.startsWith("."));
    const direct = await listFiles(out);
    expect(direct.sort()).toEqual(eleventy.sort());
    expect([...rendered].sort()).toEqual(eleventy.filter((f) => !f.startsWith("assets/")).sort());
    const differing: string[] = [];
    for (const file of eleventy) if (!(await readFile(path.join(out, file))).equals(await readFile(path.join(tmp, "eleventy", file)))) differing.push(file);
    expect(differing).toEqual([]);
    // Rendered again, nothing is written: the same bytes are left alone.
    await renderDirect(templates, runData(data, data.all, true), out);
    expect(takeWrittenCount()).toBe(0);
  });
});
