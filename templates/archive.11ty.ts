// /archive/: every year and month, and the undated articles.
import { renderArchiveIndex } from "../src/site/pages.ts";
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";

export const data = { pagination: ONE_OFF, permalink: "/archive/", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderArchiveIndex(d.build.summary, d.build.site);
