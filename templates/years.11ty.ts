// Year pages: /2015/, listing its months.
import type { YearEntry } from "../src/site/archive.ts";
import { renderYear } from "../src/site/pages.ts";
import { paged } from "./paged.ts";

export const { data, render } = paged("build.todo.years", "year", (year: YearEntry, build) => renderYear(year, build.site));
