// One page per article, at /YYYY/MM/DD/slug/ or /undated/slug/.
import type { ArticleEntry } from "../src/site/archive.ts";
import { renderArticle } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  article: ArticleEntry;
}

export const data = {
  pagination: { data: "build.todo.articles", size: 1, alias: "article" },
  permalink: (d: Data) => d.article.url,
  eleventyExcludeFromCollections: true,
};

export const render = (d: Data) => renderArticle(d.article, d.build.site);
