// /most-mentioned/: the people, organizations and places in the most articles.
import { renderMostMentioned } from "../src/site/pages.ts";
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";

export const data = { pagination: ONE_OFF, permalink: "/most-mentioned/", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderMostMentioned(d.build.summary, d.build.site);
