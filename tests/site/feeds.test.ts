import { describe, expect, it } from "vitest";
import { buildArchive } from "../../src/site/archive.ts";
import { renderAtom, renderJsonFeed, renderRss } from "../../src/site/feeds.ts";
import type { SiteArticle } from "../../src/site/load.ts";
import type { SiteContext } from "../../src/site/urls.ts";
import { parseXml } from "../helpers/site.ts";

const site: SiteContext = { title: "T & <Co>", description: "d", language: "en", author: "A", url: "https://x.example", pathPrefix: "/p/" };
const hostile = 'A ]]> B ]]> <script>x</script> & "q"';

const articles: SiteArticle[] = [
  { id: "a", title: hostile, slug: "a", date: "2015-11-13", dateSource: "manifest", tags: [], summary: hostile, entities: [{ name: hostile, type: "person", slug: "h", aliases: [], mentions: 1 }], body: "Body \\<b\\>", byline: hostile },
  { id: "b", title: "Undated", slug: "b", dateSource: "unknown", tags: [], summary: "s", entities: [], body: "x"},
];
const archive = buildArchive(articles, site.title);

describe("feeds", () => {
  it("RSS: valid, escaped, namespaces declared, no pubDate for undated items", () => {
    const rss = parseXml(renderRss(archive.siteFeed, site)) as { rss: { channel: { title: string; item: { title: string; pubDate?: string; "content:encoded": string }[] } } };
    expect(rss.rss.channel.title).toBe("T & <Co>");
    expect(rss.rss.channel.item[0]?.title).toBe(hostile);
    expect(rss.rss.channel.item[0]?.pubDate).toBe("Fri, 13 Nov 2015 00:00:00 GMT");
    expect(rss.rss.channel.item[1]?.pubDate).toBeUndefined();
    expect(rss.rss.channel.item[0]?.["content:encoded"]).toContain("&lt;b&gt;");
  });

  it("RSS: the last build date is the newest item's, and left out when no item has a date (not the epoch)", () => {
    const channel = (spec: typeof archive.siteFeed) => (parseXml(renderRss(spec, site)) as { rss: { channel: { lastBuildDate?: string } } }).rss.channel;
    expect(channel(archive.siteFeed).lastBuildDate).toBe("Fri, 13 Nov 2015 00:00:00 GMT");
    const undatedOnly = { ...archive.siteFeed, items: archive.siteFeed.items.filter((i) => !i.date) };
    expect(undatedOnly.items).toHaveLength(1);
    expect(channel(undatedOnly).lastBuildDate).toBeUndefined();
    expect(renderRss(undatedOnly, site)).not.toContain("1970");
  });

  it("Atom: valid, with prefixed absolute links and ids", () => {
    const xml = renderAtom(archive.siteFeed, site);
    const atom = parseXml(xml) as { feed: { updated: string; entry: { id: string; title: string; updated: string }[] } };
    expect(atom.feed.updated).toBe("2015-11-13T00:00:00Z");
    expect(atom.feed.entry.map((e) => e.id)).toEqual(["https://x.example/p/2015/11/13/a/", "https://x.example/p/undated/b/"]);
    expect(atom.feed.entry[0]?.title).toBe(hostile);
    expect(atom.feed.entry[1]?.updated).toBe("1970-01-01T00:00:00Z");
  });

  it("JSON Feed: parses and carries the same items", () => {
    const json = JSON.parse(renderJsonFeed(archive.siteFeed, site)) as { items: { id: string; title: string; date_published?: string }[] };
    expect(json.items.map((i) => i.title)).toEqual([hostile, "Undated"]);
    expect(json.items[1]?.date_published).toBeUndefined();
  });

  it("is the same bytes every time (no build clock)", async () => {
    const first = renderAtom(archive.siteFeed, site);
    await new Promise((r) => setTimeout(r, 1100));
    expect(renderAtom(archive.siteFeed, site)).toBe(first);
  });
});
