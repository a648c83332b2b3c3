/**
 * The real corpus at archive scale: all 2,225 BBC articles (five sections as subfolders) through
 * the real CLI and Eleventy. Skips, saying why, where ../shared/data/bbc is absent: the articles
 * are the BBC's and never copied into this repository.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestReport } from "../src/ingest/pipeline.ts";
import { ROOT, runCli, type CliResult } from "./helpers/cli.ts";
import { brokenLinks, listFiles, loadHtml, parseXml } from "./helpers/site.ts";
import { validateSite } from "./helpers/validate.ts";

const BBC = path.join(ROOT, "..", "shared", "data", "bbc");
const present = existsSync(BBC);
if (!present) console.warn(`skipping the BBC corpus tests: ${BBC} is absent`);

describe.skipIf(!present)("the BBC corpus (2,225 articles)", () => {
  const ORIGIN = "https://bbc.example.org";
  let tmp: string;
  let site: string;
  let build: CliResult;
  let report: IngestReport;
  let files: string[];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "news-archive-bbc-"));
    site = path.join(tmp, "site");
    build = await runCli(["build", "--seeds", BBC, "--output", site, "--articles", path.join(tmp, "md"), "--site-url", ORIGIN, "--report", path.join(tmp, "report.json")]);
    report = JSON.parse(await readFile(path.join(tmp, "report.json"), "utf8")) as IngestReport;
    files = await listFiles(site);
  }, 600_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("turns every seed into an article or a reported duplicate", () => {
    expect(build.code, build.stderr).toBe(0);
    expect(report.seeds).toBe(2225);
    expect(report.rejected).toEqual([]);
    expect(report.articles).toHaveLength(2225);
    const unique = report.articles.filter((a) => a.status !== "duplicate");
    const pages = files.filter((f) => /^undated\/[^/]+\/index\.html$/.test(f) && !f.startsWith("undated/page/"));
    expect(pages).toHaveLength(unique.length);
    // Duplicates are byte-identical re-publications in the corpus; each points at its original.
    for (const d of report.articles.filter((a) => a.status === "duplicate")) {
      expect(unique.some((u) => u.file === d.duplicateOf && u.output === d.output)).toBe(true);
    }
  });

  it("has the five sections, entity pages and the undated archive", async () => {
    const $ = await loadHtml(site, "/sections/");
    expect($(".term-list a").map((_, a) => $(a).text()).get()).toEqual(["business", "entertainment", "politics", "sport", "tech"]);
    for (const kind of ["people", "organizations", "places"]) {
      const index = await loadHtml(site, `/${kind}/`);
      expect(index(".term-list li").length, kind).toBeGreaterThan(100);
    }
    expect((await loadHtml(site, "/people/tony-blair/"))("h1").text()).toBe("Tony Blair");
    expect(files).toContain("undated/page/2/index.html");
  });

  it("writes well-formed feeds with declared namespaces, every one of them", async () => {
    const feeds = files.filter((f) => f.endsWith(".xml"));
    expect(feeds.length).toBeGreaterThan(1000);
    for (const f of feeds) {
      const xml = await readFile(path.join(site, f), "utf8");
      expect(() => parseXml(xml), f).not.toThrow();
    }
  });

  it("resolves every internal link", async () => {
    expect(await brokenLinks(site, "/", ORIGIN)).toEqual([]);
  }, 300_000);

  it("has no html-validate errors on any page", async () => {
    const { pages, problems } = await validateSite(site);
    expect(pages).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
  }, 600_000);
});
