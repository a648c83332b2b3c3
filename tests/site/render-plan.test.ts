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
    expect(planRender(todo(8000), 8000, 2, true)).toMatchObject({ shared: false });
    expect(planRender(todo(8001), 8001, 2, true)).toMatchObject({ shared: true });
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
