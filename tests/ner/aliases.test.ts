import { describe, expect, it } from "vitest";
import type { EntityType, ExtractedEntity } from "../../src/ingest/article.js";
import { groupMentions } from "../../src/ner/aliases.js";

function group(mentions: [string, EntityType][]): ExtractedEntity[] {
  return groupMentions(mentions.map(([name, type], order) => ({ name, type, order })));
}

describe("`groupMentions`", () => {
  it.each([
    [
      "a surname joins the full name",
      [["Vladimir Putin", "person"], ["Putin", "person"], ["Putin", "person"]],
      [{ name: "Vladimir Putin", type: "person", aliases: ["Putin"], mentions: 3 }],
    ],
    [
      "a surname joins the full name whatever its own type",
      [["Vladimir Putin", "person"], ["Putin", "organization"]],
      [{ name: "Vladimir Putin", type: "person", aliases: ["Putin"], mentions: 2 }],
    ],
    [
      "Assad and al-Assad join Bashar al-Assad",
      [["Assad", "person"], ["Bashar al-Assad", "person"], ["al-Assad", "person"]],
      [{ name: "Bashar al-Assad", type: "person", aliases: ["Assad", "al-Assad"], mentions: 3 }],
    ],
    [
      "US, U.S. and United States are one place",
      [["US", "place"], ["U.S.", "organization"], ["United States", "place"]],
      [{ name: "United States", type: "place", aliases: ["US", "U.S."], mentions: 3 }],
    ],
    [
      "a known abbreviation gets its full name even when only the abbreviation occurs",
      [["UN", "organization"]],
      [{ name: "United Nations", type: "organization", aliases: ["UN"], mentions: 1 }],
    ],
    [
      "the party's adjective is the party, as the Liberal Democrats' is theirs",
      [["Conservative", "organization"], ["Tories", "organization"]],
      [{ name: "Conservative Party", type: "organization", aliases: ["Conservative", "Tories"], mentions: 2 }],
    ],
    [
      "UK and Britain are one place",
      [["Britain", "place"], ["UK", "place"]],
      [{ name: "United Kingdom", type: "place", aliases: ["Britain", "UK"], mentions: 2 }],
    ],
    [
      "an acronym joins its organisation",
      [["International Monetary Fund", "organization"], ["IMF", "organization"]],
      [{ name: "International Monetary Fund", type: "organization", aliases: ["IMF"], mentions: 2 }],
    ],
    [
      "a shared surname goes to the nearest full name before it",
      [["Bill Clinton", "person"], ["Hillary Clinton", "person"], ["Clinton", "person"], ["Bill Clinton", "person"], ["Clinton", "person"]],
      [
        { name: "Bill Clinton", type: "person", aliases: ["Clinton"], mentions: 3 },
        { name: "Hillary Clinton", type: "person", aliases: ["Clinton"], mentions: 2 },
      ],
    ],
    [
      "most mentioned first, then first mentioned",
      [["Moscow", "place"], ["Tehran", "place"], ["Tehran", "place"], ["Vienna", "place"]],
      [
        { name: "Tehran", type: "place", aliases: [], mentions: 2 },
        { name: "Moscow", type: "place", aliases: [], mentions: 1 },
        { name: "Vienna", type: "place", aliases: [], mentions: 1 },
      ],
    ],
    [
      "the same name takes its majority type",
      [["Chelsea", "organization"], ["Chelsea", "person"], ["Chelsea", "organization"]],
      [{ name: "Chelsea", type: "organization", aliases: [], mentions: 3 }],
    ],
    [
      "a city and its team stay apart",
      [["Detroit", "organization"], ["Detroit", "place"]],
      [
        { name: "Detroit", type: "organization", aliases: [], mentions: 1 },
        { name: "Detroit", type: "place", aliases: [], mentions: 1 },
      ],
    ],
  ] as [string, [string, EntityType][], ExtractedEntity[]][])("%s", (_, mentions, expected) => {
    expect(group(mentions)).toEqual(expected);
  });
});

describe("`groupMentions` for organisations", () => {
  it.each([
    ["a club's last word", [["Manchester United", "organization"], ["United", "organization"]], "Manchester United", ["United"]],
    ["a company's short name", [["Microsoft Corp", "organization"], ["Microsoft", "organization"]], "Microsoft Corp", ["Microsoft"]],
  ] as [string, [string, EntityType][], string, string[]][])("%s joins the full name", (_, mentions, name, aliases) => {
    expect(group(mentions)).toEqual([{ name, type: "organization", aliases, mentions: mentions.length }]);
  });

  it("keeps a generic last word apart", () => {
    expect(group([["Labour Party", "organization"], ["Party", "organization"]])).toHaveLength(2);
  });
});
