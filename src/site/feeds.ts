/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1, written here rather than by a feed library because the
 * archive needs three things the libraries tried did not give together: every namespace used is
 * declared, text is escaped (never CDATA, which a headline containing `]]>` breaks), and output
 * depends only on the articles (no build clock), so rebuilds are byte-identical.
 *
 * GUIDs are the article's absolute URL, stable across rebuilds. Undated articles have no
 * `pubDate` in RSS; Atom requires `updated`, so they carry the Unix epoch, the conventional
 * "unknown" (documented in README).
 */
import { DateTime } from "luxon";
import { type FeedSpec, KIND_PATH, type LinklessEntry } from "./archive.ts";
import { articleBody } from "./load.ts";
import { memo, perRecord } from "./memo.ts";
import { escapeHtml as esc } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import { absoluteUrl, type SiteContext } from "./urls.ts";

const EPOCH = "1970-01-01T00:00:00Z";

const isoInstant = memo((date: string): string => DateTime.fromISO(date, { zone: "utc" }).toUTC().toISO({ suppressMilliseconds: true }) ?? EPOCH);
const toIso = (date: string | undefined): string => (date ? isoInstant(date) : EPOCH);

const toRfc822 = memo((date: string): string => DateTime.fromISO(date, { zone: "utc" }).toUTC().toHTTP() ?? "");

/** The newest item date, or the epoch: a feed's "updated" must not be the build time. */
function updated(spec: FeedSpec): string {
  return toIso(spec.items.find((i) => i.date)?.date);
}

const bodyHtml = perRecord((item: LinklessEntry, _site: SiteContext) => renderMarkdown(articleBody(item)));

function content(item: LinklessEntry, fullText: boolean, site: SiteContext): string {
  return fullText ? bodyHtml(item, site) : `<p>${esc(item.summary)}</p>`;
}

/**
 * An article's item is the same in every feed it is in (one per entity, tag and section), but
 * for full text: remembered for each of the two.
 */
function perItem(render: (item: LinklessEntry, site: SiteContext, fullText: boolean) => string) {
  const summary = perRecord((item: LinklessEntry, site: SiteContext) => render(item, site, false));
  const full = perRecord((item: LinklessEntry, site: SiteContext) => render(item, site, true));
  return (item: LinklessEntry, site: SiteContext, fullText: boolean): string => (fullText ? full : summary)(item, site);
}

const rssItem = perItem((item, site, fullText) => {
  const link = absoluteUrl(item.url, site);
  return [
    "    <item>",
    `      <title>${esc(item.title)}</title>`,
    `      <link>${esc(link)}</link>`,
    `      <guid isPermaLink="true">${esc(link)}</guid>`,
    item.date ? `      <pubDate>${toRfc822(item.date)}</pubDate>` : "",
    item.byline ? `      <dc:creator>${esc(item.byline)}</dc:creator>` : "",
    ...item.entityTerms.map((t) => `      <category>${esc(t.name)}</category>`),
    `      <description>${esc(item.summary)}</description>`,
    fullText ? `      <content:encoded>${esc(content(item, true, site))}</content:encoded>` : "",
    "    </item>",
  ]
    .filter(Boolean)
    .join("\n");
});

export function renderRss(spec: FeedSpec, site: SiteContext): string {
  const items = spec.items.map((item) => rssItem(item, site, spec.fullText));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "  <channel>",
    `    <title>${esc(spec.title)}</title>`,
    `    <link>${esc(absoluteUrl(spec.page, site))}</link>`,
    `    <description>${esc(spec.title === site.title ? site.description : `Articles about ${spec.title.replace(/ — .*$/, "")} in ${site.title}`)}</description>`,
    `    <language>${esc(site.language)}</language>`,
    // Optional in RSS, unlike Atom's `updated`: left out when no item has a date, rather than the epoch.
    ...(spec.items.some((item) => item.date) ? [`    <lastBuildDate>${toRfc822(updated(spec))}</lastBuildDate>`] : []),
    `    <atom:link href="${esc(absoluteUrl(spec.rss, site))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

const atomEntry = perItem((item, site, fullText) => {
  const link = absoluteUrl(item.url, site);
  return [
    "  <entry>",
    `    <title>${esc(item.title)}</title>`,
    `    <link href="${esc(link)}"/>`,
    `    <id>${esc(link)}</id>`,
    `    <updated>${toIso(item.date)}</updated>`,
    item.date ? `    <published>${toIso(item.date)}</published>` : "",
    item.byline ? `    <author><name>${esc(item.byline)}</name></author>` : "",
    // A slug names an entity among those of its type: the scheme says which (`…/people/`).
    ...item.entityTerms.map((t) => `    <category term="${esc(t.slug)}" scheme="${esc(absoluteUrl(`/${KIND_PATH[t.kind]}/`, site))}" label="${esc(t.name)}"/>`),
    `    <summary>${esc(item.summary)}</summary>`,
    `    <content type="html">${esc(content(item, fullText, site))}</content>`,
    "  </entry>",
  ]
    .filter(Boolean)
    .join("\n");
});

export function renderAtom(spec: FeedSpec, site: SiteContext): string {
  const entries = spec.items.map((item) => atomEntry(item, site, spec.fullText));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${esc(site.language)}">`,
    `  <title>${esc(spec.title)}</title>`,
    `  <id>${esc(absoluteUrl(spec.atom, site))}</id>`,
    `  <link href="${esc(absoluteUrl(spec.page, site))}"/>`,
    `  <link href="${esc(absoluteUrl(spec.atom, site))}" rel="self" type="application/atom+xml"/>`,
    `  <updated>${updated(spec)}</updated>`,
    `  <author><name>${esc(site.author)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function renderJsonFeed(spec: FeedSpec, site: SiteContext): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: spec.title,
    home_page_url: absoluteUrl(spec.page, site),
    feed_url: absoluteUrl(spec.json ?? spec.rss, site),
    language: site.language,
    items: spec.items.map((item) => ({
      id: absoluteUrl(item.url, site),
      url: absoluteUrl(item.url, site),
      title: item.title,
      summary: item.summary,
      content_html: content(item, spec.fullText, site),
      ...(item.date ? { date_published: toIso(item.date) } : {}),
      ...(item.byline ? { authors: [{ name: item.byline }] } : {}),
      tags: item.entityTerms.map((t) => t.name),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
