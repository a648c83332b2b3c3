import { describe, expect, it } from "vitest";
import type { EntityType } from "../../src/ingest/article.js";
import type { Mention } from "../../src/ner/mentions.js";
import { cleanName, type NameContext } from "../../src/ner/names.js";
import { splitAtRoles } from "../../src/ner/roles.js";
import { tokenize } from "../../src/ner/tokenize.js";

const DEMONYMS = new Set(["russian", "iranian", "american", "british"]);

/** A mention covering all of `text`, and the context to clean it in. */
function mentionOf(text: string, type: EntityType, caps = false): [Mention, NameContext] {
  const mention: Mention = { type, tokens: tokenize(text), sentence: 0, caps };
  const context: NameContext = {
    text,
    casedText: caps ? "" : text,
    isDemonym: (word) => DEMONYMS.has(word.toLowerCase()),
    spellings: new Map(),
  };
  return [mention, context];
}

function clean(text: string, type: EntityType, caps = false): string[] {
  const [mention, context] = mentionOf(text, type, caps);
  return splitAtRoles(mention).flatMap((m) => cleanName(m, { ...context, text }) ?? []);
}

describe("`cleanName` with `splitAtRoles`", () => {
  it.each([
    ["strips a demonym and title", "Russian President Vladimir Putin", "person", ["Vladimir Putin"]],
    ["strips Mr", "Mr Blair", "person", ["Blair"]],
    ["strips Mr.", "Mr. Blair", "person", ["Blair"]],
    ["strips Prime Minister", "Prime Minister Tony Blair", "person", ["Tony Blair"]],
    ["strips Chancellor", "Chancellor Gordon Brown", "person", ["Gordon Brown"]],
    ["strips a department and Secretary", "Trade and Industry Secretary Patricia Hewitt", "person", ["Patricia Hewitt"]],
    ["strips a hyphenated title", "Lieutenant-Colonel Max Marriner", "person", ["Max Marriner"]],
    ["splits an organisation from its officer", "Federal Reserve Governor Lawrence Lindsey", "organization", ["Federal Reserve", "Lawrence Lindsey"]],
    ["cuts a person's country", "Tono Eitel of Germany", "person", ["Tono Eitel"]],
    ["cuts a trailing day", "Jose Insulza Monday", "person", ["Jose Insulza"]],
    ["drops a possessive", "Tehran's", "place", ["Tehran"]],
    ["drops a curly possessive", "Kremlin’s", "organization", ["Kremlin"]],
    ["drops a plural possessive", "Smiths'", "person", ["Smiths"]],
    ["drops a leading the", "the Kremlin", "organization", ["Kremlin"]],
    ["keeps organisation names whole", "Russian Foreign Ministry", "organization", ["Russian Foreign Ministry"]],
    ["keeps General Motors", "General Motors", "organization", ["General Motors"]],
    ["keeps al-Assad", "Bashar al-Assad", "person", ["Bashar al-Assad"]],
    ["keeps Mervyn King's surname", "King", "person", ["King"]],
    ["strips a peer's title", "Baroness Thatcher", "person", ["Thatcher"]],
    ["cuts members' titles after a party", "Labour MPs", "organization", ["Labour"]],
    ["keeps members' titles after of", "Association of MPs", "organization", ["Association of MPs"]],
    ["keeps a faith's name in an organisation's", "Muslim Council of Britain", "organization", ["Muslim Council of Britain"]],
  ] as const)("%s", (_, text, type, expected) => {
    expect(clean(text, type)).toEqual(expected);
  });

  it.each([
    ["a bare title", "President", "person"],
    ["a bare two-word title", "Prime Minister", "person"],
    ["a day", "Friday", "organization"],
    ["a month", "November", "place"],
    ["a bare demonym", "Iranian", "person"],
    ["a common-noun acronym", "DVD", "organization"],
    ["an event", "World Cup", "organization"],
    ["a faith's adjective", "Muslim", "person"],
    ["a sentence's first word", "Born", "place"],
    ["a team sheet's heading", "Subs Not", "organization"],
    ["punctuation", "--", "place"],
    ["a lowercase word", "government", "organization"],
  ] as const)("drops junk: %s", (_, text, type) => {
    expect(clean(text, type)).toEqual([]);
  });

  it("restores the article's spelling of a caps headline word", () => {
    const [mention, context] = mentionOf("IRAN", "place", true);
    expect(cleanName(mention, { ...context, casedText: "Putin will visit Iran this month." })).toBe("Iran");
  });

  it("title-cases a caps headline word the article never spells otherwise", () => {
    expect(clean("PUTIN", "person", true)).toEqual(["Putin"]);
  });
});
