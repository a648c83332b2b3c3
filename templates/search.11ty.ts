// /search/: full-text search over the articles (Pagefind).
import { renderSearch } from "../src/site/pages.ts";
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";

export const data = { pagination: ONE_OFF, permalink: "/search/", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderSearch(d.build.site, d.build.searchShards);
