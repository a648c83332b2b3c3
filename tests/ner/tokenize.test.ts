import { describe, expect, it } from "vitest";
import { splitSentences, tokenize } from "../../src/ner/tokenize.js";

describe("`tokenize`", () => {
  it("splits on the whitespace `\\s` matches, keeping offsets", () => {
    const text = "Putin\u00a0visits\u2009Tehran\u3000today\t\r\n.";
    expect(tokenize(text).map((t) => [t.text, t.start])).toEqual([
      ["Putin", 0],
      ["visits", 6],
      ["Tehran", 13],
      ["today", 20],
      [".", 28],
    ]);
  });

  it.each([
    ["keeps Arabic articles attached", "Bashar al-Assad spoke", ["Bashar", "al-Assad", "spoke"]],
    ["keeps dotted abbreviations", "the U.S. and U.N. agreed", ["the", "U.S.", "and", "U.N.", "agreed"]],
    ["keeps the abbreviation's dot at a sentence end", "sanctions on the U.S.", ["sanctions", "on", "the", "U.S."]],
    ["keeps model numbers whole", "S-300 missiles", ["S-300", "missiles"]],
    ["splits the possessive", "Tehran's programme", ["Tehran", "'s", "programme"]],
    ["splits a curly possessive", "Tehran’s programme", ["Tehran", "’s", "programme"]],
    ["splits the plural possessive", "the Smiths' house", ["the", "Smiths", "'", "house"]],
    ["splits n't", "it didn't", ["it", "did", "n't"]],
    ["splits straight quotes", 'no "right" to', ["no", '"', "right", '"', "to"]],
    ["splits curly quotes", "said “yes,” he", ["said", "“", "yes", ",", "”", "he"]],
    ["splits a spaced dash", "Putin - who", ["Putin", "-", "who"]],
    ["splits an em dash between words", "Moscow—Tehran", ["Moscow", "—", "Tehran"]],
    ["splits an en dash", "Russia – Iran", ["Russia", "–", "Iran"]],
    ["splits currency from amounts", "a $7 billion loan", ["a", "$", "7", "billion", "loan"]],
    ["keeps Mr. whole", "Mr. Blair said.", ["Mr.", "Blair", "said", "."]],
  ])("%s", (_, text, expected) => {
    expect(tokenize(text).map((t) => t.text)).toEqual(expected);
  });

  it.each([
    ["’s", "'s"],
    ["“", '"'],
    ["”", '"'],
    ["—", "-"],
    ["–", "-"],
  ])("normalises %s to the form %s", (text, form) => {
    expect(tokenize(`Word${text === "’s" ? "" : " "}${text}`).pop()?.form).toBe(form);
  });

  it("keeps offsets into the input", () => {
    const text = "“Tehran’s deal,” said al-Assad.";
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });
});

describe("`splitSentences`", () => {
  it.each([
    ["a headline line stands alone", "Putin to visit Iran\nHe will go.", [["Putin", "to", "visit", "Iran"], ["He", "will", "go", "."]]],
    ["breaks after a full stop before a capital", "He left. She stayed.", [["He", "left", "."], ["She", "stayed", "."]]],
    ["keeps a glued closing quote", '"We will go." Then', [['"', "We", "will", "go", ".", '"'], ["Then"]]],
    ["does not break before a lowercase word", "the U.S. team won.", [["the", "U.S.", "team", "won", "."]]],
  ])("%s", (_, text, expected) => {
    expect(splitSentences(text).map((s) => s.map((t) => t.text))).toEqual(expected);
  });

  it("keeps offsets across lines", () => {
    const text = "Headline here\nRussia and Iran met.";
    for (const sentence of splitSentences(text)) for (const t of sentence) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});
