// /search/: full-text search over the articles (Pagefind).
import { renderSearch } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

export const data = { permalink: "/search/", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderSearch(d.build.site, d.build.searchShards);
