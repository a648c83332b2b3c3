/**
 * The one Markdown renderer for article bodies. Ingest escaped the seed text, and raw HTML,
 * autolinks and typographic rewriting stay off here as a second line of defence: what the seed
 * said is what the page shows.
 *
 * Entity links are added on the token stream, not by string replacement on HTML: the first
 * mention of each entity in the body (outside pull quotes) becomes a link to its page.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Block quotes in bodies are pull quotes (ingest writes no others).
md.renderer.rules.blockquote_open = () => '<blockquote class="pullquote">\n';

type Token = ReturnType<typeof md.parse>[number];
const TokenClass = new md.core.State("", md, {}).Token;

export interface MentionLink {
  /** Every surface form that names the entity. */
  names: string[];
  href: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function pattern(names: readonly string[]): RegExp | undefined {
  const forms = [...new Set(names.filter((n) => n.trim().length > 1))].sort((a, b) => b.length - a.length);
  if (!forms.length) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "u");
}

function linkFirstMentions(tokens: Token[], links: readonly MentionLink[]): void {
  const pending = links.flatMap((l) => {
    const re = pattern(l.names);
    return re ? [{ re, href: l.href }] : [];
  });
  let quoteDepth = 0;
  for (const block of tokens) {
    if (block.type === "blockquote_open") quoteDepth++;
    if (block.type === "blockquote_close") quoteDepth--;
    if (block.type !== "inline" || quoteDepth > 0 || !block.children || !pending.length) continue;
    const out: Token[] = [];
    for (const child of block.children) {
      if (child.type !== "text") {
        out.push(child);
        continue;
      }
      let rest = child.content;
      for (;;) {
        // The earliest mention in the rest of this text node wins; each entity links once.
        let best: { index: number; length: number; at: number } | undefined;
        pending.forEach((p, at) => {
          const m = p.re.exec(rest);
          if (m && (!best || m.index < best.index || (m.index === best.index && m[0].length > best.length))) best = { index: m.index, length: m[0].length, at };
        });
        if (!best) break;
        const [link] = pending.splice(best.at, 1);
        const before = new TokenClass("text", "", 0);
        before.content = rest.slice(0, best.index);
        const open = new TokenClass("link_open", "a", 1);
        open.attrSet("href", link?.href ?? "");
        open.attrSet("class", "mention");
        const text = new TokenClass("text", "", 0);
        text.content = rest.slice(best.index, best.index + best.length);
        const close = new TokenClass("link_close", "a", -1);
        out.push(before, open, text, close);
        rest = rest.slice(best.index + best.length);
      }
      const tail = new TokenClass("text", "", 0);
      tail.content = rest;
      out.push(tail);
    }
    block.children = out;
  }
}

/** Renders a body to HTML, linking the first mention of each entity when links are given. */
export function renderMarkdown(body: string, links: readonly MentionLink[] = []): string {
  if (!links.length) return md.render(body);
  const env = {};
  const tokens = md.parse(body, env);
  linkFirstMentions(tokens, links);
  return md.renderer.render(tokens, md.options, env);
}
