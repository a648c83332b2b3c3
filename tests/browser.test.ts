/**
 * The site as a reader meets it, in a real headless Chromium (Debian's, driven by
 * playwright-core): journeys through articles, entity pages and feeds, search with filters,
 * timeline links, no horizontal overflow on a phone, and axe-core accessibility checks.
 * Screenshots of the main page kinds land in tests/output/screenshots/ for a person to look at.
 *
 * Without /usr/bin/chromium the tests skip and say so; in CI (CI=true) they fail instead,
 * because .ci/run installs Chromium.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_TITLE, writeFixtureSeeds } from "./fixtures/seeds.ts";
import { ROOT, runCli } from "./helpers/cli.ts";
import { parseXml } from "./helpers/site.ts";
import { serve, type Served } from "./helpers/serve.ts";

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) console.warn(`skipping browser tests: ${CHROMIUM} is absent (apt-get install chromium)`);
const SHOTS = path.join(ROOT, "tests", "output", "screenshots");
const SEED_URL = "2015/11/13/putin-to-visit-iran-to-tighten-syria-ties/";

describe("browser prerequisites", () => {
  it.runIf(process.env.CI === "true")("has Chromium in CI", () => {
    expect(existsSync(CHROMIUM), "CI must install Debian's chromium (see .ci/run)").toBe(true);
  });
});

/**
 * 44 more articles about Putin across 2013–2015, so his page has a numbered page and a
 * timeline: 45 in all, the newest 25 on his first page, the oldest 20 on page 1.
 */
async function writeTimelineSeeds(dir: string): Promise<void> {
  const rows: string[] = [];
  for (let i = 1; i <= 44; i++) {
    const month = String(((i - 1) % 12) + 1).padStart(2, "0");
    const year = i <= 12 ? 2014 : i <= 24 ? 2015 : 2013;
    const id = `putin-${String(i).padStart(2, "0")}`;
    await writeFile(
      path.join(dir, `${id}.txt`),
      `Putin meets regional leaders, meeting ${i}\nRussian President Vladimir Putin met regional leaders in Moscow for meeting ${i}, the Kremlin said.\nPutin discussed the budget with Prime Minister Dmitry Medvedev.\n`,
    );
    if (!(year === 2015 && Number(month) >= 11)) rows.push(`${id},${year}-${month}-0${(i % 9) + 1},politics,`);
  }
  const { appendFile } = await import("node:fs/promises");
  await appendFile(path.join(dir, "manifest.csv"), `${rows.join("\n")}\n`);
}

describe.skipIf(!available)("in a real browser", () => {
  let tmp: string;
  let browser: Browser;
  let root: Served;
  let prefixed: Served;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "news-archive-browser-"));
    const seeds = path.join(tmp, "seeds");
    await writeFixtureSeeds(seeds);
    await writeTimelineSeeds(seeds);
    for (const [out, extra] of [
      ["site", []],
      ["site-prefixed", ["--path-prefix", "/archive/"]],
    ] as const) {
      const result = await runCli(["build", "--seeds", seeds, "--output", path.join(tmp, out), "--articles", path.join(tmp, `${out}-md`), ...extra]);
      expect(result.stderr).not.toMatch(/news-archive:/);
    }
    root = await serve(path.join(tmp, "site"));
    prefixed = await serve(path.join(tmp, "site-prefixed"), "/archive/");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    await mkdir(SHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await root?.close();
    await prefixed?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function open(url: string, width = 1280): Promise<Page> {
    // A page of its own context: AxeBuilder refuses pages made by browser.newPage().
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.on("close", () => void context.close());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
  }

  it.each([
    ["at the root", () => root.origin, "/"],
    ["under /archive/", () => prefixed.origin, "/archive/"],
  ])("journey %s: home → article → entity → its older page → its feed", async (_where, origin, prefix) => {
    const page = await open(`${origin()}${prefix}`);
    await page.getByRole("link", { name: "Putin to visit Iran to tighten Syria ties" }).first().click();
    await expect.poll(() => page.url()).toBe(`${origin()}${prefix}${SEED_URL}`);
    expect(await page.locator("h1").textContent()).toBe("Putin to visit Iran to tighten Syria ties");

    await page.locator(".entities").getByRole("link", { name: "Vladimir Putin", exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${origin()}${prefix}people/vladimir-putin/`);
    expect(await page.locator("h1").textContent()).toBe("Vladimir Putin");
    expect(await page.locator(".cards li").count()).toBe(25);

    // Pages are numbered from the oldest: the next older page is page 1, the last.
    await page.getByRole("link", { name: "Older →" }).click();
    await expect.poll(() => page.url()).toBe(`${origin()}${prefix}people/vladimir-putin/page/1/`);
    expect(await page.locator("h1").textContent()).toBe("Vladimir Putin");
    expect(await page.locator(".cards li").count()).toBe(20);
    // Its oldest 20: two undated, the rest from January to October 2013.
    expect(await page.locator(".page-span").textContent()).toMatch(/^Page 1 \(pages are numbered from the oldest\): 2 January 2013 to \d+ October 2013, and 2 articles whose date is not known\.$/);
    expect(await page.getByRole("link", { name: "Older →" }).count()).toBe(0);
    await page.getByRole("link", { name: "← Newer" }).click();
    await expect.poll(() => page.url()).toBe(`${origin()}${prefix}people/vladimir-putin/`);
    await page.getByRole("link", { name: "1", exact: true }).click();
    await expect.poll(() => page.url()).toBe(`${origin()}${prefix}people/vladimir-putin/page/1/`);

    const feedHref = await page.getByRole("link", { name: "RSS" }).first().getAttribute("href");
    expect(feedHref).toBe(`${prefix}people/vladimir-putin/feed.xml`);
    const response = await page.request.get(`${origin()}${feedHref}`);
    expect(response.status()).toBe(200);
    const rss = parseXml(await response.text()) as { rss: { channel: { item: unknown[] } } };
    expect(rss.rss.channel.item).toHaveLength(20);
    await page.close();
  });

  it("finds the seed when searching for Ushakov", async () => {
    const page = await open(`${root.origin}/search/`);
    await page.locator(".pagefind-ui__search-input").fill("Ushakov");
    const results = page.locator(".pagefind-ui__result-link");
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBe(1);
    expect(await results.first().textContent()).toBe("Putin to visit Iran to tighten Syria ties");
    expect(await results.first().getAttribute("href")).toBe(`/${SEED_URL}`);
    expect(await page.locator(".pagefind-ui__result-excerpt mark").first().textContent()).toMatch(/Ushakov/);
    // The excerpt is the article's text, not its section, headline and date line.
    expect(await page.locator(".pagefind-ui__result-excerpt").first().textContent()).not.toMatch(/^world\b|13 November 2015/);
    // A section named with markup shows as text in the filters, not as live markup.
    const labels = page.locator(".pagefind-ui__filter-label");
    await expect.poll(() => labels.allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringContaining("<b>odd</b> section"));
    expect(await page.locator(".pagefind-ui__filter-panel b, .pagefind-ui__filter-panel i").count()).toBe(0);
    await page.close();
  });

  it("shows a hostile headline and body as text in search results", async () => {
    const page = await open(`${root.origin}/search/?q=Merkel`);
    const results = page.locator(".pagefind-ui__result-link");
    await expect.poll(() => results.allTextContents(), { timeout: 10_000 }).toContain(HOSTILE_TITLE);
    expect(await page.locator(".pagefind-ui__results :is(script, img, b, i)").count()).toBe(0);
    expect(await page.locator(".pagefind-ui__results").textContent()).toContain("<img src=x onerror=alert(1)>");
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it("narrows results with a filter, and searches under a path prefix", async () => {
    const page = await open(`${prefixed.origin}/archive/search/?q=Putin`);
    const results = page.locator(".pagefind-ui__result-link");
    await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const before = Number((await page.locator(".pagefind-ui__message").textContent())?.match(/\d+/)?.[0]);
    // The results come from several years, so from several of the search bundles the page merges.
    const years = new Set((await results.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).map((h) => h?.split("/")[2]));
    expect(years.size).toBeGreaterThan(1);
    // The year filter starts open (search.js lists it in openFilters).
    // Pagefind re-renders the filter list as counts arrive; click the label once it has settled.
    const year2014 = page.locator(".pagefind-ui__filter-label", { hasText: /^2014 \(\d+\)/ });
    await expect.poll(() => year2014.textContent(), { timeout: 10_000 }).toMatch(/^2014 \([1-9]/);
    const count2014 = Number((await year2014.textContent())?.match(/\((\d+)\)/)?.[1]);
    await year2014.click();
    await expect.poll(async () => Number((await page.locator(".pagefind-ui__message").textContent())?.match(/\d+/)?.[0]), { timeout: 10_000 }).toBeLessThan(before);
    await expect.poll(async () => Number((await page.locator(".pagefind-ui__message").textContent())?.match(/\d+/)?.[0]), { timeout: 10_000 }).toBe(count2014);
    for (const href of await results.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) expect(href).toMatch(/^\/archive\/2014\//);
    await page.close();
  });

  it("links each timeline month to that month's articles on the entity's pages", async () => {
    const page = await open(`${root.origin}/people/vladimir-putin/`);
    expect(await page.locator(".timeline-chart rect").count()).toBeGreaterThan(12);
    await page.getByText("Articles per month").click();
    const link = page.locator(".timeline table a", { hasText: "January 2013" });
    await link.click();
    await expect.poll(() => page.url()).toBe(`${root.origin}/people/vladimir-putin/page/1/#m-2013-01`);
    expect(await page.locator("#m-2013-01").textContent()).toBe("January 2013");
    await page.close();
  });

  const KINDS: [string, string][] = [
    ["home", "/"],
    ["article", `/${SEED_URL}`],
    ["entity", "/people/vladimir-putin/"],
    ["entity-index", "/people/"],
    ["tag", "/tags/diplomacy/"],
    ["section", "/sections/world/"],
    ["archive", "/archive/"],
    ["month", "/2015/11/"],
    ["search", "/search/?q=Putin"],
    ["most-mentioned", "/most-mentioned/"],
    ["not-found", "/no/such/page/"],
  ];

  it.each(KINDS)("%s page: no horizontal overflow at 360px, no script errors, screenshots", async (name, url) => {
    for (const [label, width] of [
      ["phone", 360],
      ["desktop", 1280],
    ] as const) {
      const page = await open(`${root.origin}${url}`, width);
      if (name === "search") await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 10_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
      expect((page as Page & { errors?: string[] }).errors).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true });
      await page.close();
    }
  });

  it.each(KINDS.filter(([name]) => ["home", "article", "entity", "tag", "section", "archive", "search", "not-found"].includes(name)))(
    "%s page: axe-core finds no serious or critical violations",
    async (name, url) => {
      const page = await open(`${root.origin}${url}`);
      if (name === "search") await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 10_000 });
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
      expect(serious).toEqual([]);
      await page.close();
    },
  );

  it("reads without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${root.origin}/people/vladimir-putin/`);
    await page.getByRole("link", { name: "Putin to visit Iran to tighten Syria ties" }).click();
    expect(await page.locator(".body p").count()).toBeGreaterThan(5);
    await page.goto(`${root.origin}/search/`);
    expect(await page.locator("noscript").count()).toBe(1);
    await context.close();
  });
});
