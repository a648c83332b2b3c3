// Year pages: /2015/, listing its months.
import type { YearEntry } from "../src/site/archive.ts";
import { renderYear } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  year: YearEntry;
}

export const data = {
  pagination: { data: "build.todo.years", size: 1, alias: "year" },
  permalink: (d: Data) => d.year.url,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderYear(d.year, d.build.site);
