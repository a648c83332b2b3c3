import { describe, expect, it } from "vitest";
import { allMonths } from "../../src/site/timeline.ts";

describe("allMonths", () => {
  it("fills the months between those with articles, across a year boundary, keeping their links", () => {
    const withArticles = [
      { month: "2014-11", count: 1, url: "/x/page/1/#m-2014-11" },
      { month: "2015-02", count: 2, url: "/x/#m-2015-02" },
    ];
    expect(allMonths(withArticles)).toEqual([
      { month: "2014-11", count: 1, url: "/x/page/1/#m-2014-11" },
      { month: "2014-12", count: 0 },
      { month: "2015-01", count: 0 },
      { month: "2015-02", count: 2, url: "/x/#m-2015-02" },
    ]);
    expect(allMonths([])).toEqual([]);
    expect(allMonths([{ month: "2015-12", count: 3 }])).toEqual([{ month: "2015-12", count: 3 }]);
  });
});
