// /sitemap.xml: every HTML page.
import type { BuildData } from "../src/site/plugin.ts";
import { renderSitemap } from "../src/site/sitemap.ts";

export const data = { permalink: "/sitemap.xml", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderSitemap(d.build.archive, d.build.site);
