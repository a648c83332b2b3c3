import { describe, expect, it } from "vitest";
import { readMentions } from "../../src/ner/mentions.ts";
import { tokenize } from "../../src/ner/tokenize.ts";

/** Mentions of `text` tagged by hand: `tags` holds one IOB2 tag per token. */
function mentions(text: string, tags: string[]): [string, string][] {
  const tokens = tokenize(text);
  expect(tokens).toHaveLength(tags.length);
  return readMentions(tokens, tags, 0, false).map((m) => [m.tokens.map((t) => t.text).join(" "), m.type]);
}

describe("readMentions", () => {
  it("reads spans off IOB2 tags and drops MISC", () => {
    expect(mentions("Putin met Iranian officials in Tehran", ["B-PER", "O", "B-MISC", "O", "O", "B-LOC"])).toEqual([
      ["Putin", "person"],
      ["Tehran", "place"],
    ]);
    expect(mentions("Bank of England rose", ["B-ORG", "I-ORG", "I-ORG", "O"])).toEqual([["Bank of England", "organization"]]);
  });

  it("takes in the number the tagger leaves outside a station's name", () => {
    expect(mentions("the Channel 4 soap", ["O", "B-ORG", "O", "O"])).toEqual([["Channel 4", "organization"]]);
    expect(mentions("on BBC Radio 4 today", ["O", "B-ORG", "I-ORG", "O", "O"])).toEqual([["BBC Radio 4", "organization"]]);
    expect(mentions("on Radio 5 Live last", ["O", "B-ORG", "O", "O", "O"])).toEqual([["Radio 5 Live", "organization"]]);
    expect(mentions("shown on BBC Two tonight", ["O", "O", "B-ORG", "O", "O"])).toEqual([["BBC Two", "organization"]]);
    // The tokeniser keeps a number's possessive on it; the name leaves it out.
    expect(mentions("told BBC Radio 4's Today programme", ["O", "B-ORG", "I-ORG", "O", "O", "O"])).toEqual([["BBC Radio 4", "organization"]]);
    // Tagged up to the number, the `Live` after it is still taken in.
    expect(mentions("on BBC Radio Five Live:", ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])).toEqual([["BBC Radio Five Live", "organization"]]);
  });

  it("ends a person's name at a bracket, and leaves out the possessive of a number the tagger took in", () => {
    // As the BBC's team lists have them: `Borthwick (Bath)`.
    expect(mentions("Steve Borthwick (Bath) and", ["B-PER", "I-PER", "I-PER", "I-PER", "O", "O"])).toEqual([["Steve Borthwick", "person"]]);
    // An organization keeps what it holds in brackets (as CoNLL-2003 has Yugoslav clubs).
    expect(mentions("beat Proleter (Z) 2-1", ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"])).toEqual([["Proleter ( Z )", "organization"]]);
    expect(mentions("told Radio 4's Today", ["O", "B-ORG", "I-ORG", "O"])).toEqual([["Radio 4", "organization"]]);
  });

  it("makes a person of a peer or a knight the tagger called something else, not of Lord of the Rings", () => {
    expect(mentions("said Lord Goldsmith today", ["O", "B-LOC", "I-LOC", "O"])).toEqual([["Lord Goldsmith", "person"]]);
    expect(mentions("Sir Alan Budd said", ["B-ORG", "I-ORG", "I-ORG", "O"])).toEqual([["Sir Alan Budd", "person"]]);
    expect(mentions("Lord Irvine of Lairg said", ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"])).toEqual([["Lord Irvine of Lairg", "person"]]);
    expect(mentions("Lord of the Rings", ["B-LOC", "I-LOC", "I-LOC", "I-LOC"])).toEqual([["Lord of the Rings", "place"]]);
    expect(mentions("Lady Lever Art Gallery", ["B-ORG", "I-ORG", "I-ORG", "I-ORG"])).toEqual([["Lady Lever Art Gallery", "organization"]]);
    expect(mentions("the Lord Mayor said", ["O", "B-ORG", "I-ORG", "O"])).toEqual([["Lord Mayor", "organization"]]);
    expect(mentions("Baroness Scotland and Baron Hughes", ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"])).toEqual([["Baroness Scotland and Baron Hughes", "organization"]]);
  });

  it("leaves other numbers, other types and lowercase words alone", () => {
    expect(mentions("said the BBC one day", ["O", "O", "B-ORG", "O", "O"])).toEqual([["BBC", "organization"]]);
    expect(mentions("Arsenal 2 Chelsea 1", ["B-ORG", "O", "B-ORG", "O"])).toEqual([["Arsenal", "organization"], ["Chelsea", "organization"]]);
    expect(mentions("the English Channel 2 miles", ["O", "B-LOC", "I-LOC", "O", "O"])).toEqual([["English Channel", "place"]]);
    expect(mentions("BBC Radio 45 years", ["B-ORG", "I-ORG", "O", "O"])).toEqual([["BBC Radio", "organization"]]);
  });
});
