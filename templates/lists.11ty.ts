// Paginated article lists: home, each person/organization/place/tag/section, months, undated.
import type { ListView } from "../src/site/list-view.ts";
import { renderListPage } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  list: ListView;
}

export const data = {
  pagination: { data: "build.todo.lists", size: 1, alias: "list" },
  permalink: (d: Data) => d.list.url,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderListPage(d.list, d.build.site);
