// One page per article, at /YYYY/MM/DD/slug/ or /undated/slug/.
import type { ArticleEntry } from "../src/site/archive.ts";
import { renderArticle } from "../src/site/pages.ts";
import { paged } from "./paged.ts";

export const { data, render } = paged("build.todo.articles", "article", (article: ArticleEntry, build) => renderArticle(article, build.site));
