/**
 * Machine outputs that list the site: `sitemap.xml` (every HTML page except the 404) and
 * `robots.txt` pointing to it. The sitemaps protocol allows 50,000 URLs a file: a site with
 * more (the 50,000-article bench's has 97,594 HTML pages, about two an article; archives whose
 * articles name more entities have more) has its URLs in parts,
 * `sitemap-1.xml`, `sitemap-2.xml`, ..., and `sitemap.xml` is the index of those parts. The
 * parts are paginated pages like any other (`PagedItems.sitemaps`): a rebuild renders only the
 * parts whose URLs changed, and prunes those no longer wanted.
 */
import { KIND_PATH, type TermKind } from "./archive.ts";
import { escapeHtml as esc } from "./html.ts";
import { absoluteUrl, type SiteContext } from "./urls.ts";

/** The most URLs one sitemap file may hold (sitemaps.org; 50,000 of ours are far below its 50 MB). */
export const SITEMAP_URLS = 50_000;

/** `SITEMAP_URLS`, or another number of URLs a part for tests (`NEWS_ARCHIVE_SITEMAP_URLS`), which would not build 50,000 pages. */
export function sitemapLimit(): number {
  const n = Number(process.env.NEWS_ARCHIVE_SITEMAP_URLS);
  return Number.isInteger(n) && n > 0 ? n : SITEMAP_URLS;
}

/** One file of a sitemap in parts: its URL, and its pages' paths with their last-modified dates (articles' only). */
export interface SitemapPart {
  url: string;
  paths: string[];
  lastmods: (string | undefined)[];
}

/** Every HTML page's path, in a stable order, and each one's last-modified date (an article's own, none for other pages). */
export interface SitePaths {
  paths: string[];
  lastmods: (string | undefined)[];
}

/** The paths of these list pages (in the index's order), articles (in the archive's) and years: with the index pages, every HTML page but the 404. */
export function htmlPaths(listUrls: readonly string[], articles: readonly { url: string; date?: string }[], years: readonly { url: string }[]): SitePaths {
  const kinds = Object.keys(KIND_PATH) as TermKind[];
  const others = [...kinds.map((k) => `/${KIND_PATH[k]}/`), "/archive/", "/most-mentioned/", "/search/", ...years.map((y) => y.url)];
  return {
    paths: [...listUrls, ...articles.map((a) => a.url), ...others],
    lastmods: [...listUrls.map(() => undefined), ...articles.map((a) => a.date?.slice(0, 10)), ...others.map(() => undefined)],
  };
}

/** The sitemap's parts, `limit` URLs each: none when one file holds every URL. */
export function sitemapParts({ paths, lastmods }: SitePaths, limit = sitemapLimit()): SitemapPart[] {
  if (paths.length <= limit) return [];
  const parts: SitemapPart[] = [];
  for (let start = 0; start < paths.length; start += limit) {
    parts.push({ url: `/sitemap-${parts.length + 1}.xml`, paths: paths.slice(start, start + limit), lastmods: lastmods.slice(start, start + limit) });
  }
  return parts;
}

function urlset(paths: readonly string[], lastmods: readonly (string | undefined)[], site: SiteContext): string {
  const urls = paths.map((p, i) => {
    const lastmod = lastmods[i];
    return `  <url><loc>${esc(absoluteUrl(p, site))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, "</urlset>", ""].join("\n");
}

/** `sitemap.xml`: every URL, or, when the site has `parts`, the index of them. */
export function renderSitemap({ paths, lastmods }: SitePaths, parts: readonly SitemapPart[], site: SiteContext): string {
  if (parts.length) {
    const entries = parts.map((part) => `  <sitemap><loc>${esc(absoluteUrl(part.url, site))}</loc></sitemap>`);
    return ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, "</sitemapindex>", ""].join("\n");
  }
  return urlset(paths, lastmods, site);
}

/** One part of a sitemap in parts. */
export function renderSitemapPart(part: SitemapPart, site: SiteContext): string {
  return urlset(part.paths, part.lastmods, site);
}

export function renderRobots(site: SiteContext): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", site)}\n`;
}
