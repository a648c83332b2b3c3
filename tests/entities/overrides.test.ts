import { describe, expect, it } from "vitest";
import type { ExtractedEntity } from "../../src/ingest/article.ts";
import { canonicalise } from "../../src/entities/canonical.ts";
import { Overrides, parseOverrides } from "../../src/entities/overrides.ts";

const e = (name: string, type: ExtractedEntity["type"], aliases: string[] = [], mentions = 1): ExtractedEntity => ({ name, type, aliases, mentions });

const RULES = `
- name: Tony Blair
  type: person
  match: [Blair, Mr Blair]
  slug: tony-blair-pm
  description: UK prime minister, 1997–2007
  sameAs: https://www.wikidata.org/wiki/Q9545
- name: Kremlin
  type: organization
- match: [Reuters Television]
  suppress: true
- name: Michael Jackson (writer)
  match: [Michael Jackson]
  articles: [beer-1]
- name: Georgia
  matchType: place
  sameAs: https://www.wikidata.org/wiki/Q230
`;

const run = (articles: ExtractedEntity[][], ids?: string[]) =>
  canonicalise(articles, { overrides: new Overrides(parseOverrides(RULES, "entities.yaml")), ...(ids ? { articleIds: ids } : {}) });

describe("editorial overrides", () => {
  it("renames and merges: every listed name becomes the one entity, with its slug and links", () => {
    const [a, b] = run([[e("Blair", "person", [], 2)], [e("Mr Blair", "organization")]]);
    const expected = { name: "Tony Blair", type: "person", slug: "tony-blair-pm", description: "UK prime minister, 1997–2007", sameAs: "https://www.wikidata.org/wiki/Q9545" };
    expect(a).toEqual([{ ...expected, aliases: ["Blair"], mentions: 2 }]);
    expect(b).toEqual([{ ...expected, aliases: ["Mr Blair"], mentions: 1 }]);
  });

  it("retypes", () => {
    expect(run([[e("Kremlin", "place")]])[0]).toMatchObject([{ name: "Kremlin", type: "organization", slug: "kremlin" }]);
  });

  it("suppresses", () => {
    expect(run([[e("Reuters Television", "organization"), e("Paris", "place")]])[0]?.map((x) => x.name)).toEqual(["Paris"]);
  });

  it("splits: a rule with articles applies only there", () => {
    const [beer, pop] = run([[e("Michael Jackson", "person")], [e("Michael Jackson", "person")]], ["beer-1", "pop-1"]);
    expect(beer?.[0]).toMatchObject({ name: "Michael Jackson (writer)", slug: "michael-jackson-writer" });
    expect(pop?.[0]).toMatchObject({ name: "Michael Jackson", slug: "michael-jackson" });
  });

  it("narrows by matchType", () => {
    const [a] = run([[e("Georgia", "place"), e("Georgia", "person")]]);
    expect(a?.find((x) => x.type === "place")?.sameAs).toBe("https://www.wikidata.org/wiki/Q230");
    expect(a?.find((x) => x.type === "person")?.sameAs).toBeUndefined();
  });

  it("keeps a fixed slug away from the machine's entities", () => {
    const [a] = canonicalise([[e("Tony Blair PM", "person"), e("X", "person"), e("Tony Blair PM", "place")]], {
      overrides: new Overrides(parseOverrides("- name: X\n  slug: tony-blair-pm\n", "f")),
    });
    // Away from the machine's people; a place may have it too (its page is /places/tony-blair-pm/).
    expect(a?.map((x) => [x.type, x.name, x.slug]).sort()).toEqual([
      ["person", "Tony Blair PM", "tony-blair-pm-2"],
      ["person", "X", "tony-blair-pm"],
      ["place", "Tony Blair PM", "tony-blair-pm"],
    ]);
  });

  it.each([
    ["- name: A\n  type: robot\n", /rule 1: "type" must be one of/],
    ["- name: A\n  colour: red\n", /rule 1: unknown key "colour"/],
    ["- type: person\n", /rule 1: needs a name or a match list/],
    ["- name: A\n  slug: Not OK\n", /rule 1: slug/],
    ["- name: A\n  sameAs: javascript:alert(1)\n", /rule 1: sameAs must be an http/],
    ["- match: [A]\n  type: person\n", /rule 1: give the entity's name/],
    ["name: [unclosed\n", /invalid YAML/],
    ["just text\n", /expected a list of rules/],
    ["- name: Angela Merkel\n  slug: leader\n- name: Emmanuel Macron\n  slug: leader\n", /rule 2: slug "leader" is already rule 1's, for Angela Merkel: two entities cannot share a page/],
    ["- name: Georgia\n  type: place\n  slug: georgia\n- name: Tbilisi\n  type: place\n  slug: georgia\n", /rule 2: slug "georgia" is already rule 1's, for Georgia \(place\)/],
    // Other names, one type not given: they may land on one type's page. Refused whatever the order.
    ["- name: Georgia\n  type: person\n  slug: georgia\n- name: Tbilisi\n  slug: georgia\n", /rule 2: slug "georgia" is already rule 1's, for Georgia \(person\)/],
    ["- name: Tbilisi\n  slug: georgia\n- name: Georgia\n  type: place\n  slug: georgia\n", /rule 2: slug "georgia" is already rule 1's, for Tbilisi/],
  ])("refuses %j, naming the rule", (text, message) => {
    expect(() => parseOverrides(text, "seeds/entities.yaml")).toThrow(message);
    expect(() => parseOverrides(text, "seeds/entities.yaml")).toThrow(/^seeds\/entities\.yaml: /);
  });

  it("lets rules for entities of two given types share a slug: their pages are apart", () => {
    const text = "- name: Georgia\n  type: place\n  slug: georgia\n- name: Georgia\n  type: person\n  slug: georgia\n- name: Georgia Country\n  type: organization\n  slug: georgia\n";
    expect(parseOverrides(text, "f").map((r) => [r.type, r.slug])).toEqual([
      ["place", "georgia"],
      ["person", "georgia"],
      ["organization", "georgia"],
    ]);
  });

  it("lets rules for one entity share its slug", () => {
    const text = "- name: Tony Blair\n  slug: tony-blair\n- name: tony blair\n  type: person\n  slug: tony-blair\n  match: [Mr B]\n  articles: [a1]\n- name: X\n  slug: x\n  suppress: true\n- name: Y\n  slug: x\n  suppress: true\n";
    expect(parseOverrides(text, "f").map((r) => r.slug)).toEqual(["tony-blair", "tony-blair", "x", "x"]);
  });

  it("accepts an empty file and an `entities:` wrapper", () => {
    expect(parseOverrides("", "f")).toEqual([]);
    expect(parseOverrides("entities:\n  - name: A\n", "f")).toHaveLength(1);
  });
});
