/**
 * Rebuilding through the real CLI: the same seeds give byte-identical sites wherever and
 * whenever they are built, and adding one seed to a built archive re-ingests only that seed
 * and rewrites only the pages whose content changed, leaving the rest untouched on disk.
 */
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestReport } from "../../src/ingest/pipeline.ts";
import { REAL_SEED, writeFixtureSeeds } from "../fixtures/seeds.ts";
import { ROOT, runCli } from "../helpers/cli.ts";
import { listFiles } from "../helpers/site.ts";

interface Report extends IngestReport {
  site: { pages: number; rendered: number; threads: number; written: number; removed: number; changed?: { articles: number; terms: number } };
  search: { pages: number; shards: number; indexed: string[]; unchanged?: true; alongside?: true };
}

let tmp: string;
let seeds: string;

/** What `runCli` gives for a process killed by a signal (the fixture's seeds make a finished build exit 2: some are rejected). */
const KILLED = -1;

async function build(name: string, seedDir = seeds, env: Record<string, string> = {}, args: string[] = []): Promise<Report> {
  const reportFile = path.join(tmp, `${name}.json`);
  const result = await runCli(["build", "--seeds", seedDir, "--output", path.join(tmp, name), "--articles", path.join(tmp, `${name}-md`), "--report", reportFile, ...args], undefined, env);
  expect(result.stderr).not.toMatch(/news-archive:/);
  return JSON.parse(await readFile(reportFile, "utf8")) as Report;
}

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = (await listFiles(dir)).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))] as const)));
}

/** The build's own files in the output folder: its state and the memo of its index. */
const OWN = [".news-archive-build", ".news-archive-index"];

/**
 * Asserts that the site in `dir` has the files of the one in `expected`, byte for byte, and the
 * same build state: the same page and search digests and memo; of the whole lists' digests, a
 * rebuild keeps only those of the lists it did not look at (see `incremental-index.ts`), and
 * each it keeps is the one a cold build makes.
 */
async function expectSameSite(dir: string, expected: string, what?: string): Promise<void> {
  const [got, want] = [await snapshot(dir), await snapshot(expected)];
  expect([...got.keys()], what).toEqual([...want.keys()]);
  expect([...want].filter(([file, bytes]) => file !== ".news-archive-build" && !bytes.equals(got.get(file) ?? Buffer.alloc(0))).map(([file]) => file), what).toEqual([]);
  const state = (files: Map<string, Buffer>): { lists?: Record<string, string> } => JSON.parse(files.get(".news-archive-build")?.toString() ?? "{}") as { lists?: Record<string, string> };
  const { lists: gotLists = {}, ...gotState } = state(got);
  const { lists: wantLists = {}, ...wantState } = state(want);
  expect(gotState, what).toEqual(wantState);
  expect(Object.entries(gotLists).filter(([url, digest]) => wantLists[url] !== digest), what).toEqual([]);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "news-archive-rebuild-"));
  seeds = path.join(tmp, "seeds");
  await writeFixtureSeeds(seeds);
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("rebuilding the site", () => {
  it("gives byte-identical sites from the same seeds, search index included", async () => {
    await build("one");
    // A different seed folder path and a later time must not show in the output either.
    const copy = path.join(tmp, "seeds-copy");
    await cp(seeds, copy, { recursive: true });
    await build("two", copy);
    expect((await listFiles(path.join(tmp, "one"))).some((f) => f.startsWith("pagefind/"))).toBe(true);
    await expectSameSite(path.join(tmp, "two"), path.join(tmp, "one"));
  });

  it("gives the same site when Eleventy runs over many small batches of pages", async () => {
    const batched = await build("batched", seeds, { NEWS_ARCHIVE_BATCH_PAGES: "7" }, ["--render-threads", "1"]);
    expect(batched.site.threads).toBe(1);
    expect(batched.site.pages).toBeGreaterThan(50);
    await expectSameSite(path.join(tmp, "batched"), path.join(tmp, "one"));
  });

  it("gives the same site from the TypeScript sources, through tsx, as from the compiled copy the CLI runs", async () => {
    // Two threads, so that the worker threads' way of loading their module is covered too.
    const env = { NEWS_ARCHIVE_TSX: "1", NEWS_ARCHIVE_BATCH_PAGES: "7", NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD: "1" };
    const sources = await build("sources", seeds, env, ["--render-threads", "2"]);
    expect(sources.site.threads).toBe(2);
    await expectSameSite(path.join(tmp, "sources"), path.join(tmp, "one"));
  });

  it("gives the same site when two threads render it", async () => {
    // The main thread waits for the second to be ready (a test setting), so that both render.
    const two = await build("two-threads", seeds, { NEWS_ARCHIVE_BATCH_PAGES: "7", NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD: "1" }, ["--render-threads", "2"]);
    expect(two.site.threads).toBe(2);
    expect(two.site.rendered).toBe(two.site.pages);
    // Each page written once: the one-off pages too, which only the first run renders.
    expect(two.site.written).toBe(two.site.pages);
    await expectSameSite(path.join(tmp, "two-threads"), path.join(tmp, "one"));
    // A small rebuild renders on the main thread alone.
    const again = await build("two-threads", seeds, {}, ["--render-threads", "2"]);
    expect(again.site.threads).toBe(1);
  });

  it("renders on two threads by default where the machine has two cores", async () => {
    const built = await build("default-threads", seeds, { NEWS_ARCHIVE_BATCH_PAGES: "7", NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD: "1" });
    expect(built.site.threads).toBe(Math.min(2, availableParallelism()));
  });

  it("gives the same site when the second thread is started before the index, whether it then renders or is stopped", async () => {
    // Any archive counts as large here. The report cannot tell an early start from a late one;
    // this checks what the early path gives when taken: the same bytes, and no hang.
    const eager = { NEWS_ARCHIVE_EAGER_HELPER_ARTICLES: "1", NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD: "1" };
    const both = await build("eager-two", seeds, { ...eager, NEWS_ARCHIVE_BATCH_PAGES: "7" }, ["--render-threads", "2"]);
    expect(both.site.threads).toBe(2);
    const alone = await build("eager-one", seeds, eager, ["--render-threads", "2"]);
    expect(alone.site.threads).toBe(1);
    for (const other of ["eager-two", "eager-one"]) await expectSameSite(path.join(tmp, other), path.join(tmp, "one"), other);
  });

  it("renders the pages of seeds the seed cache knows, whose paragraphs it reads from them again, on either thread", async () => {
    const seedsKnown = path.join(tmp, "seeds-known");
    await cp(seeds, seedsKnown, { recursive: true });
    // Seeds changed in the last few seconds are not kept in the seed cache (see seed-cache.ts).
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await build("known", seedsKnown);
    // Into another folder from the same Markdown folder: every page rendered, no seed parsed.
    const env = { NEWS_ARCHIVE_BATCH_PAGES: "7", NEWS_ARCHIVE_TEST_WAIT_FOR_RENDER_THREAD: "1" };
    const reportFile = path.join(tmp, "known-again.json");
    const args = ["build", "--seeds", seedsKnown, "--output", path.join(tmp, "known-again"), "--articles", path.join(tmp, "known-md"), "--report", reportFile, "--render-threads", "2"];
    expect((await runCli(args, undefined, env)).stderr).not.toMatch(/news-archive:/);
    const again = JSON.parse(await readFile(reportFile, "utf8")) as Report;
    expect(again.timings.parsed).toBe(0);
    expect(again.site.threads).toBe(2);
    expect(again.site.rendered).toBe(again.site.pages);
    await expectSameSite(path.join(tmp, "known-again"), path.join(tmp, "known"));
    await expectSameSite(path.join(tmp, "known"), path.join(tmp, "one"));
  });

  it("refuses a render thread count other than 1 or 2", async () => {
    const result = await runCli(["build", "--seeds", seeds, "--output", path.join(tmp, "bad-threads"), "--render-threads", "3"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/"3" is not 1 or 2/);
  });

  it("after adding one seed, re-ingests only it and rewrites only the pages it changed", async () => {
    const seedsInc = path.join(tmp, "seeds-inc");
    await cp(seeds, seedsInc, { recursive: true });
    const first = await build("inc", seedsInc);
    expect(first.site.written).toBe(first.site.pages);

    const site = path.join(tmp, "inc");
    const old = new Date("2001-01-01T00:00:00Z");
    for (const f of await listFiles(site)) await utimes(path.join(site, f), old, old);

    await writeFile(path.join(seedsInc, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 2-1 at the Emirates on Sunday.\n");
    const second = await build("inc", seedsInc);
    expect(second.articles.filter((a) => a.status === "written").map((a) => a.file)).toEqual([path.join("sport", "new-match.txt")]);
    expect(second.articles.filter((a) => a.status === "unchanged")).toHaveLength(first.articles.filter((a) => a.status !== "duplicate").length);

    const touched = new Set<string>();
    const searchTouched = new Set<string>();
    for (const f of await listFiles(site)) {
      const changed = (await stat(path.join(site, f))).mtime.getTime() !== old.getTime();
      if (changed) (f.startsWith("pagefind/") ? searchTouched : touched).add(f);
    }
    // The new article's page and the lists and feeds it joins are rewritten...
    expect([...touched]).toEqual(expect.arrayContaining(["undated/arsenal-beat-chelsea-in-a-late-winner/index.html", "organizations/arsenal/index.html", "sections/sport/index.html", "feed.xml"]));
    // ...and pages it does not appear on are left alone (its date neighbours change: their
    // newer/older links now point at it).
    expect(touched.has("2016/01/01/same-headline/index.html")).toBe(false);
    expect(touched.has("tags/diplomacy/index.html")).toBe(false);
    expect(touched.has("people/vladimir-putin/index.html")).toBe(false);
    expect(second.site.written).toBeLessThan(second.site.pages / 2);
    // Search: only the new article's shard (it is undated) is indexed again; the other bundles stay as they were.
    expect(first.search.indexed).toEqual(["2015", "2016-01", "undated"]);
    // One shard to index: indexed beside the pages still rendering, once the article pages were written.
    expect(second.search).toMatchObject({ shards: 3, indexed: ["undated"], alongside: true });
    expect(first.search.alongside).toBeUndefined();
    expect(searchTouched.size).toBeGreaterThan(0);
    expect([...searchTouched].filter((f) => !f.startsWith("pagefind/undated/"))).toEqual([]);
    expect(second.site.written).toBe([...touched].filter((f) => !f.startsWith("assets/") && !OWN.includes(f)).length);

    // A seed of the latest year has its month indexed again, and nothing else; a seed of an
    // older year, that year.
    const bundles = async (): Promise<Map<string, Buffer>> => new Map(await Promise.all((await listFiles(path.join(site, "pagefind"))).map(async (f) => [f, await readFile(path.join(site, "pagefind", f))] as const)));
    for (const [stem, date, shard] of [["late-goal", "2016-01-09", "2016-01"], ["old-goal", "2015-06-01", "2015"]] as const) {
      const before = await bundles();
      await writeFile(path.join(seedsInc, "sport", `${stem}.txt`), `Chelsea hold Arsenal on ${date}\nChelsea drew 1-1 with Arsenal at Stamford Bridge.\n`);
      await appendFile(path.join(seedsInc, "manifest.csv"), `${stem},${date},sport,,,\n`);
      const added = await build("inc", seedsInc);
      expect(added.search, shard).toMatchObject({ shards: 3, indexed: [shard], alongside: true });
      const after = await bundles();
      const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => !(before.get(f)?.equals(after.get(f) ?? Buffer.alloc(0)) ?? false));
      expect(changed.length, shard).toBeGreaterThan(0);
      expect(changed.filter((f) => !f.startsWith(`${shard}/`)), shard).toEqual([]);
    }
  });

  it("renders only pages whose records changed, and leaves the site as a cold build would", async () => {
    const seedsEq = path.join(tmp, "seeds-eq");
    await cp(seeds, seedsEq, { recursive: true });
    const first = await build("eq", seedsEq);
    expect(first.site.rendered).toBe(first.site.pages);

    const unchanged = await build("eq", seedsEq);
    // Only the one-off pages (search, sitemap, archive, ...) are rendered every time.
    expect(unchanged.site.rendered).toBeLessThan(10);
    expect(unchanged.site.written).toBe(0);
    expect(unchanged.search.unchanged).toBe(true);

    // A seed saved again with other bytes but the same text (a byte-order mark, CRLF line
    // endings) rewrites its Markdown (which records the seed's hash), but no page or search
    // bundle: the site is made from the text alone.
    const resaved = path.join(seedsEq, "politics", "001.txt");
    await writeFile(resaved, `\uFEFF${(await readFile(resaved, "utf8")).replace(/\n/g, "\r\n")}`);
    const sameText = await build("eq", seedsEq);
    expect(sameText.articles.find((a) => a.file === "politics/001.txt")?.status).toBe("written");
    expect(sameText.site.rendered).toBe(unchanged.site.rendered);
    expect(sameText.site.written).toBe(0);
    expect(sameText.search.unchanged).toBe(true);

    // Each change is rebuilt in place, then compared with a cold build of the same seeds.
    const changes: [string, () => Promise<void>][] = [
      ["a new seed", () => writeFile(path.join(seedsEq, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 2-1 at the Emirates on Sunday.\n")],
      ["an edited headline", () => writeFile(path.join(seedsEq, "politics", "001.txt"), "Politics story, revised\n\nGordon Brown spoke in Westminster.\n")],
      ["a deleted seed", () => unlink(path.join(seedsEq, "same-headline-2.txt"))],
      ["an editorial override", () => appendFile(path.join(seedsEq, "entities.yaml"), "- name: Gordon Brown\n  description: Chancellor of the Exchequer\n")],
      // 2016's search bundle goes, and 2015, now the latest year, is indexed again by month;
      // the next change brings 2016 back, and 2015 is one bundle again.
      ["the last seeds of a year deleted", async () => { await unlink(path.join(seedsEq, "injection.txt")); await unlink(path.join(seedsEq, "same-headline-1.txt")); }],
      ["a new date in the manifest", () => appendFile(path.join(seedsEq, "manifest.csv"), "sport/001.txt,2016-03-04,sport,,,\n")],
    ];
    const alongside: string[] = [];
    const fromMemo: string[] = [];
    for (const [what, change] of changes) {
      await change();
      // The index is built before the other pages render, so it would see any page they change or prune.
      const incremental = await build("eq", seedsEq, { NEWS_ARCHIVE_TEST_SEARCH_FIRST: "1" });
      if (incremental.search.alongside) alongside.push(what);
      if (incremental.site.changed) fromMemo.push(what);
      expect(incremental.site.rendered, what).toBeLessThan(incremental.site.pages);
      await rm(path.join(tmp, "eq-cold"), { recursive: true, force: true });
      await build("eq-cold", seedsEq);
      await expectSameSite(path.join(tmp, "eq"), path.join(tmp, "eq-cold"), what);
    }
    // Those changing one shard's articles indexed it beside the pages still rendering, the
    // deletion among them (whose page went before Pagefind read the shard); a change of the
    // latest year indexed several shards after the render.
    expect(alongside).toEqual(["a new seed", "an edited headline", "a deleted seed", "an editorial override"]);
    // Every rebuild indexed only what changed, from the last build's memo (see `incremental-index.ts`),
    // but the one that took away the only article with its section and tags: the slugs of the
    // others are claimed anew then, and the whole archive is indexed.
    expect(fromMemo).toEqual(changes.map(([what]) => what).filter((what) => what !== "the last seeds of a year deleted"));
  }, 120_000);

  it("indexes the whole archive when the memo of the last build's index is not the one its state names, and builds the same site", async () => {
    const seedsMemo = path.join(tmp, "seeds-memo");
    await cp(seeds, seedsMemo, { recursive: true });
    await build("memo", seedsMemo);
    const memoFile = path.join(tmp, "memo", ".news-archive-index");
    const older = await readFile(memoFile);
    await writeFile(path.join(seedsMemo, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 2-1 at the Emirates on Sunday.\n");
    expect((await build("memo", seedsMemo)).site.changed).toEqual({ articles: 1, terms: expect.any(Number) as number });
    // The memo of the build before, as a build killed between writing its memo and its state would leave it, reversed.
    await writeFile(memoFile, older);
    await writeFile(path.join(seedsMemo, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 3-1 at the Emirates on Sunday.\n");
    const whole = await build("memo", seedsMemo);
    expect(whole.site.changed).toBeUndefined();
    expect(whole.site.rendered).toBeLessThan(whole.site.pages);
    await rm(memoFile);
    await writeFile(path.join(seedsMemo, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 4-1 at the Emirates on Sunday.\n");
    expect((await build("memo", seedsMemo)).site.changed).toBeUndefined();
    await build("memo-cold", seedsMemo);
    await expectSameSite(path.join(tmp, "memo"), path.join(tmp, "memo-cold"));
    // And the next rebuild has a memo again.
    await unlink(path.join(seedsMemo, "sport", "new-match.txt"));
    expect((await build("memo", seedsMemo)).site.changed?.articles).toBe(0);
  }, 60_000);

  it("splits a sitemap too long for one file into parts under an index, and prunes the parts a rebuild no longer wants", async () => {
    const seedsMap = path.join(tmp, "seeds-map");
    await cp(seeds, seedsMap, { recursive: true });
    // Ten URLs a part, where the protocol's limit is 50,000.
    const env = { NEWS_ARCHIVE_SITEMAP_URLS: "10" };
    const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    const parts = async (name: string): Promise<string[]> => (await listFiles(path.join(tmp, name))).filter((f) => /^sitemap-\d+\.xml$/.test(f)).sort();
    await build("map-whole", seedsMap);
    await build("map", seedsMap, env);
    const whole = locs(await readFile(path.join(tmp, "map-whole", "sitemap.xml"), "utf8"));
    expect(whole.length).toBeGreaterThan(30);
    const index = await readFile(path.join(tmp, "map", "sitemap.xml"), "utf8");
    expect(index).toContain("<sitemapindex ");
    const named = await parts("map");
    expect(named).toHaveLength(Math.ceil(whole.length / 10));
    expect(locs(index)).toEqual(named.map((_, i) => `http://localhost:8080/sitemap-${i + 1}.xml`));
    // The parts list, in order, what the one file lists, ten at a time.
    const listed: string[] = [];
    for (let i = 1; i <= named.length; i++) {
      const part = locs(await readFile(path.join(tmp, "map", `sitemap-${i}.xml`), "utf8"));
      expect(part.length).toBeLessThanOrEqual(10);
      listed.push(...part);
    }
    expect(listed).toEqual(whole);
    // Fewer pages, fewer parts: the rebuild removes the last ones, as a cold build would not make them.
    for (const file of ["injection.txt", "same-headline-1.txt", "same-headline-2.txt", "cp1252.txt"]) await unlink(path.join(seedsMap, file));
    const rebuilt = await build("map", seedsMap, env);
    expect(rebuilt.site.rendered).toBeLessThan(rebuilt.site.pages);
    expect((await parts("map")).length).toBeLessThan(named.length);
    await build("map-cold", seedsMap, env);
    await expectSameSite(path.join(tmp, "map"), path.join(tmp, "map-cold"), "fewer sitemap parts");
  }, 120_000);

  it("renders a rebuild's pages through Eleventy as it renders them without it, rewriting only those that changed", async () => {
    // A rebuild of a few pages renders them without Eleventy (`direct-render.ts`); one of more
    // pages than `NEWS_ARCHIVE_DIRECT_PAGES` runs Eleventy, whose writes must skip unchanged bytes too.
    const seedsBoth = path.join(tmp, "seeds-both");
    await cp(seeds, seedsBoth, { recursive: true });
    await build("both-direct", seedsBoth);
    await build("both-eleventy", seedsBoth);
    const old = new Date("2001-01-01T00:00:00Z");
    for (const name of ["both-direct", "both-eleventy"]) for (const f of await listFiles(path.join(tmp, name))) await utimes(path.join(tmp, name, f), old, old);
    await writeFile(path.join(seedsBoth, "sport", "new-match.txt"), "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 2-1 at the Emirates on Sunday.\n");
    const direct = await build("both-direct", seedsBoth, { NEWS_ARCHIVE_DEBUG: "" });
    const eleventy = await build("both-eleventy", seedsBoth, { NEWS_ARCHIVE_DIRECT_PAGES: "0" });
    expect(eleventy.site).toMatchObject({ rendered: direct.site.rendered, written: direct.site.written, pages: direct.site.pages });
    expect(direct.site.rendered).toBeLessThan(direct.site.pages);
    const touched = async (name: string): Promise<string[]> => {
      const files: string[] = [];
      for (const f of await listFiles(path.join(tmp, name))) if (!f.startsWith("pagefind/") && (await stat(path.join(tmp, name, f))).mtime.getTime() !== old.getTime()) files.push(f);
      return files.sort();
    };
    const rewritten = await touched("both-direct");
    expect(rewritten).toContain("feed.xml");
    expect(rewritten.filter((f) => !OWN.includes(f))).toHaveLength(direct.site.written);
    // Eleventy copies the stylesheet and script on every run; the pages are the same.
    expect((await touched("both-eleventy")).filter((f) => !f.startsWith("assets/"))).toEqual(rewritten);
    await expectSameSite(path.join(tmp, "both-direct"), path.join(tmp, "both-eleventy"));
  });

  it("renders every page again when a page's file has gone missing or the state is unreadable", async () => {
    const site = path.join(tmp, "inc");
    await rm(path.join(site, "people", "vladimir-putin", "index.html"));
    const missing = await build("inc", path.join(tmp, "seeds-inc"));
    expect(missing.site.written).toBe(1);
    expect(await readFile(path.join(site, "people", "vladimir-putin", "index.html"), "utf8")).toContain("Vladimir Putin");

    await writeFile(path.join(site, ".news-archive-build"), "not json");
    const damaged = await build("inc", path.join(tmp, "seeds-inc"));
    expect(damaged.site.rendered).toBe(damaged.site.pages);
    expect(damaged.site.written).toBe(0);
  });

  it("builds a missing search bundle again, and replaces the single index of earlier versions", async () => {
    const site = path.join(tmp, "inc");
    await rm(path.join(site, "pagefind", "2015"), { recursive: true });
    const missing = await build("inc", path.join(tmp, "seeds-inc"));
    expect(missing.search.indexed).toEqual(["2015"]);
    expect(await readFile(path.join(site, "pagefind", "2015", "pagefind-entry.json"), "utf8")).toContain("page_count");

    // Earlier versions kept one digest for a single bundle in pagefind/ itself.
    const state = JSON.parse(await readFile(path.join(site, ".news-archive-build"), "utf8")) as Record<string, unknown>;
    await writeFile(path.join(site, ".news-archive-build"), JSON.stringify({ ...state, search: "0123abc" }));
    await writeFile(path.join(site, "pagefind", "pagefind-entry.json"), "{}");
    await mkdir(path.join(site, "pagefind", "fragment"));
    const upgraded = await build("inc", path.join(tmp, "seeds-inc"));
    expect(upgraded.search.indexed).toEqual(["2015", "2016-01", "undated"]);
    expect((await listFiles(path.join(site, "pagefind"))).filter((f) => !/^(2015|2016-01|undated)\//.test(f))).toEqual([]);
  });

  it("removes the temporary files a build killed while rendering left beside its pages", async () => {
    const seedsTmp = path.join(tmp, "seeds-tmp");
    await cp(seeds, seedsTmp, { recursive: true });
    await build("tmp", seedsTmp);
    const site = path.join(tmp, "tmp");
    // A build killed while rendering: its state marks the pages it was changing as pending, and
    // a page's write had not reached its rename.
    const stateFile = path.join(site, ".news-archive-build");
    const state = JSON.parse(await readFile(stateFile, "utf8")) as { pages: Record<string, string> };
    state.pages["/2015/"] = "pending";
    await writeFile(stateFile, JSON.stringify(state));
    const left = path.join(site, "2015", ".index.html.99999-0.tmp");
    await writeFile(left, "<!doctype html><p>half a pa");
    const again = await build("tmp", seedsTmp);
    expect(again.site.rendered).toBeLessThan(again.site.pages);
    expect(await listFiles(site)).not.toContain("2015/.index.html.99999-0.tmp");
    await expectSameSite(site, path.join(tmp, "one"));
  });

  it("renders again, or prunes, the pages a rebuild killed half way had changed, even once their records are back to what the state holds", async () => {
    const seedsKill = path.join(tmp, "seeds-kill");
    await cp(seeds, seedsKill, { recursive: true });
    const site = path.join(tmp, "kill");
    await build("kill", seedsKill);
    await build("kill-cold", seedsKill);
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    const newSeed = path.join(seedsKill, "sport", "late-winner.txt");
    // Killed once the new article's page is written (rendered first, for search), then once the
    // site feed is: each time, what the build had written is on disk, the state's digests are the
    // last build's, and the seed is taken back out.
    for (const [page, holds] of [[path.join("undated", "arsenal-beat-chelsea-in-a-late-winner", "index.html"), undefined], ["feed.xml", "late winner"]] as const) {
      await writeFile(newSeed, "Arsenal beat Chelsea in a late winner\nArsenal beat Chelsea 2-1 at the Emirates on Sunday.\n");
      const killed = await runCli(["build", "--seeds", seedsKill, "--output", site, "--articles", path.join(tmp, "kill-md"), "--render-threads", "1"], undefined, {
        NODE_OPTIONS: `--require ${killer}`,
        NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}${page}`,
      });
      expect(killed.code, `${page}: killed`).toBe(KILLED);
      if (holds) expect(await readFile(path.join(site, page), "utf8"), page).toContain(holds);
      else expect(await listFiles(site), page).toContain(page.split(path.sep).join("/"));
      await unlink(newSeed);
      await build("kill", seedsKill);
      await expectSameSite(site, path.join(tmp, "kill-cold"), page);
    }
  });

  it("indexes a year without the pages of its articles gone, even pages a killed build left pending", async () => {
    const seedsPending = path.join(tmp, "seeds-pending");
    await cp(seeds, seedsPending, { recursive: true });
    await build("pending", seedsPending);
    // A build killed while rendering every article page: its state marks them all pending.
    const stateFile = path.join(tmp, "pending", ".news-archive-build");
    const state = JSON.parse(await readFile(stateFile, "utf8")) as { pages: Record<string, string> };
    for (const url of Object.keys(state.pages)) if (state.pages[url]?.startsWith("articles:")) state.pages[url] = "pending";
    await writeFile(stateFile, JSON.stringify(state));
    await unlink(path.join(seedsPending, "same-headline-2.txt"));
    const again = await build("pending", seedsPending, { NEWS_ARCHIVE_TEST_SEARCH_FIRST: "1" });
    expect(again.search.alongside).toBe(true);
    await build("pending-cold", seedsPending);
    await expectSameSite(path.join(tmp, "pending"), path.join(tmp, "pending-cold"));
  });

  it("cleans up after a first build killed while rendering: nothing of it is trusted, nothing it left stays", async () => {
    const out = path.join(tmp, "first-killed");
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    const killed = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, "first-killed-md"), "--render-threads", "1"], undefined, {
      NODE_OPTIONS: `--require ${killer}`,
      NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}feed.xml`,
    });
    expect(killed.code).toBe(KILLED);
    // The folder was marked as this tool's before the first page was written, naming every page the build was to write.
    const marker = JSON.parse(await readFile(path.join(out, ".news-archive-build"), "utf8")) as { code: string; pages: Record<string, string> };
    expect(marker.code).toBe("incomplete");
    expect(marker.pages["/feed.xml"]).toBe("pending");
    expect(Object.values(marker.pages).every((d) => d === "pending")).toBe(true);
    expect(await listFiles(out)).toContain("feed.xml");
    // What another page's interrupted write would have left.
    await mkdir(path.join(out, "2015"), { recursive: true });
    await writeFile(path.join(out, "2015", ".index.html.99999-0.tmp"), "<p>half");
    await build("first-killed", seeds);
    await expectSameSite(out, path.join(tmp, "one"));
  });

  it("recovers from a build killed just after it replaced a search bundle", async () => {
    const crashSeeds = path.join(tmp, "seeds-crash");
    await cp(seeds, crashSeeds, { recursive: true });
    await build("crash", crashSeeds);
    const seed = path.join(crashSeeds, "injection.txt");
    const original = await readFile(seed, "utf8");
    await appendFile(seed, "A zebraword appears here.\n");
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    const killed = await runCli(["build", "--seeds", crashSeeds, "--output", path.join(tmp, "crash"), "--articles", path.join(tmp, "crash-md")], undefined, {
      NODE_OPTIONS: `--require ${killer}`,
      NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}pagefind${path.sep}2016-01`,
    });
    expect(killed.code).toBe(KILLED);
    // The seed goes back to what the recorded bundle was built from; the bundle on disk is newer.
    await writeFile(seed, original);
    // Whatever the kill interrupted (the state being written, say) left its temporary file: one stands for it here.
    await writeFile(path.join(tmp, "crash", "..news-archive-build.99999-0.tmp"), "{");
    const recovered = await build("crash", crashSeeds);
    expect(recovered.search.indexed).toEqual(["2016-01"]);
    await build("crash-cold", crashSeeds);
    await expectSameSite(path.join(tmp, "crash"), path.join(tmp, "crash-cold"));
  });

  it("indexes again a search bundle a killed rebuild replaced, even after a second rebuild killed before it wrote its state", async () => {
    const seedsTwice = path.join(tmp, "seeds-twice");
    await cp(seeds, seedsTwice, { recursive: true });
    const site = path.join(tmp, "twice");
    await build("twice", seedsTwice);
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    const killedAfter = async (file: string): Promise<void> => {
      const killed = await runCli(["build", "--seeds", seedsTwice, "--output", site, "--articles", path.join(tmp, "twice-md")], undefined, {
        NODE_OPTIONS: `--require ${killer}`,
        NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}${file}`,
      });
      expect(killed.code, `killed after ${file}`).toBe(KILLED);
    };
    // A seed in the latest year's January: its bundle is rebuilt beside the render, and the
    // build killed once the new bundle is in place.
    const manifest = path.join(seedsTwice, "manifest.csv");
    const original = await readFile(manifest, "utf8");
    await writeFile(path.join(seedsTwice, "zebra.txt"), "Zebras cross Westminster Bridge\nA zebraword herd crossed the bridge on Tuesday.\n");
    await writeFile(manifest, `${original}zebra,2016-01-05,,,,\n`);
    await killedAfter(path.join("pagefind", "2016-01"));
    // The seed taken out again (January's text is back to what the state's digest says) and a
    // 2015 seed edited: two bundles to index, after the render; killed once the feed is written.
    await unlink(path.join(seedsTwice, "zebra.txt"));
    await writeFile(manifest, original);
    const seed = path.join(seedsTwice, REAL_SEED);
    await appendFile(seed, "A later paragraph, added by hand.\n");
    await killedAfter("feed.xml");
    await build("twice", seedsTwice);
    await build("twice-cold", seedsTwice);
    await expectSameSite(site, path.join(tmp, "twice-cold"));
  });

  it("trusts nothing of a build with other settings killed half way, and renders what it wrote again", async () => {
    const site = path.join(tmp, "resettled");
    const args = (url: string): string[] => ["build", "--seeds", seeds, "--output", site, "--articles", path.join(tmp, "resettled-md"), "--site-url", url];
    expect((await runCli(args("https://a.example/"))).code).toBe(2);
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    // Another site URL: every page is rendered again; killed once the site feed is written.
    const killed = await runCli(args("https://b.example/"), undefined, { NODE_OPTIONS: `--require ${killer}`, NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}feed.xml` });
    expect(killed.code).toBe(KILLED);
    expect(await readFile(path.join(site, "feed.xml"), "utf8")).toContain("https://b.example/");
    // Back to the first URL: the state of the build before the killed one must not vouch for the feed.
    expect((await runCli(args("https://a.example/"))).code).toBe(2);
    const cold = path.join(tmp, "resettled-cold");
    expect((await runCli(["build", "--seeds", seeds, "--output", cold, "--articles", path.join(tmp, "resettled-cold-md"), "--site-url", "https://a.example/"])).code).toBe(2);
    await expectSameSite(site, cold);
  });

  it("removes only what its builds recorded writing: the owner's files in the output folder stay, whatever the settings and even with a damaged state", async () => {
    const site = path.join(tmp, "owned");
    const args = (url: string, seedDir = seeds): string[] => ["build", "--seeds", seedDir, "--output", site, "--articles", path.join(tmp, "owned-md"), "--site-url", url];
    expect((await runCli(args("https://a.example/"))).code).toBe(2);
    const own = ["NOTES.txt", "downloads/report.pdf", "people/private.html", "2015/photo.jpg", "pagefind/mine.js", "pagefind/old/keep.txt"];
    for (const file of own) {
      await mkdir(path.dirname(path.join(site, file)), { recursive: true });
      await writeFile(path.join(site, file), "mine");
    }
    await mkdir(path.join(site, "empty-folder"));
    // Another site URL (another code does the same): nothing of the last build is trusted. With
    // a seed fewer, its pages are stale: they go, and nothing else.
    const fewer = path.join(tmp, "owned-seeds");
    await cp(seeds, fewer, { recursive: true });
    await rm(path.join(fewer, "politics", "001.txt"));
    const rebuilt = await build("owned", fewer, {}, ["--site-url", "https://b.example/"]);
    expect(rebuilt.site.removed).toBeGreaterThan(0);
    const cold = await build("owned-cold", fewer, {}, ["--site-url", "https://b.example/"]);
    expect(cold.site.removed).toBe(0);
    const mine = (f: string): boolean => own.includes(f);
    expect((await listFiles(site)).filter((f) => !mine(f)).sort()).toEqual((await listFiles(path.join(tmp, "owned-cold"))).sort());
    for (const file of own) expect(await readFile(path.join(site, file), "utf8"), file).toBe("mine");
    expect((await stat(path.join(site, "empty-folder"))).isDirectory()).toBe(true);
    // A state that cannot be read vouches for nothing, and names nothing to remove.
    await writeFile(path.join(site, ".news-archive-build"), "not json");
    expect((await runCli(args("https://a.example/", fewer))).code).toBe(2);
    for (const file of own) expect(await readFile(path.join(site, file), "utf8"), file).toBe("mine");
  });

  it("prunes the pages a --serve session wrote without recording them, and nothing of the owner's", async () => {
    const site = path.join(tmp, "served");
    await build("served", seeds);
    // As `--serve` leaves the folder: its state distrusts every page and names those it knew;
    // its server may have written others (an article added, then its seed removed).
    const state = JSON.parse(await readFile(path.join(site, ".news-archive-build"), "utf8")) as { pages: Record<string, string> };
    const pages = Object.fromEntries(Object.keys(state.pages).map((url) => [url, "pending"]));
    await writeFile(path.join(site, ".news-archive-build"), JSON.stringify({ format: 1, code: "served", pages }));
    await mkdir(path.join(site, "2015", "01", "01", "served-only"), { recursive: true });
    await writeFile(path.join(site, "2015", "01", "01", "served-only", "index.html"), "<p>served");
    // The owner's, pages by name but not where the site's pages are.
    const own = ["mydocs/a.html", "mydocs/index.html", "docs/feed.xml", "blog/2020/index.html", "NOTES.txt"];
    for (const file of own) {
      await mkdir(path.dirname(path.join(site, file)), { recursive: true });
      await writeFile(path.join(site, file), "mine");
    }
    await build("served", seeds);
    await expect(stat(path.join(site, "2015", "01", "01", "served-only"))).rejects.toThrow();
    for (const file of own) expect(await readFile(path.join(site, file), "utf8"), file).toBe("mine");
    const theirs = (f: string): boolean => own.includes(f);
    await build("served-cold", seeds);
    expect((await listFiles(site)).filter((f) => !theirs(f)).sort()).toEqual((await listFiles(path.join(tmp, "served-cold"))).sort());
  });

  it("cleans up after a first build killed in a folder that held other files", async () => {
    const out = path.join(tmp, "killed-in-owned");
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, "CNAME"), "news.example.org");
    const killer = path.join(ROOT, "tests", "helpers", "kill-after-rename.cjs");
    // Killed once the page of the seed taken out below is written.
    const killed = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, "killed-in-owned-md"), "--render-threads", "1"], undefined, {
      NODE_OPTIONS: `--require ${killer}`,
      NEWS_ARCHIVE_TEST_KILL_AFTER: `${path.sep}politics-story${path.sep}index.html`,
    });
    expect(killed.code).toBe(KILLED);
    expect((await listFiles(out)).some((f) => f.endsWith("/politics-story/index.html"))).toBe(true);
    // With a seed fewer, the killed build's page of it is stale: the rebuild knows to remove it.
    const fewer = path.join(tmp, "killed-in-owned-seeds");
    await cp(seeds, fewer, { recursive: true });
    await rm(path.join(fewer, "politics", "001.txt"));
    await build("killed-in-owned", fewer);
    await build("killed-in-owned-cold", fewer);
    expect(await readFile(path.join(out, "CNAME"), "utf8")).toBe("news.example.org");
    expect((await listFiles(out)).filter((f) => f !== "CNAME").sort()).toEqual((await listFiles(path.join(tmp, "killed-in-owned-cold"))).sort());
  });

  it("fails, naming the path, when a search bundle cannot be written", async () => {
    const out = path.join(tmp, "blocked-search");
    await mkdir(out, { recursive: true });
    // A file where the bundles' folder should be: every year's bundle fails to be written.
    await writeFile(path.join(out, "pagefind"), "not a folder");
    const result = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, "blocked-search-md")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a directory.*blocked-search\/pagefind\/(\d{4}(-\d\d)?|undated)\.new/);
  });

  it.each([["one thread", ["--render-threads", "1"]], ["two threads", ["--render-threads", "2"]]])("fails, naming the page, when a page cannot be written (%s)", async (name, args) => {
    const out = path.join(tmp, `blocked-${name.replace(" ", "-")}`);
    await mkdir(path.join(out, "404.html"), { recursive: true });
    // Small batches, so that with two threads both take some, and both meet the page.
    const result = await runCli(["build", "--seeds", seeds, "--output", out, "--articles", path.join(tmp, `blocked-md-${name.replace(" ", "-")}`), ...args], undefined, { NEWS_ARCHIVE_BATCH_PAGES: "7" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/404\.html/);
  });
});
