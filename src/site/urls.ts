/**
 * Root-relative URLs in the index, prefixed and made absolute only when rendered, so one index
 * serves a site deployed at `/` or under `/archive/`.
 */
export interface SiteContext {
  title: string;
  description: string;
  language: string;
  author: string;
  /** Origin (and optional path) the site is served from, e.g. `https://news.example.org`. */
  url: string;
  /** `/` or `/something/`: where under `url` the site lives. */
  pathPrefix: string;
}

/** `archive` → `/archive/`; `/` stays `/`. */
export function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").trim().replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** A root-relative site path as the browser must request it under the path prefix. */
export function href(path: string, site: Pick<SiteContext, "pathPrefix">): string {
  return site.pathPrefix.replace(/\/$/, "") + path;
}

/** The absolute URL of a site path (feeds, canonical links, sitemap). */
export function absoluteUrl(path: string, site: Pick<SiteContext, "pathPrefix" | "url">): string {
  const origin = site.url.replace(/\/+$/, "");
  return origin + href(path, site);
}
