import { describe, expect, it } from "vitest";
import { emptyPaged, type PagedItems } from "../../src/site/page-table.ts";
import { planRender, startsHelperEarly } from "../../src/site/render-plan.ts";

/** `n` article pages to render. */
function todo(n: number): PagedItems {
  const items = emptyPaged();
  items.articles = Array.from({ length: n }, (_, i) => ({ url: `/a/${i}/` })) as never;
  return items;
}

const sizes = (plan: { runs: PagedItems[] }): number[] => plan.runs.map((r) => r.articles.length);

describe("planRender", () => {
  it("gives one thread runs of 4,000 pages", () => {
    expect(sizes(planRender(todo(9000), 9000, 1, false))).toEqual([4000, 4000, 1000]);
    expect(planRender(todo(9000), 9000, 1, false).shared).toBe(false);
  });

  it("shares a first build's runs of 2,000 between two threads, when there are two runs or more", () => {
    const plan = planRender(todo(5000), 5000, 2, false);
    expect(sizes(plan)).toEqual([2000, 2000, 1000]);
    expect(plan.shared).toBe(true);
    expect(planRender(todo(1500), 1500, 2, false).shared).toBe(false);
  });

  it("renders a rebuild's few pages on one thread, and shares more than 8,000", () => {
    expect(planRender(todo(140), 140, 2, true)).toMatchObject({ shared: false });
    expect(sizes(planRender(todo(7000), 7000, 2, true))).toEqual([4000, 3000]);
    expect(planRender(todo(7000), 7000, 2, true)).toMatchObject({ direct: false });
    expect(planRender(todo(8000), 8000, 2, true)).toMatchObject({ shared: false });
    expect(planRender(todo(8001), 8001, 2, true)).toMatchObject({ shared: true });
  });
});

describe("planRender, without Eleventy", () => {
  it("renders a rebuild of one batch's pages or fewer without Eleventy, in one run, and never a first build", () => {
    expect(planRender(todo(140), 140, 2, true)).toMatchObject({ direct: true, shared: false });
    expect(sizes(planRender(todo(4000), 4000, 1, true))).toEqual([4000]);
    expect(planRender(todo(4000), 4000, 1, true).direct).toBe(true);
    expect(planRender(todo(4001), 4001, 1, true).direct).toBe(false);
    expect(planRender(todo(140), 140, 1, false).direct).toBe(false);
  });

  it("takes the threshold from the environment, 0 for never", () => {
    const given = process.env.NEWS_ARCHIVE_DIRECT_PAGES;
    try {
      process.env.NEWS_ARCHIVE_DIRECT_PAGES = "0";
      expect(planRender(todo(1), 1, 1, true).direct).toBe(false);
      process.env.NEWS_ARCHIVE_DIRECT_PAGES = "10";
      expect(planRender(todo(10), 10, 1, true).direct).toBe(true);
      expect(planRender(todo(11), 11, 1, true).direct).toBe(false);
    } finally {
      if (given === undefined) delete process.env.NEWS_ARCHIVE_DIRECT_PAGES;
      else process.env.NEWS_ARCHIVE_DIRECT_PAGES = given;
    }
  });
});

describe("startsHelperEarly", () => {
  it("starts the second thread before the index only on a first build of 1,000 articles or more with two threads", () => {
    expect(startsHelperEarly(2, false, 1000)).toBe(true);
    expect(startsHelperEarly(2, false, 999)).toBe(false);
    expect(startsHelperEarly(2, true, 10000)).toBe(false);
    expect(startsHelperEarly(1, false, 10000)).toBe(false);
  });
});
