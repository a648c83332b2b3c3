// /404.html: what the host serves for a missing page.
import { renderNotFound } from "../src/site/pages.ts";
import { ONE_OFF, type BuildData } from "../src/site/plugin.ts";

export const data = { pagination: ONE_OFF, permalink: "/404.html", eleventyExcludeFromCollections: true };

export const render = (d: { build: BuildData }) => renderNotFound(d.build.site);
