/**
 * The page shell every HTML page shares: head (title, description, canonical, feed discovery),
 * skip link, site header and navigation, main, footer. Semantic HTML; no script needed to read.
 */
import type { FeedLinks } from "./list-view.ts";
import { html, type Html } from "./html.ts";
import { absoluteUrl, href, type SiteContext } from "./urls.ts";

export interface PageMeta {
  /** Page title without the site name. */
  title: string;
  description?: string;
  /** Root-relative path of this page. */
  path: string;
  feed?: FeedLinks | undefined;
  /** Marks the page as not for search engines (404). */
  noindex?: boolean;
  /** Extra `<head>` markup (social cards, structured data). */
  head?: Html;
}

const NAV: [string, string][] = [
  ["/", "Latest"],
  ["/search/", "Search"],
  ["/archive/", "Archive"],
  ["/people/", "People"],
  ["/organizations/", "Organizations"],
  ["/places/", "Places"],
  ["/sections/", "Sections"],
  ["/tags/", "Tags"],
  ["/most-mentioned/", "Most mentioned"],
];

export function layout(meta: PageMeta, body: Html, site: SiteContext): string {
  const fullTitle = meta.title === site.title ? site.title : `${meta.title} — ${site.title}`;
  const current = (path: string): boolean => (path === "/" ? meta.path === "/" : meta.path.startsWith(path));
  return html`<!DOCTYPE html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${meta.description ?? site.description}">
${meta.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${absoluteUrl(meta.path, site)}">`}
<link rel="stylesheet" href="${href("/assets/style.css", site)}">
<link rel="icon" href="data:,">
${
  meta.feed
    ? html`<link rel="alternate" type="application/rss+xml" title="${meta.feed.title} (RSS)" href="${href(meta.feed.rss, site)}">
<link rel="alternate" type="application/atom+xml" title="${meta.feed.title} (Atom)" href="${href(meta.feed.atom, site)}">${
        meta.feed.json ? html`
<link rel="alternate" type="application/feed+json" title="${meta.feed.title} (JSON Feed)" href="${href(meta.feed.json, site)}">` : ""
      }`
    : ""
}
${meta.head ?? ""}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<p class="site-title"><a href="${href("/", site)}">${site.title}</a></p>
<nav aria-label="Site">
<ul>
${NAV.map(([path, label]) => html`<li><a href="${href(path, site)}"${current(path) ? html` aria-current="page"` : ""}>${label}</a></li>`)}
</ul>
</nav>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">
<p>${site.title}. Follow: <a href="${href("/feed.xml", site)}">RSS</a> · <a href="${href("/atom.xml", site)}">Atom</a> · <a href="${href("/feed.json", site)}">JSON Feed</a></p>
</footer>
</body>
</html>
`.value;
}
