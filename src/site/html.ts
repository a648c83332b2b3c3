/**
 * HTML by tagged template, escaped by default. Every interpolated value is escaped unless it
 * is already `Html` (built by this module), so a headline or entity name cannot become markup
 * by forgetting a filter somewhere.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | undefined | null | false | readonly Part[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values (and XML). */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape; testing first skips the replace and its callbacks.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : text;
}

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

function stringify(part: Part): string {
  if (part === undefined || part === null || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(stringify).join("");
  return escapeHtml(String(part));
}

/**
 * @example html`<p>${"<b>"}</p>`.value // "<p>&lt;b&gt;</p>"
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += stringify(v) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Trusted markup, e.g. rendered Markdown whose input was escaped at ingest. */
export const raw = (markup: string): Html => new Html(markup);
