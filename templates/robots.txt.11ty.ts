// /robots.txt: allow all, point to the sitemap.
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";
import { renderRobots } from "../src/site/sitemap.ts";

export const data = { pagination: ONE_OFF, permalink: "/robots.txt", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderRobots(d.build.site);
