import { describe, expect, it } from "vitest";
import type { ExtractedEntity } from "../../src/ingest/article.ts";
import { canonicalise, normaliseName } from "../../src/entities/canonical.ts";

const person = (name: string, aliases: string[] = [], mentions = 1): ExtractedEntity => ({ name, type: "person", aliases, mentions });
const place = (name: string, mentions = 1): ExtractedEntity => ({ name, type: "place", aliases: [], mentions });

describe("normaliseName", () => {
  it.each([
    ["Tehran's", "tehran"],
    ["U.S.", "u s"],
    ["José  Mourinho", "jose mourinho"],
    ["al-Assad", "al assad"],
    // `&` as slugs spell it, so the two spellings are one entity.
    ["Securities & Exchange Commission", "securities and exchange commission"],
    ["Securities and Exchange Commission", "securities and exchange commission"],
  ])("%j → %j", (name, norm) => expect(normaliseName(name)).toBe(norm));
});

describe("canonicalise", () => {
  it("gives one entity the same name and slug in every article", () => {
    const [a, b] = canonicalise([[person("Tony Blair")], [person("tony blair")]]);
    expect(a?.[0]).toMatchObject({ name: "Tony Blair", slug: "tony-blair" });
    expect(b?.[0]).toMatchObject({ name: "Tony Blair", slug: "tony-blair", aliases: ["tony blair"] });
  });

  it("joins a lone surname to the one full name that owns it", () => {
    const [, b] = canonicalise([[person("Tony Blair", ["Blair"])], [person("Blair", [], 3)]]);
    expect(b).toEqual([{ name: "Tony Blair", type: "person", slug: "tony-blair", aliases: ["Blair"], mentions: 3 }]);
  });

  it("joins an initial and a surname, as team sheets name players, to the one full name they fit", () => {
    const [, b] = canonicalise([[person("Paul O'Connell")], [person("P O'Connell", [], 2)]]);
    expect(b).toEqual([{ name: "Paul O'Connell", type: "person", slug: "paul-o-connell", aliases: ["P O'Connell"], mentions: 2 }]);
    // Two that fit: neither.
    const [, , c] = canonicalise([[person("Gareth Thomas")], [person("Gavin Thomas")], [person("G Thomas")]]);
    expect(c?.[0]).toMatchObject({ name: "G Thomas", slug: "g-thomas" });
    // Once the initial has joined its full name, the surname alone has one owner.
    const [, , d] = canonicalise([[person("Gareth Thomas")], [person("G Thomas")], [person("Thomas")]]);
    expect(d?.[0]).toMatchObject({ name: "Gareth Thomas", aliases: ["Thomas"] });
  });

  it("never merges two people who share a surname", () => {
    const [, , c] = canonicalise([[person("Tony Blair")], [person("Cherie Blair")], [person("Blair")]]);
    expect(c?.[0]).toMatchObject({ name: "Blair", slug: "blair" });
  });

  it("does not merge across types", () => {
    const [a] = canonicalise([[person("Jordan Henderson"), place("Jordan")]]);
    expect(a?.map((e) => e.name)).toEqual(["Jordan Henderson", "Jordan"]);
  });

  it("never gives two entities of one type one slug; entities of two types may share one, their pages being apart", () => {
    // Georgía is Georgia; Ørsted and Orsted are two names with one slug.
    const out = canonicalise([[person("Georgia"), place("Georgia"), place("Georgía"), place("Orsted"), place("Ørsted")]]).flat();
    expect(out.map((e) => [e.type, e.name, e.slug]).sort()).toEqual([
      ["person", "Georgia", "georgia"],
      ["place", "Georgia", "georgia"],
      ["place", "Orsted", "orsted"],
      ["place", "Ørsted", "orsted-2"],
    ]);
  });

  it("merges two entities of one article that turn out to be one, summing mentions", () => {
    const [a] = canonicalise([[person("Tony Blair", [], 2), person("TONY BLAIR", [], 1)]]);
    expect(a).toEqual([{ name: "Tony Blair", type: "person", slug: "tony-blair", aliases: ["TONY BLAIR"], mentions: 3 }]);
  });

  it("orders each article's entities by mentions", () => {
    const [a] = canonicalise([[place("Paris", 1), place("Rome", 5), place("Oslo", 2)]]);
    expect(a?.map((e) => e.name)).toEqual(["Rome", "Oslo", "Paris"]);
  });
});
