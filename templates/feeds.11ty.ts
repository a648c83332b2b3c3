// RSS, Atom and JSON feeds: the site's, and one per person, organization, place, tag and section.
import { renderAtom, renderJsonFeed, renderRss } from "../src/site/feeds.ts";
import type { BuildData, FeedFile } from "../src/site/plugin.ts";

interface Data {
  build: BuildData;
  feed: FeedFile;
}

export const data = {
  pagination: { data: "build.todo.feeds", size: 1, alias: "feed" },
  permalink: (d: Data) => d.feed.url,
  eleventyExcludeFromCollections: true,
};

const RENDER = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export const render = (d: Data) => RENDER[d.feed.format](d.feed.spec, d.build.site);
