// Paginated article lists: home, each person/organization/place/tag/section, months, undated.
import type { ListPage } from "../src/site/archive.ts";
import { renderListPage } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  list: ListPage;
}

export const data = {
  pagination: { data: "build.todo.lists", size: 1, alias: "list" },
  permalink: (d: Data) => d.list.url,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderListPage(d.list, d.build.site);
