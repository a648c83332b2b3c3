// /sitemap.xml: every HTML page.
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";
import { renderSitemap } from "../src/site/sitemap.ts";

export const data = { pagination: ONE_OFF, permalink: "/sitemap.xml", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderSitemap(d.build.archive, d.build.site);
