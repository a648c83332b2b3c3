/**
 * Page renderers: pure functions from index records to HTML strings. Templates in `templates/`
 * only paginate and call these.
 */
import type { EntityType } from "../ingest/article.ts";
import { ENTITY_TYPES } from "../ingest/article.ts";
import { KIND_LABEL, KIND_PATH, type ArticleEntry, type TermKind, type YearEntry } from "./archive.ts";
import type { ArchiveSummary } from "./archive-summary.ts";
import { articleBody } from "./load.ts";
import { isoDate, monthName, readableDate } from "./format.ts";
import { escapeHtml, html, raw, type Html } from "./html.ts";
import { layout } from "./layout.ts";
import type { CardView, FeedLinks, ListView, TermDetails, TermEntry } from "./list-view.ts";
import { perRecord } from "./memo.ts";
import { articleHead } from "./meta.ts";
import { renderTimeline } from "./timeline.ts";
import { renderMarkdown } from "./markdown.ts";
import { href, type SiteContext } from "./urls.ts";

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function dateLine(a: { date?: string }, filter = false): Html {
  if (!a.date) return html`<span class="undated">Date unknown</span>`;
  return filter
    ? html`<time datetime="${isoDate(a.date)}" ${filterAttrs("year", a.date.slice(0, 4))}>${readableDate(a.date)}</time>`
    : html`<time datetime="${isoDate(a.date)}">${readableDate(a.date)}</time>`;
}

/** The same card in every list an article is in: rendered once. */
const articleCard = perRecord((a: CardView, site: SiteContext): Html => {
  return html`<li class="card">
<h3><a href="${href(a.url, site)}">${a.title}</a></h3>
<p class="meta">${dateLine(a)}${a.section ? html` · <a href="${href(a.section.url, site)}">${a.section.name}</a>` : ""}</p>
<p class="summary">${a.summary}</p>
</li>`;
});

function articleList(items: readonly CardView[], site: SiteContext): Html {
  return html`<ol class="cards">
${items.map((a) => articleCard(a, site))}
</ol>`;
}

/** A list grouped under month headings, whose ids the timeline links to. */
function articleListByMonth(items: readonly CardView[], site: SiteContext): Html {
  const groups: { key: string; items: CardView[] }[] = [];
  for (const a of items) {
    const key = a.ymd ? `${a.ymd[0]}-${a.ymd[1]}` : "undated";
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(a);
    else groups.push({ key, items: [a] });
  }
  return html`${groups.map((g) => {
    const [y = "", m = ""] = g.key.split("-");
    return html`<h2 class="month" id="m-${g.key}">${g.key === "undated" ? "Date unknown" : `${monthName(m)} ${y}`}</h2>
${articleList(g.items, site)}`;
  })}`;
}

function termDetails(t: TermDetails, site: SiteContext): Html {
  const isEntity = t.kind === "person" || t.kind === "organization" || t.kind === "place";
  return html`${
    t.firstSeen && t.lastSeen
      ? html`<p class="seen">First seen <time datetime="${isoDate(t.firstSeen)}">${readableDate(t.firstSeen)}</time>, last seen <time datetime="${isoDate(t.lastSeen)}">${readableDate(t.lastSeen)}</time>.</p>`
      : ""
  }
${isEntity ? renderTimeline(t.name, t.timeline, site) : ""}
${
  t.companions.length
    ? html`<section class="companions" aria-labelledby="companions-heading">
<h2 id="companions-heading">Often mentioned with</h2>
<ul class="chips">
${t.companions.map((c) => html`<li><a href="${href(c.term.url, site)}">${c.term.name}</a> <span class="count">${c.count}</span></li>`)}
</ul>
</section>`
    : ""
}`;
}

function pager(page: ListView, site: SiteContext): Html {
  const { newer, older, window } = page.nav;
  if (!window.length) return html``;
  const items: Html[] = [];
  for (const { n, url, gap } of window) {
    if (gap) items.push(html`<li aria-hidden="true">…</li>`);
    const label = n === undefined ? "Latest" : String(n);
    items.push(
      n === page.number
        ? html`<li><a href="${href(url, site)}" aria-current="page">${label}</a></li>`
        : html`<li><a href="${href(url, site)}">${label}</a></li>`,
    );
  }
  return html`<nav class="pager" aria-label="Pages">
<ul>
${newer ? html`<li><a href="${href(newer, site)}" rel="prev">← Newer</a></li>` : ""}
${items}
${older ? html`<li><a href="${href(older, site)}" rel="next">Older →</a></li>` : ""}
</ul>
</nav>`;
}

function feedLinks(feed: FeedLinks, site: SiteContext): Html {
  return html`<p class="feeds">Follow: <a href="${href(feed.rss, site)}">RSS</a> · <a href="${href(feed.atom, site)}">Atom</a>${
    feed.json ? html` · <a href="${href(feed.json, site)}">JSON Feed</a>` : ""
  }</p>`;
}

/** ` (page 3)` on a numbered page, nothing on a list's first page. */
const pageSuffix = (page: ListView): string => (page.number === undefined ? "" : ` (page ${page.number})`);

/**
 * What a numbered page holds, as a sentence: pages are numbered from the oldest (see
 * `paginate`), so the dates they span say more than their number.
 */
function pageSpan(page: ListView): Html {
  if (page.number === undefined) return html``;
  // Undated articles come last, by slug: the span is that of the dated ones, and a page of
  // undated ones alone is numbered from the end of its list, not from the oldest.
  const dated = page.items.filter((a) => a.date);
  const newest = dated[0]?.date;
  const oldest = dated[dated.length - 1]?.date;
  if (!newest || !oldest) return html`<p class="page-span">Page ${page.number} (pages are numbered from the end of the list, which runs in alphabetical order of address).</p>`;
  const undated = page.items.length - dated.length;
  return html`<p class="page-span">Page ${page.number} (pages are numbered from the oldest): <time datetime="${isoDate(oldest)}">${readableDate(oldest)}</time> to <time datetime="${isoDate(newest)}">${readableDate(newest)}</time>${
    undated ? `, and ${plural(undated, "article")} whose date is not known` : ""
  }.</p>`;
}

export function renderListPage(page: ListView, site: SiteContext): string {
  let head: Html;
  let title: string;
  let description: string | undefined;
  if (page.kind === "term" && page.term) {
    const t = page.term;
    const count = page.details?.count;
    title = `${t.name}${pageSuffix(page)}`;
    description =
      count === undefined ? `Articles about ${t.name}${pageSuffix(page)}` : t.description ? `${t.name}: ${t.description}${/[.!?]$/.test(t.description) ? "" : "."} ${plural(count, "article")}.` : `${plural(count, "article")} about ${t.name}`;
    const about = count === undefined ? pageSpan(page) : html`<p>${plural(count, "article")}.</p>`;
    head = html`<header class="term-header">
<p class="kicker">${KIND_LABEL[t.kind].one}</p>
<h1>${t.name}</h1>
${t.description ? html`<p class="description">${t.description}</p>` : ""}
${about}${t.sameAs ? html`<p><a href="${t.sameAs}" rel="noopener">More about ${t.name}</a></p>` : ""}
${t.aliases.length ? html`<p class="aliases">Also written as: ${t.aliases.join(", ")}</p>` : ""}
${feedLinks(t.feed, site)}
</header>
${page.details ? termDetails(page.details, site) : ""}
<h2 class="list-heading">Articles</h2>`;
  } else if (page.kind === "home") {
    title = page.number === undefined ? site.title : `Articles${pageSuffix(page)}`;
    head = html`<header>
<h1>${page.number === undefined ? "Latest articles" : `Articles${pageSuffix(page)}`}</h1>
${pageSpan(page)}
${page.feed ? feedLinks(page.feed, site) : ""}
</header>`;
  } else if (page.kind === "month") {
    const [year = "", month = ""] = page.title.split("/");
    title = `${monthName(month)} ${year}${pageSuffix(page)}`;
    head = html`<header>
<p class="kicker"><a href="${href(`/${year}/`, site)}">${year}</a></p>
<h1>${monthName(month)} ${year}</h1>
${pageSpan(page)}
</header>`;
  } else {
    title = `Date unknown${pageSuffix(page)}`;
    head = html`<header>
<h1>Date unknown</h1>
<p>Articles whose date is not known.</p>
${pageSpan(page)}
</header>`;
  }
  // Cards are headed h3 (under a term's month headings, h2): other lists get an h2 of their own, for screen readers, so that no level is skipped.
  const list = page.kind === "term" ? articleListByMonth(page.items, site) : html`<h2 class="visually-hidden">Articles</h2>
${articleList(page.items, site)}`;
  const body = html`${head}
${page.items.length ? list : html`<p>No articles yet.</p>`}
${pager(page, site)}`;
  return layout({ title, path: page.url, feed: page.feed, ...(description ? { description } : {}) }, body, site);
}

const TYPE_HEADINGS: Record<EntityType, string> = { person: "People", organization: "Organizations", place: "Places" };

/**
 * A Pagefind filter whose value reaches the search page as text. Pagefind decodes entities in
 * what it indexes twice, and its UI inserts filter values as markup, so a section or entity
 * called `<b>odd</b>` would become live markup there. Escaped three times in the page (twice
 * here, once by html``), the value Pagefind stores is escaped once and the UI shows it as text.
 */
function filterAttrs(key: string, value: string): Html {
  return html`data-pagefind-filter="${key}[data-filter]" data-filter="${escapeHtml(escapeHtml(value))}"`;
}

export function renderArticle(a: ArticleEntry, site: SiteContext): string {
  const groups = ENTITY_TYPES.map((type) => ({ type, terms: a.entityTerms.filter((t) => t.kind === type) })).filter((g) => g.terms.length);
  const body = html`<article class="article" data-pagefind-body>
<header>
${a.sectionTerm ? html`<p class="kicker" data-pagefind-ignore><a href="${href(a.sectionTerm.url, site)}" ${filterAttrs("section", a.sectionTerm.name)}>${a.sectionTerm.name}</a></p>` : ""}
<h1>${a.title}</h1>
<p class="meta" data-pagefind-ignore>${dateLine(a, true)}${a.byline ? html` · <span class="byline">${a.byline}</span>` : ""}${
    a.sourceUrl ? html` · <a href="${a.sourceUrl}" rel="nofollow noopener">Original</a>` : ""
  }</p>
</header>
<div class="body">
${raw(renderMarkdown(articleBody(a), a.entities.map((e, i) => ({ names: [e.name, ...e.aliases], href: href(a.entityTerms[i]?.url ?? "/", site) }))))}
</div>
<footer class="article-footer" data-pagefind-ignore="index">
${
  groups.length
    ? html`<section class="entities" aria-labelledby="in-this-article">
<h2 id="in-this-article">In this article</h2>
${groups.map(
  (g) => html`<h3>${TYPE_HEADINGS[g.type]}</h3>
<ul class="chips">
${g.terms.map((t) => html`<li><a href="${href(t.url, site)}" ${filterAttrs(t.kind, t.name)}>${t.name}</a></li>`)}
</ul>`,
)}
</section>`
    : ""
}
${
  a.tagTerms.length
    ? html`<section aria-labelledby="tags-heading">
<h2 id="tags-heading">Tags</h2>
<ul class="chips">
${a.tagTerms.map((t) => html`<li><a href="${href(t.url, site)}">${t.name}</a></li>`)}
</ul>
</section>`
    : ""
}
${
  a.related.length
    ? html`<section class="related" aria-labelledby="related-heading">
<h2 id="related-heading">Related articles</h2>
<ul>
${a.related.map((r) => html`<li><a href="${href(r.url, site)}">${r.title}</a> <span class="meta">${readableDate(r.date)}</span></li>`)}
</ul>
</section>`
    : ""
}
${
  a.newer || a.older
    ? html`<nav class="prev-next" aria-label="More articles by date">
<ul>
${a.older ? html`<li class="older"><a href="${href(a.older.url, site)}" rel="prev">← Older: ${a.older.title}</a></li>` : ""}
${a.newer ? html`<li class="newer"><a href="${href(a.newer.url, site)}" rel="next">Newer: ${a.newer.title} →</a></li>` : ""}
</ul>
</nav>`
    : ""
}
</footer>
</article>`;
  return layout({ title: a.title, description: a.summary, path: a.url, head: articleHead(a, site) }, body, site);
}

/** First character for A–Z grouping; digits and symbols go under "#". */
function letterOf(name: string): string {
  const c = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : "#";
}

export function renderTermIndex(kind: TermKind, terms: readonly TermEntry[], site: SiteContext): string {
  const label = KIND_LABEL[kind].many;
  const groups = new Map<string, TermEntry[]>();
  for (const t of terms) {
    const l = letterOf(t.name);
    groups.set(l, [...(groups.get(l) ?? []), t]);
  }
  const letters = [...groups.keys()].sort((a, b) => (a === "#" ? 1 : b === "#" ? -1 : a < b ? -1 : 1));
  const body = html`<header>
<h1>${label}</h1>
<p>${plural(terms.length, label.toLowerCase().replace(/s$/, ""), label.toLowerCase())}.</p>
</header>
${
  letters.length > 1
    ? html`<nav class="az" aria-label="${label} by letter"><ul>${letters.map((l) => html`<li><a href="#letter-${l === "#" ? "other" : l}">${l}</a></li>`)}</ul></nav>`
    : ""
}
${letters.map(
  (l) => html`<section aria-labelledby="letter-${l === "#" ? "other" : l}">
<h2 id="letter-${l === "#" ? "other" : l}">${l}</h2>
<ul class="term-list">
${(groups.get(l) ?? []).map((t) => html`<li><a href="${href(t.url, site)}">${t.name}</a> <span class="count">${t.count}</span></li>`)}
</ul>
</section>`,
)}`;
  return layout({ title: label, path: `/${KIND_PATH[kind]}/` }, body, site);
}

export function renderArchiveIndex(archive: ArchiveSummary, site: SiteContext): string {
  const body = html`<header><h1>Archive</h1></header>
${
  archive.years.length
    ? archive.years.map(
        (y) => html`<section aria-labelledby="y-${y.year}">
<h2 id="y-${y.year}"><a href="${href(y.url, site)}">${y.year}</a> <span class="count">${y.count}</span></h2>
<ul class="term-list">
${y.months.map((m) => html`<li><a href="${href(m.url, site)}">${monthName(m.month)} ${m.year}</a> <span class="count">${m.count}</span></li>`)}
</ul>
</section>`,
      )
    : html`<p>No dated articles.</p>`
}
${archive.undatedCount ? html`<p><a href="${href("/undated/", site)}">Date unknown</a> <span class="count">${archive.undatedCount}</span></p>` : ""}`;
  return layout({ title: "Archive", path: "/archive/" }, body, site);
}

export function renderYear(year: YearEntry, site: SiteContext): string {
  const body = html`<header>
<p class="kicker"><a href="${href("/archive/", site)}">Archive</a></p>
<h1>${year.year}</h1>
<p>${plural(year.count, "article")}.</p>
</header>
<ul class="term-list">
${year.months.map((m) => html`<li><a href="${href(m.url, site)}">${monthName(m.month)}</a> <span class="count">${m.count}</span></li>`)}
</ul>`;
  return layout({ title: year.year, path: year.url }, body, site);
}

export function renderNotFound(site: SiteContext): string {
  const body = html`<header><h1>Page not found</h1></header>
<p>There is no page at this address. Try the <a href="${href("/", site)}">latest articles</a> or the <a href="${href("/archive/", site)}">archive</a>.</p>`;
  return layout({ title: "Page not found", path: "/404.html", noindex: true }, body, site);
}

/**
 * The search page: Pagefind's UI, loaded by a small script, over the search bundles (one per
 * year of articles: the first is loaded, the others merged into it); without JavaScript it says so.
 */
export function renderSearch(site: SiteContext, shards: readonly string[]): string {
  const [primary = href("/pagefind/undated/", site), ...merged] = shards.map((s) => href(`/pagefind/${s}/`, site));
  const body = html`<header><h1 id="search-heading">Search</h1></header>
<div id="search" class="search" data-bundle="${primary}" data-merge="${JSON.stringify(merged)}"></div>
<noscript><p>Search needs JavaScript. Everything else in the archive works without it: browse the <a href="${href("/archive/", site)}">archive</a>, <a href="${href("/people/", site)}">people</a>, <a href="${href("/organizations/", site)}">organizations</a> and <a href="${href("/places/", site)}">places</a>.</p></noscript>
<link rel="stylesheet" href="${primary}pagefind-ui.css">
<script src="${primary}pagefind-ui.js"></script>
<script src="${href("/assets/search.js", site)}"></script>`;
  return layout({ title: "Search", path: "/search/" }, body, site);
}

const MOST = 25;

/** The most mentioned people, organizations and places: by number of articles. */
export function renderMostMentioned(archive: ArchiveSummary, site: SiteContext): string {
  const body = html`<header><h1>Most mentioned</h1><p>The ${MOST} people, organizations and places in the most articles.</p></header>
${ENTITY_TYPES.map((type) => {
  const top = [...archive.terms[type]].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)).slice(0, MOST);
  return html`<section aria-labelledby="most-${type}">
<h2 id="most-${type}"><a href="${href(`/${KIND_PATH[type]}/`, site)}">${TYPE_HEADINGS[type]}</a></h2>
${top.length ? html`<ol class="ranked">${top.map((t) => html`<li><a href="${href(t.url, site)}">${t.name}</a> <span class="count">${t.count}</span></li>`)}</ol>` : html`<p>None yet.</p>`}
</section>`;
})}`;
  return layout({ title: "Most mentioned", path: "/most-mentioned/" }, body, site);
}
