import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { renderMarkdown, type MentionLink } from "../../src/site/markdown.ts";

const assad: MentionLink = { names: ["Bashar al-Assad", "Assad", "al-Assad"], href: "/people/bashar-al-assad/" };
const iran: MentionLink = { names: ["Iran"], href: "/places/iran/" };
const bashar: MentionLink = { names: ["Bashar"], href: "/people/bashar/" };

const mentions = (body: string, links: MentionLink[]): [string, string][] => {
  const $ = cheerio.load(renderMarkdown(body, links));
  return $("a.mention").map((_, a) => [[$(a).text(), $(a).attr("href") ?? ""]]).get() as [string, string][];
};

describe("entity links in article bodies", () => {
  it("links the first mention of each entity, by whichever name comes first", () => {
    expect(mentions("Assad met envoys. Later Bashar al-Assad spoke in Iran, and Iran replied.", [assad, iran])).toEqual([
      ["Assad", assad.href],
      ["Iran", iran.href],
    ]);
  });

  it("takes the longest name at a word, and does not look inside it again", () => {
    // "Bashar" is another entity's name, but here it is part of al-Assad's full name.
    expect(mentions("Bashar al-Assad and Bashar.", [assad, bashar])).toEqual([
      ["Bashar al-Assad", assad.href],
      ["Bashar", bashar.href],
    ]);
  });

  it("matches whole words only", () => {
    expect(mentions("Iranian officials, not Iran's.", [iran])).toEqual([["Iran", iran.href]]);
    expect(mentions("Iranians everywhere.", [iran])).toEqual([]);
  });

  it("leaves pull quotes alone and spans paragraphs", () => {
    expect(mentions("> Iran said so\n\nNothing here.\n\nThen Iran.", [iran])).toEqual([["Iran", iran.href]]);
    const $ = cheerio.load(renderMarkdown("> Iran said so\n\nThen Iran.", [iran]));
    expect($("blockquote a").length).toBe(0);
  });

  it("keeps hostile names as text, inside the link too", () => {
    const hostile: MentionLink = { names: ["Evil <b>Corp</b>"], href: "/organizations/evil-corp/" };
    const html = renderMarkdown("We saw Evil \\<b\\>Corp\\</b\\> today.", [hostile]);
    const $ = cheerio.load(html);
    expect($("a.mention").text()).toBe("Evil <b>Corp</b>");
    expect($("b").length).toBe(0);
  });
});
