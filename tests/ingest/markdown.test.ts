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
