// A–Z indexes: /people/, /organizations/, /places/, /tags/, /sections/.
import { renderTermIndex } from "../src/site/pages.ts";
import type { BuildData, TermIndex } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  index: TermIndex;
}

export const data = {
  pagination: { data: "build.todo.indexes", size: 1, alias: "index" },
  permalink: (d: Data) => d.index.url,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderTermIndex(d.index.kind, d.index.terms, d.build.site);
