// /robots.txt: allow all, point to the sitemap.
import type { BuildData } from "../src/site/plugin.ts";
import { renderRobots } from "../src/site/sitemap.ts";

export const data = { permalink: "/robots.txt", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderRobots(d.build.site);
