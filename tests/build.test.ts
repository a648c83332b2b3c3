/**
 * The whole path, for real: the `news-archive` CLI ingests the fixture seeds and runs Eleventy;
 * the tests read the report, parse the HTML and XML it wrote, and follow every link, at the
 * root and under a path prefix.
 */
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSeeds } from "../src/ingest/files.ts";
import type { IngestReport } from "../src/ingest/pipeline.ts";
import { HOSTILE_TITLE, REAL_SEED, REJECTS, writeFixtureSeeds } from "./fixtures/seeds.ts";
import { ROOT, runCli, type CliResult } from "./helpers/cli.ts";
import { brokenLinks, fileFor, listFiles, loadHtml, parseXml } from "./helpers/site.ts";
import { validateSite } from "./helpers/validate.ts";

const ORIGIN = "https://news.example.org";
let tmp: string;
let seeds: string;
let site: string;
let prefixed: string;
let build: CliResult;
let report: IngestReport;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "news-archive-build-"));
  seeds = path.join(tmp, "seeds");
  site = path.join(tmp, "site");
  prefixed = path.join(tmp, "site-prefixed");
  await writeFixtureSeeds(seeds);
  build = await runCli(["build", "--seeds", seeds, "--output", site, "--articles", path.join(tmp, "md"), "--site-url", ORIGIN, "--report", path.join(tmp, "report.json")]);
  report = JSON.parse(await readFile(path.join(tmp, "report.json"), "utf8")) as IngestReport;
  const second = await runCli(["build", "--seeds", seeds, "--output", prefixed, "--articles", path.join(tmp, "md2"), "--site-url", ORIGIN, "--path-prefix", "/archive/"]);
  expect(second.stderr).not.toMatch(/news-archive:/);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("news-archive build", () => {
  it("exits 2 because some seeds were rejected, and says so in one summary line", () => {
    expect(build.code).toBe(2);
    expect(build.stdout).toMatch(/^12 seeds: 8 written, 0 unchanged, 1 duplicates, 3 rejected$/m);
  });

  it("accounts for every input exactly once in the report", async () => {
    const inputs = await listSeeds(seeds);
    const seen = [...report.articles.map((a) => a.file), ...report.rejected.map((r) => r.file)].sort();
    expect(seen).toEqual(inputs);
    expect(report.seeds).toBe(inputs.length);
    for (const [file, reason] of Object.entries(REJECTS)) {
      expect(report.rejected.find((r) => r.file === file)?.reason).toContain(reason);
    }
    expect(report.articles.find((a) => a.file === "same-headline-9.txt")).toMatchObject({ status: "duplicate", duplicateOf: "same-headline-1.txt" });
  });

  it("warns about the manifest row naming no seed, and the Windows-1252 seed", () => {
    expect(report.warnings).toContainEqual({ file: path.join(seeds, "manifest.csv:5"), message: expect.stringContaining("names no seed") });
    expect(report.warnings).toContainEqual({ file: "cp1252.txt", message: expect.stringContaining("Windows-1252") });
    expect(build.stderr).toContain("manifest.csv:5");
  });

  it("gives unique ids, slugs and outputs to clashing stems and headlines", () => {
    const ids = report.articles.filter((a) => a.status !== "duplicate").map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["politics-001", "sport-001"]));
    expect(fileFor(site, "/2016/01/01/same-headline/")).toBeDefined();
    expect(fileFor(site, "/undated/same-headline-2/")).toBeDefined();
  });

  it("renders the seed's article page with its date, pull quote, entities, section and tags", async () => {
    const $ = await loadHtml(site, "/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/");
    expect($("h1").text()).toBe("Putin to visit Iran to tighten Syria ties");
    expect($("time").attr("datetime")).toBe("2015-11-13");
    expect($("time").text()).toBe("13 November 2015");
    expect($("blockquote.pullquote").text()).toContain("Syria is a sovereign country");
    expect($(".body > p").filter((_, p) => $(p).text().endsWith("|")).length).toBe(0);
    const entityLinks = $(".entities a").map((_, a) => $(a).attr("href")).get();
    expect(entityLinks).toEqual(expect.arrayContaining(["/people/vladimir-putin/", "/people/bashar-al-assad/", "/places/iran/", "/places/syria/"]));
    expect($(".kicker a").attr("href")).toBe("/sections/world/");
    expect($("a[href='/tags/diplomacy/']").length).toBe(1);
  });

  it.each([
    ["/people/vladimir-putin/", "Vladimir Putin", "Person"],
    ["/people/bashar-al-assad/", "Bashar al-Assad", "Person"],
    ["/places/iran/", "Iran", "Place"],
    ["/places/syria/", "Syria", "Place"],
  ])("has the entity page %s", async (url, name, type) => {
    const $ = await loadHtml(site, url);
    expect($("h1").text()).toBe(name);
    expect($(".kicker").text()).toBe(type);
    expect($(".cards a").map((_, a) => $(a).attr("href")).get()).toContain("/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/");
    expect($('link[rel="alternate"][type="application/rss+xml"]').attr("href")).toBe(`${url}feed.xml`);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href")).toBe(`${url}atom.xml`);
    expect($('link[rel="alternate"][type="application/feed+json"]')).toHaveLength(0);
  });

  it("announces all three of the site's feeds on the home page, at the root and under a prefix", async () => {
    for (const [dir, prefix] of [
      [site, "/"],
      [prefixed, "/archive/"],
    ] as const) {
      const $ = await loadHtml(dir, "/");
      const alternates = $('link[rel="alternate"]').map((_, l) => `${$(l).attr("type")} ${$(l).attr("href")}`).get();
      expect(alternates).toEqual([`application/rss+xml ${prefix}feed.xml`, `application/atom+xml ${prefix}atom.xml`, `application/feed+json ${prefix}feed.json`]);
    }
  });

  it("never skips a heading level on any page", async () => {
    const skips: string[] = [];
    for (const file of (await listFiles(site)).filter((f) => f.endsWith(".html"))) {
      const $ = await loadHtml(site, `/${file}`);
      let level = 0;
      $("h1, h2, h3, h4, h5, h6").each((_, h) => {
        const next = Number(h.tagName.slice(1));
        if (next > level + 1) skips.push(`${file}: h${level} then h${next}`);
        level = next;
      });
    }
    expect(skips).toEqual([]);
  });

  it("lists people, organizations and places A–Z with counts", async () => {
    const $ = await loadHtml(site, "/people/");
    const names = $(".term-list a").map((_, a) => $(a).text()).get();
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names).toContain("Vladimir Putin");
  });

  it("sorts undated articles after dated ones and says Date unknown", async () => {
    const $ = await loadHtml(site, "/");
    const dates = $(".card .meta").map((_, m) => $(m).text()).get();
    const firstUnknown = dates.findIndex((d) => d.includes("Date unknown"));
    expect(firstUnknown).toBeGreaterThan(0);
    expect(dates.slice(firstUnknown).every((d) => d.includes("Date unknown"))).toBe(true);
  });

  it("has date archives", async () => {
    expect((await loadHtml(site, "/2015/"))("a[href='/2015/11/']").length).toBe(1);
    expect((await loadHtml(site, "/2015/11/"))(".cards li").length).toBe(1);
    expect((await loadHtml(site, "/archive/"))("a[href='/undated/']").length).toBe(1);
  });

  it("shows hostile seed text as text in pages", async () => {
    const $ = await loadHtml(site, "/2016/01/02/script-alert-x-script-and-quotes-site-title/");
    expect($("h1").text()).toBe(HOSTILE_TITLE);
    expect($("title").text()).toContain(HOSTILE_TITLE);
    // The only script is the page's own JSON-LD, and the headline stays inside its string.
    expect($("script").map((_, s) => $(s).attr("type")).get()).toEqual(["application/ld+json"]);
    expect(JSON.parse($('script[type="application/ld+json"]').text()).headline).toBe(HOSTILE_TITLE);
    expect($("img").length).toBe(0);
    expect($(".body a:not(.mention)").length).toBe(0);
    for (const href of $(".body a.mention").map((_, a) => $(a).attr("href")).get()) expect(href).toMatch(/^\/(people|organizations|places)\/[a-z0-9-]+\/$/);
    expect($(".body").text()).toContain("[click](javascript:alert(1)) {% raw %} {{ 7 * 7 }}");
    expect($(".byline").text()).toBe("<script>x</script>");
    expect($(".kicker a").text()).toBe("<b>odd</b> section");
  });

  it("writes valid RSS and Atom with the right items and every namespace declared", async () => {
    const rss = parseXml(await readFile(path.join(site, "feed.xml"), "utf8")) as { rss: { channel: { item: { title: string; guid: { "#text": string } }[] } } };
    const titles = rss.rss.channel.item.map((i) => String(i.title));
    expect(titles[0]).toBe(HOSTILE_TITLE);
    expect(titles).toContain("Putin to visit Iran to tighten Syria ties");
    expect(titles.length).toBe(8);
    const atom = parseXml(await readFile(path.join(site, "atom.xml"), "utf8")) as { feed: { entry: { id: string; category?: { "@term": string; "@scheme": string; "@label": string }[] }[] } };
    expect(atom.feed.entry.map((e) => e.id)).toContain(`${ORIGIN}/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/`);
    // An entity's category: its slug, in the scheme of its type's pages (slugs are unique within a type only).
    const categories = atom.feed.entry.flatMap((e) => e.category ?? []);
    expect(categories).toContainEqual({ "@term": "vladimir-putin", "@scheme": `${ORIGIN}/people/`, "@label": "Vladimir Putin" });
    expect(categories.every((c) => /\/(people|organizations|places)\/$/.test(c["@scheme"]))).toBe(true);
    const json = JSON.parse(await readFile(path.join(site, "feed.json"), "utf8")) as { items: { title: string }[] };
    expect(json.items[0]?.title).toBe(HOSTILE_TITLE);

    const putin = parseXml(await readFile(path.join(site, "people/vladimir-putin/feed.xml"), "utf8")) as { rss: { channel: { item: { link: string }[] } } };
    expect(putin.rss.channel.item.map((i) => i.link)).toEqual([`${ORIGIN}/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/`]);
    for (const file of (await listFiles(site)).filter((f) => f.endsWith(".xml"))) {
      const xml = await readFile(path.join(site, file), "utf8");
      expect(() => parseXml(xml), file).not.toThrow();
    }
  });

  it("applies the editorial overrides, on every ingest", async () => {
    const $ = await loadHtml(site, "/people/tony-blair-pm/");
    expect($("h1").text()).toBe("Tony Blair");
    expect($(".description").text()).toBe("Prime Minister of the United Kingdom, 1997–2007");
    expect($('meta[name="description"]').attr("content")).toMatch(/^Tony Blair: Prime Minister of the United Kingdom, 1997–2007\. \d+ articles?\.$/);
    expect($('a[href="https://www.wikidata.org/wiki/Q9545"]').length).toBe(1);
    expect(fileFor(site, "/places/london/")).toBeUndefined();
    const md = await readFile(path.join(tmp, "md", "bom-crlf.md"), "utf8");
    expect(md).toContain("slug: tony-blair-pm");
    expect(md).not.toMatch(/name: London/);
  });

  it("keeps feed GUIDs stable across rebuilds", async () => {
    const before = await readFile(path.join(site, "feed.xml"), "utf8");
    const again = await runCli(["build", "--seeds", seeds, "--output", site, "--articles", path.join(tmp, "md"), "--site-url", ORIGIN]);
    expect(again.stdout).toMatch(/0 written, 8 unchanged/);
    expect(await readFile(path.join(site, "feed.xml"), "utf8")).toBe(before);
    expect(fileFor(site, "/people/tony-blair-pm/")).toBeDefined();
  });

  it("indexes every article page for search, and only those, in one bundle per year, one per month in the latest year", async () => {
    expect(build.stdout).toMatch(/^search: 8 articles indexed into 3 of 3 search bundles: 2015, 2016-01, undated/m);
    const articlePages = (await listFiles(site)).filter((f) => /^(\d{4}\/\d\d\/\d\d|undated)\/[^/]+\/index\.html$/.test(f));
    expect(articlePages).toHaveLength(8);
    const counted: Record<string, number> = {};
    for (const shard of ["2015", "2016-01", "undated"]) {
      const entry = JSON.parse(await readFile(path.join(site, "pagefind", shard, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
      counted[shard] = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
    }
    const expected: Record<string, number> = {};
    // 2016 is the seeds' latest year: its bundles are by month.
    const shardOfPage = (f: string): string => (f.startsWith("2016/") ? `2016-${f.slice(5, 7)}` : (f.split("/")[0] ?? ""));
    for (const f of articlePages) expected[shardOfPage(f)] = (expected[shardOfPage(f)] ?? 0) + 1;
    expect(counted).toEqual(expected);
    // The search page loads the first bundle and merges the others into it.
    const search = (await loadHtml(site, "/search/"))("#search");
    expect(search.attr("data-bundle")).toBe("/pagefind/2015/");
    expect(JSON.parse(search.attr("data-merge") ?? "")).toEqual(["/pagefind/2016-01/", "/pagefind/undated/"]);
  });

  it("has a sitemap listing pages that exist, robots.txt and a 404 page", async () => {
    const sitemap = parseXml(await readFile(path.join(site, "sitemap.xml"), "utf8")) as { urlset: { url: { loc: string }[] } };
    const locs = sitemap.urlset.url.map((u) => u.loc);
    expect(locs).toContain(`${ORIGIN}/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/`);
    for (const loc of locs) expect(fileFor(site, loc.slice(ORIGIN.length)), loc).toBeDefined();
    expect(await readFile(path.join(site, "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect((await loadHtml(site, "/404.html"))("h1").text()).toBe("Page not found");
  });

  it("resolves every internal link at the root", async () => {
    expect(await brokenLinks(site, "/", ORIGIN)).toEqual([]);
  });

  it("resolves every internal link under a path prefix", async () => {
    expect(await brokenLinks(prefixed, "/archive/", ORIGIN)).toEqual([]);
    const $ = await loadHtml(prefixed, "/");
    expect($('link[rel="stylesheet"]').attr("href")).toBe("/archive/assets/style.css");
    const rss = await readFile(path.join(prefixed, "feed.xml"), "utf8");
    expect(rss).toContain(`<link>${ORIGIN}/archive/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/</link>`);
  });

  it("encodes a path prefix that is not a plain URL path, in links, feeds and the sitemap", async () => {
    const out = path.join(tmp, "spaced");
    const result = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, "md-spaced"), "--site-url", ORIGIN, "--path-prefix", "/my archive/"]);
    expect(result.stderr).not.toMatch(/news-archive:/);
    expect(await brokenLinks(out, "/my%20archive/", ORIGIN)).toEqual([]);
    expect((await loadHtml(out, "/"))('link[rel="stylesheet"]').attr("href")).toBe("/my%20archive/assets/style.css");
    const sitemap = parseXml(await readFile(path.join(out, "sitemap.xml"), "utf8")) as { urlset: { url: { loc: string }[] } };
    for (const { loc } of sitemap.urlset.url) expect(new URL(loc).href, loc).toBe(loc);
    expect(JSON.parse((await loadHtml(out, "/search/"))("#search").attr("data-merge") ?? "")).toEqual(["/my%20archive/pagefind/2016-01/", "/my%20archive/pagefind/undated/"]);
  });
});

describe("HTML validity (html-validate)", () => {
  it("finds no errors on any page of the fixture site, at the root and under a prefix", async () => {
    for (const dir of [site, prefixed]) {
      const { pages, problems } = await validateSite(dir);
      expect(pages).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    }
  });

  it("finds no errors on any page of the project's own seed archive", async () => {
    const own = path.join(tmp, "own");
    const result = await runCli(["build", "--output", own, "--articles", path.join(tmp, "own-md")]);
    expect(result.code, result.stderr).toBe(0);
    expect(fileFor(own, "/2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/")).toBeDefined();
    expect((await validateSite(own)).problems).toEqual([]);
  });
});

describe("news-archive build, given folders it would harm", () => {
  it("refuses an output folder that is the seeds folder, holds it or lies inside it, before reading a seed", async () => {
    const own = path.join(tmp, "harm-seeds");
    await cp(seeds, own, { recursive: true });
    const before = (await listFiles(own)).sort();
    for (const [output, message] of [
      [own, /the seeds folder .* is inside the output folder/],
      [tmp, /the seeds folder .* is inside the output folder/],
      [path.join(own, "_site"), /the output folder .* is inside the seeds folder .* its pages would be read as seeds/],
    ] as const) {
      const result = await runCli(["build", "--seeds", own, "--output", output, "--articles", path.join(tmp, "harm-md")]);
      expect(result.code, output).toBe(1);
      expect(result.stderr, output).toMatch(message);
    }
    expect((await listFiles(own)).sort()).toEqual(before);
    await expect(stat(path.join(tmp, "harm-md"))).rejects.toThrow();
  });

  it("refuses an articles folder inside the output folder, not one holding it, and sees through a name that begins with two dots", async () => {
    const out = path.join(tmp, "nested-out");
    for (const articles of [out, path.join(out, "md")]) {
      const result = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", articles]);
      expect(result.code, articles).toBe(1);
      expect(result.stderr, articles).toMatch(/is inside the output folder .*: the site would publish the Markdown/);
    }
    // The site inside the articles folder is harmless: articles are read from its top alone.
    const holding = path.join(tmp, "holding-md");
    expect((await runCli(["build", "--seeds", seeds, "--output", path.join(holding, "site"), "--articles", holding])).code).toBe(2);
    const dotted = path.join(out, "..seeds");
    await cp(seeds, dotted, { recursive: true });
    const inside = await runCli(["build", "--seeds", dotted, "--output", out, "--articles", path.join(tmp, "dotted-md")]);
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/the seeds folder .* is inside the output folder/);
  });

  it("refuses an output that is a file, and a report that is a folder, before reading a seed", async () => {
    const file = path.join(tmp, "a-file");
    await writeFile(file, "mine");
    const onFile = await runCli(["build", "--seeds", seeds, "--output", file, "--articles", path.join(tmp, "file-md")]);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr.trim()).toBe(`news-archive: the output ${file} is not a folder`);
    const onFolder = await runCli(["build", "--seeds", seeds, "--output", path.join(tmp, "x-site"), "--articles", path.join(tmp, "file-md"), "--report", tmp]);
    expect(onFolder.code).toBe(1);
    expect(onFolder.stderr).toContain(`the report ${tmp} is a folder`);
    await expect(stat(path.join(tmp, "file-md"))).rejects.toThrow();
  });

  it("refuses to serve on a port another program listens on, before building", async () => {
    const other = createServer();
    const port = await new Promise<number>((resolve) => other.listen(0, () => resolve((other.address() as AddressInfo).port)));
    try {
      const out = path.join(tmp, "served-site");
      const result = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, "served-md"), "--serve", "--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`news-archive: port ${port} is in use: choose another with --port`);
      await expect(stat(out)).rejects.toThrow();
    } finally {
      other.close();
    }
  });

  it("leaves a site as it is when the seeds folder holds no seed, or only seeds it rejects", async () => {
    const out = path.join(tmp, "kept-site");
    await cp(site, out, { recursive: true });
    const before = (await listFiles(out)).sort();
    const empty = path.join(tmp, "no-seeds");
    await mkdir(empty, { recursive: true });
    // The site's articles too: refused before ingest would remove them.
    const articles = path.join(tmp, "kept-md");
    await cp(path.join(tmp, "md"), articles, { recursive: true });
    const markdown = (await listFiles(articles)).sort();
    const reportFile = path.join(tmp, "none-report.json");
    const none = await runCli(["build", "--seeds", empty, "--output", out, "--articles", articles, "--report", reportFile]);
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe(`news-archive: no article to build from ${empty} (it holds no *.txt seed); the site is left as it is`);
    expect((await listFiles(articles)).sort()).toEqual(markdown);
    // The run's report says so too, rather than leave an earlier run's in its place.
    expect(JSON.parse(await readFile(reportFile, "utf8"))).toMatchObject({ seeds: 0, articles: [], rejected: [] });
    await writeFile(path.join(empty, "blank.txt"), "");
    const rejected = await runCli(["build", "--seeds", empty, "--output", out, "--articles", path.join(tmp, "none-md")]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain("rejected: blank.txt");
    expect(rejected.stderr).toContain("(all 1 of its seeds were rejected); the site is left as it is");
    expect((await listFiles(out)).sort()).toEqual(before);
  });
});

describe("news-archive ingest", () => {
  it("reports a missing seeds folder as a fatal error naming it", async () => {
    const result = await runCli(["ingest", "--seeds", path.join(tmp, "nope"), "--out", path.join(tmp, "x")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(path.join(tmp, "nope"));
  });

  it("prints a fatal error's stack under NEWS_ARCHIVE_DEBUG, naming the TypeScript sources, and only the message without it", async () => {
    const args = ["ingest", "--seeds", path.join(tmp, "nope"), "--out", path.join(tmp, "x")];
    const debug = await runCli(args, undefined, { NEWS_ARCHIVE_DEBUG: "1" });
    expect(debug.code).toBe(1);
    // The compiled copy's source maps lead back to the function that threw, in its `.ts` file.
    expect(debug.stderr).toContain(`at requireDir (${path.join(ROOT, "src", "cli", "main.ts")}:`);
    expect(debug.stderr).not.toContain(".cache/code");
    const plain = await runCli(args);
    expect(plain.stderr.trim()).toBe(`news-archive: seeds folder not found: ${path.join(tmp, "nope")}`);
  });

  it("exits 0 when every seed becomes an article", async () => {
    const result = await runCli(["ingest", "--seeds", path.join(tmp, "seeds", "politics"), "--out", path.join(tmp, "only-politics")]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("1 seeds: 1 written, 0 unchanged, 0 duplicates, 0 rejected");
    // The caches sit beside the articles, so re-ingesting skips the tagger and unchanged seeds.
    expect((await listFiles(path.join(tmp, "only-politics"))).sort()).toEqual([".extract-cache.json", ".seed-cache.json", ".written.json", "001.md"]);
  });

  it("rejects an invalid time zone before doing anything", async () => {
    const result = await runCli(["ingest", "--seeds", seeds, "--out", path.join(tmp, "tz"), "--timezone", "Mars/Olympus"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Mars/Olympus");
  });
});
