/**
 * The one Markdown renderer for article bodies. Ingest escaped the seed text, and raw HTML,
 * autolinks and typographic rewriting stay off here as a second line of defence: what the seed
 * said is what the page shows.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Block quotes in bodies are pull quotes (ingest writes no others).
md.renderer.rules.blockquote_open = () => '<blockquote class="pullquote">\n';

/** Renders a body to HTML. */
export function renderMarkdown(body: string): string {
  return md.render(body);
}
