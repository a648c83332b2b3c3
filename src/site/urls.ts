/**
 * Root-relative URLs in the index, prefixed and made absolute only when rendered, so one index
 * serves a site deployed at `/` or under `/archive/`.
 */
export interface SiteContext {
  title: string;
  description: string;
  language: string;
  author: string;
  /** Origin the site is served from, e.g. `https://news.example.org` (the path is `pathPrefix`: see `siteAddress`). */
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

/**
 * Where a site is served, from its URL and the path prefix, if one was given: the URL's origin,
 * and its path as the prefix. A URL with a path (`https://example.org/news/`) is the same as its
 * origin with that prefix; a URL with a path and another prefix, or with a query or fragment,
 * names no one place, and is refused (its pages would be linked under one path and their
 * absolute URLs, in feeds, the sitemap and canonical links, would name another).
 */
export function siteAddress(url: string, prefix: string | undefined): Pick<SiteContext, "url" | "pathPrefix"> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new Error(`the site URL "${url}" is not an absolute http(s) URL`);
  const parsed = new URL(url);
  if (parsed.search || parsed.hash) throw new Error(`the site URL "${url}" has a query or fragment: give the address the site is served from, e.g. https://example.org/news/`);
  const underUrl = normalisePrefix(parsed.pathname);
  const given = prefix === undefined ? undefined : normalisePrefix(prefix);
  if (given !== undefined && underUrl !== "/" && given !== underUrl) {
    throw new Error(`the site URL "${url}" puts the site under ${underUrl}, the path prefix under ${given}: give the path in one of them`);
  }
  return { url: parsed.origin, pathPrefix: given ?? underUrl };
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
