// Paginated article lists: home, each person/organization/place/tag/section, months, undated.
import type { ListView } from "../src/site/list-view.ts";
import { renderListPage } from "../src/site/pages.ts";
import { paged } from "./paged.ts";

export const { data, render } = paged("build.todo.lists", "list", (list: ListView, build) => renderListPage(list, build.site));
