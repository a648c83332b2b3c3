import MarkdownIt from "markdown-it";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderBody } from "../../src/ingest/markdown.ts";
import { renderMarkdown } from "../../src/site/markdown.ts";

const hostile = [
  "<script>alert(1)</script>",
  "[click](javascript:alert(1))",
  "![img](http://evil.example/x.png)",
  "<http://evil.example>",
  "http://autolink.example",
  "*emphasis* and **strong** and _under_",
  "`code` and ``more``",
  "# Not a heading",
  "- not a list",
  "+ not a list",
  "1. not a list",
  "2) not a list",
  "= not setext",
  "> not a quote",
  "{{ site.title }} {% include x %}",
  "a | b | c",
  "~~struck~~",
  "&amp; &lt;b&gt; &#60;",
  "&amp; and &copy; alone",
  "back\\slash\\",
  "Price: $7 billion --- and -- dashes",
  '"Quotes" and \'apostrophes\'',
  "<!-- comment -->",
  "[ref]: http://evil.example",
];

describe("escapeMarkdown", () => {
  it.each(hostile)("renders %j as exactly that text", (text) => {
    const rendered = new MarkdownIt().render(escapeMarkdown(text));
    const $ = cheerio.load(rendered);
    expect($("p").length).toBe(1);
    expect($("p").text()).toBe(text);
    expect($("a, img, script, strong, em, code, h1, ul, ol, blockquote, s, table").length).toBe(0);
  });

  it("renders any text as that text, flattened to one line (plain text returned as it is)", () => {
    // Random short texts from characters that matter: markup, line-initial forms, spaces, line
    // breaks (parsing has made every line ending a `\n`).
    const alphabet = ["a", "b", " ", "  ", "\t", "\n", "\u00a0", "1", "2", ".", ")", "-", "+", "=", "*", "_", "<", ">", "&", "#", "|", "[", "]", "`", "!", "~", "\\"];
    let seed = 7;
    const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    let plain = 0;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: next(10) }, () => alphabet[next(alphabet.length)]).join("");
      const escaped = escapeMarkdown(text);
      if (escaped === text) plain++;
      const flat = text.replace(/\s*\n\s*/g, " ").trim();
      const $ = cheerio.load(new MarkdownIt().render(escaped));
      expect($("body > *").length, JSON.stringify(text)).toBe(flat ? 1 : 0);
      if (flat) expect($("p").text(), JSON.stringify(text)).toBe(flat);
    }
    expect(plain).toBeGreaterThan(100);
    // Flattened and trimmed, which the rendering alone would not show.
    expect(["a\nb", "a \n b", " a", "a ", "a\u00a0", "Plain text, with commas."].map(escapeMarkdown)).toEqual(["a b", "a b", "a", "a", "a", "Plain text, with commas."]);
  });

  it("renders through the site's renderer the same way", () => {
    const $ = cheerio.load(renderMarkdown(hostile.map(escapeMarkdown).join("\n\n")));
    expect($("p").map((_, p) => $(p).text()).get()).toEqual(hostile);
  });
});

describe("renderBody", () => {
  it("places pull quotes after their paragraph, with attribution", () => {
    const body = renderBody(["One.", "Two."], [{ text: "Said *it*", attribution: "A <b>Person</b>", after: 0 }]);
    const $ = cheerio.load(renderMarkdown(body));
    expect($("body > *").map((_, e) => e.tagName).get()).toEqual(["p", "blockquote", "p"]);
    expect($("blockquote.pullquote p").map((_, p) => $(p).text()).get()).toEqual(["Said *it*", "— A <b>Person</b>"]);
  });
});
