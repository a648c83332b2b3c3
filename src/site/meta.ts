/**
 * What an article page tells machines in its `<head>`: Open Graph and Twitter card meta for
 * link previews, and JSON-LD `NewsArticle` with the entities it is about (the most mentioned)
 * and mentions (the rest) as `Person`, `Organization` and `Place`, with `sameAs` where the
 * archivist gave one.
 */
import type { EntityType } from "../ingest/article.ts";
import type { ArticleEntry } from "./archive.ts";
import { html, raw, type Html } from "./html.ts";
import { absoluteUrl, type SiteContext } from "./urls.ts";

const SCHEMA_TYPE: Record<EntityType, string> = { person: "Person", organization: "Organization", place: "Place" };
/** Entities the article is "about"; the rest are mentions. */
const ABOUT = 3;

/** JSON that is safe inside `<script>`: no `</script>`, no `<!--`, no line separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function articleJsonLd(a: ArticleEntry, site: SiteContext): Record<string, unknown> {
  const url = absoluteUrl(a.url, site);
  const things = a.entities.map((e, i) => ({
    "@type": SCHEMA_TYPE[e.type],
    name: e.name,
    url: absoluteUrl(a.entityTerms[i]?.url ?? "/", site),
    ...(e.sameAs ? { sameAs: e.sameAs } : {}),
  }));
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    description: a.summary,
    url,
    mainEntityOfPage: url,
    ...(a.date ? { datePublished: a.date } : {}),
    ...(a.byline ? { author: { "@type": "Person", name: a.byline } } : {}),
    ...(a.section ? { articleSection: a.section } : {}),
    ...(a.tags.length ? { keywords: a.tags } : {}),
    ...(a.sourceUrl ? { isBasedOn: a.sourceUrl } : {}),
    publisher: { "@type": "Organization", name: site.title, url: absoluteUrl("/", site) },
    ...(things.length ? { about: things.slice(0, ABOUT) } : {}),
    ...(things.length > ABOUT ? { mentions: things.slice(ABOUT) } : {}),
  };
}

export function articleHead(a: ArticleEntry, site: SiteContext): Html {
  const url = absoluteUrl(a.url, site);
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.title}">
<meta property="og:title" content="${a.title}">
<meta property="og:description" content="${a.summary}">
<meta property="og:url" content="${url}">
${a.date ? html`<meta property="article:published_time" content="${a.date}">` : ""}
${a.section ? html`<meta property="article:section" content="${a.section}">` : ""}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${a.title}">
<meta name="twitter:description" content="${a.summary}">
<script type="application/ld+json">${raw(scriptSafeJson(articleJsonLd(a, site)))}</script>`;
}
