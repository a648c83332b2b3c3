// /sitemap-N.xml: the parts of a sitemap too long for one file (see src/site/sitemap.ts); none for most sites.
import { renderSitemapPart, type SitemapPart } from "../src/site/sitemap.ts";
import { paged } from "./paged.ts";

export const { data, render } = paged("build.todo.sitemaps", "part", (part: SitemapPart, build) => renderSitemapPart(part, build.site));
