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

/** Runs of letters and digits: the words a name must start and end on. */
const WORDS = /[\p{L}\p{N}]+/gu;
const WORD = /[\p{L}\p{N}]/u;

const firstWord = (name: string): string | undefined => {
  WORDS.lastIndex = 0;
  const m = WORDS.exec(name);
  // Only a name that begins with a word can begin at a word in the text.
  return m && m.index === 0 ? m[0] : undefined;
};

/**
 * Every name of every entity, by its first word, longest first: the scan looks names up at
 * each word of the text instead of trying every name at every character (which was a tenth of
 * a large build's render time).
 */
function nameIndex(links: readonly MentionLink[]): Map<string, { name: string; href: string }[]> {
  const byFirst = new Map<string, { name: string; href: string }[]>();
  const seen = new Set<string>();
  for (const l of links) {
    for (const name of l.names) {
      const first = firstWord(name);
      if (name.trim().length <= 1 || first === undefined || seen.has(name)) continue;
      seen.add(name);
      const list = byFirst.get(first) ?? [];
      list.push({ name, href: l.href });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.name.length - a.name.length);
  return byFirst;
}

/**
 * The mentions in `text`: at each word, the longest name that starts there and ends at a word
 * boundary ("Iran" does not match inside "Iranian"). Text inside a matched name is not looked
 * at again, so "Assad" in "Bashar al-Assad" is part of that mention, not one of its own.
 */
function* mentionsIn(text: string, byFirst: ReadonlyMap<string, readonly { name: string; href: string }[]>): Generator<{ start: number; end: number; href: string }> {
  const words = new RegExp(WORDS.source, WORDS.flags);
  for (let m = words.exec(text); m; m = words.exec(text)) {
    const candidates = byFirst.get(m[0]);
    if (!candidates) continue;
    for (const { name, href } of candidates) {
      const end = m.index + name.length;
      if (!text.startsWith(name, m.index) || (end < text.length && WORD.test(text.charAt(end)))) continue;
      yield { start: m.index, end, href };
      words.lastIndex = end;
      break;
    }
  }
}

function linkFirstMentions(tokens: Token[], links: readonly MentionLink[]): void {
  const byFirst = nameIndex(links);
  if (!byFirst.size) return;
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
      for (const { start, end, href } of mentionsIn(text, byFirst)) {
        // Each entity links once, at its first mention.
        if (linked.has(href)) continue;
        linked.add(href);
        const before = new TokenClass("text", "", 0);
        before.content = text.slice(last, start);
        const open = new TokenClass("link_open", "a", 1);
        open.attrSet("href", href);
        open.attrSet("class", "mention");
        const name = new TokenClass("text", "", 0);
        name.content = text.slice(start, end);
        out.push(before, open, name, new TokenClass("link_close", "a", -1));
        last = end;
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
