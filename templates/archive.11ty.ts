// /archive/: every year and month, and the undated articles.
import { renderArchiveIndex } from "../src/site/pages.ts";
import type { BuildData } from "../src/site/plugin.ts";

export const data = { permalink: "/archive/", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderArchiveIndex(d.build.archive, d.build.site);
