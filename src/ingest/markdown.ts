/**
 * Seed text into Markdown that renders back to exactly that text. A seed is text, never markup:
 * `<script>`, `[x](javascript:…)`, `*stars*` or `{{ x }}` in a seed must show as those
 * characters. CommonMark lets any ASCII punctuation be backslash-escaped, so every character that
 * could open markup is escaped, plus the line-initial forms that would start a block (lists,
 * headings, numbered items).
 */
import type { PullQuote } from "./article.ts";

const INLINE = /[\\`*_[\]<>&~|{}#!]/g;

/** What makes `escapeMarkdown` change a text: an `INLINE` character, a line break, a line-initial character it escapes (digits included), or space at either end. */
const ESCAPED = /[\\`*_[\]<>&~|{}#!\n]|^[-+=\d\s]|\s$/;

/**
 * Escapes one paragraph of plain text (no newlines) as Markdown.
 *
 * @example escapeMarkdown("*not* <b>bold</b>") // "\\*not\\* \\<b\\>bold\\</b\\>"
 */
export function escapeMarkdown(text: string): string {
  // Most paragraphs hold nothing to escape or flatten, and are returned as they are: every
  // build makes the body of every article, a tenth of a second at 10,000 articles.
  if (!ESCAPED.test(text)) return text;
  const flat = text.replace(/\s*\n\s*/g, " ").trim();
  return flat
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/^([-+=])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

function quoteBlock(quote: PullQuote): string {
  const lines = [`> ${escapeMarkdown(quote.text)}`];
  if (quote.attribution) lines.push(">", `> — ${escapeMarkdown(quote.attribution)}`);
  return lines.join("\n");
}

/** The article body: paragraphs separated by blank lines, pull quotes as block quotes in place. */
export function renderBody(paragraphs: readonly string[], pullQuotes: readonly PullQuote[]): string {
  const blocks: string[] = [];
  for (const q of pullQuotes) if (q.after < 0) blocks.push(quoteBlock(q));
  paragraphs.forEach((p, i) => {
    blocks.push(escapeMarkdown(p));
    for (const q of pullQuotes) if (q.after === i) blocks.push(quoteBlock(q));
  });
  for (const q of pullQuotes) if (q.after >= paragraphs.length) blocks.push(quoteBlock(q));
  return blocks.join("\n\n") + "\n";
}
