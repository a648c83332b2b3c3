// /sitemap.xml: every HTML page, or the index of the sitemap's parts when they are too many for one file.
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";
import { renderSitemap } from "../src/site/sitemap.ts";

export const data = { pagination: ONE_OFF, permalink: "/sitemap.xml", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderSitemap(d.build.summary, d.build.all.sitemaps, d.build.site);
