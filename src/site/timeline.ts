/**
 * An entity's articles per month as a small bar chart, drawn at build time as inline SVG. The
 * chart is a picture of the table that follows it: the SVG is hidden from assistive technology
 * and its bar links are kept out of the tab order, while the table carries the same numbers and
 * links for everyone.
 */
import type { TimelineMonth } from "./archive.ts";
import { monthName } from "./format.ts";
import { html, type Html } from "./html.ts";
import { href, type SiteContext } from "./urls.ts";

const HEIGHT = 60;
const BAR = 8;
const GAP = 2;

const label = (month: string): string => {
  const [y = "", m = ""] = month.split("-");
  return `${monthName(m)} ${y}`;
};

const monthNumber = (key: string): number => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
const monthKey = (n: number): string => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;

/** `months` (those with articles, oldest first) with every month between them, at zero. */
export function allMonths(months: readonly TimelineMonth[]): TimelineMonth[] {
  const out: TimelineMonth[] = [];
  let previous: number | undefined;
  for (const m of months) {
    const n = monthNumber(m.month);
    if (previous !== undefined) for (let k = previous + 1; k < n; k++) out.push({ month: monthKey(k), count: 0 });
    out.push(m);
    previous = n;
  }
  return out;
}

/** `withArticles`: the months with articles, oldest first (see `Term.timeline`). */
export function renderTimeline(name: string, withArticles: readonly TimelineMonth[], site: SiteContext): Html {
  if (withArticles.length === 0) return html``;
  const months = allMonths(withArticles);
  const max = Math.max(...months.map((m) => m.count));
  const width = months.length * (BAR + GAP);
  const peak = months.find((m) => m.count === max);
  const bars = months.map((m, i) => {
    const h = m.count === 0 ? 0 : Math.max(2, Math.round((m.count / max) * HEIGHT));
    const rect = html`<rect x="${i * (BAR + GAP)}" y="${HEIGHT - h}" width="${BAR}" height="${h}"><title>${label(m.month)}: ${m.count}</title></rect>`;
    return m.url ? html`<a href="${href(m.url, site)}" tabindex="-1">${rect}</a>` : rect;
  });
  return html`<section class="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<p>${name} in ${withArticles.length === 1 ? "1 month" : `${withArticles.length} months`} between ${label(months[0]?.month ?? "")} and ${label(months[months.length - 1]?.month ?? "")}${
    peak && max > 1 ? `; most articles in ${label(peak.month)} (${max})` : ""
  }.</p>
<svg class="timeline-chart" aria-hidden="true" focusable="false" viewBox="0 0 ${width} ${HEIGHT}" width="${Math.min(width, 720)}" height="${HEIGHT}" preserveAspectRatio="none">${bars}</svg>
<details>
<summary>Articles per month</summary>
<table>
<thead><tr><th scope="col">Month</th><th scope="col">Articles</th></tr></thead>
<tbody>
${withArticles.map((m) => html`<tr><td>${m.url ? html`<a href="${href(m.url, site)}">${label(m.month)}</a>` : label(m.month)}</td><td>${m.count}</td></tr>`)}
</tbody>
</table>
</details>
</section>`;
}
