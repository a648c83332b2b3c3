// RSS, Atom and JSON feeds: the site's, and one per person, organization, place, tag and section.
import { renderAtom, renderJsonFeed, renderRss } from "../src/site/feeds.ts";
import type { FeedFile } from "../src/site/plugin.ts";
import { paged } from "./paged.ts";

const RENDER = { rss: renderRss, atom: renderAtom, json: renderJsonFeed };

export const { data, render } = paged("build.todo.feeds", "feed", (feed: FeedFile, build) => RENDER[feed.format](feed.spec, build.site));
