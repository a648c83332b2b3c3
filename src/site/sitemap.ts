/**
 * Machine outputs that list the site: `sitemap.xml` (every HTML page except the 404) and
 * `robots.txt` pointing to it.
 */
import { KIND_PATH, type Archive, type TermKind } from "./archive.ts";
import { escapeHtml as esc } from "./html.ts";
import { absoluteUrl, type SiteContext } from "./urls.ts";

/** Every HTML page path the site has, in a stable order. */
export function htmlPaths(archive: Archive): string[] {
  const kinds = Object.keys(KIND_PATH) as TermKind[];
  return [
    ...archive.lists.map((l) => l.url),
    ...archive.articles.map((a) => a.url),
    ...kinds.map((k) => `/${KIND_PATH[k]}/`),
    "/archive/",
    "/most-mentioned/",
    "/search/",
    ...archive.years.map((y) => y.url),
  ];
}

export function renderSitemap(archive: Archive, site: SiteContext): string {
  const dated = new Map(archive.articles.map((a) => [a.url, a.date?.slice(0, 10)]));
  const urls = htmlPaths(archive).map((p) => {
    const lastmod = dated.get(p);
    return `  <url><loc>${esc(absoluteUrl(p, site))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, "</urlset>", ""].join("\n");
}

export function renderRobots(site: SiteContext): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", site)}\n`;
}
