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

/**
 * `archive` → `/archive/`; `/` stays `/`. Each segment is percent-encoded (once: an encoded
 * prefix stays as it is), since the prefix goes verbatim into links, feeds and the sitemap,
 * where `/my archive/` or `/a?b/` would not be a valid or not the intended URL.
 */
export function normalisePrefix(prefix: string | undefined): string {
  const segments = (prefix ?? "/").trim().split("/").filter(Boolean);
  return segments.length ? `/${segments.map(encodeSegment).join("/")}/` : "/";
}

function encodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A lone `%` is a character, not an escape.
  }
  return encodeURIComponent(decoded);
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
