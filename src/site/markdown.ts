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

/** One pattern for every name of every entity, longest first, so one scan finds them all. */
function namePattern(links: readonly MentionLink[]): { re: RegExp; hrefOf: Map<string, string> } | undefined {
  const hrefOf = new Map<string, string>();
  for (const l of links) for (const n of l.names) if (n.trim().length > 1 && !hrefOf.has(n)) hrefOf.set(n, l.href);
  if (!hrefOf.size) return undefined;
  const forms = [...hrefOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return { re: new RegExp(forms.join("|"), "g"), hrefOf };
}

const WORD = /[\p{L}\p{N}]/u;
/** A match counts only as a whole word: "Iran" must not link inside "Iranian". */
const wholeWord = (text: string, start: number, end: number): boolean =>
  !(start > 0 && WORD.test(text.charAt(start - 1))) && !(end < text.length && WORD.test(text.charAt(end)));

function linkFirstMentions(tokens: Token[], links: readonly MentionLink[]): void {
  const pattern = namePattern(links);
  if (!pattern) return;
  const linked = new Set<string>();
  let quoteDepth = 0;
  for (const block of tokens) {
    if (block.type === "blockquote_open") quoteDepth++;
    if (block.type === "blockquote_close") quoteDepth--;
    if (block.type !== "inline" || quoteDepth > 0 || !block.children) continue;
    const out: Token[] = [];
    for (const child of block.children) {
      if (child.type !== "text") {
        out.push(child);
        continue;
      }
      const text = child.content;
      let last = 0;
      pattern.re.lastIndex = 0;
      for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
        const href = pattern.hrefOf.get(m[0]);
        // Each entity links once, at its first mention.
        if (!href || linked.has(href) || !wholeWord(text, m.index, m.index + m[0].length)) continue;
        linked.add(href);
        const before = new TokenClass("text", "", 0);
        before.content = text.slice(last, m.index);
        const open = new TokenClass("link_open", "a", 1);
        open.attrSet("href", href);
        open.attrSet("class", "mention");
        const name = new TokenClass("text", "", 0);
        name.content = m[0];
        out.push(before, open, name, new TokenClass("link_close", "a", -1));
        last = m.index + m[0].length;
      }
      const tail = new TokenClass("text", "", 0);
      tail.content = text.slice(last);
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
