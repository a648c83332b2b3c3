import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EntityType } from "../../src/ingest/article.js";
import { extractEntities } from "../../src/entities/extract.js";

/** The seed as ingest hands it over: headline + paragraphs, the pull-quote line (` |`) removed. */
function seedText(): string {
  const raw = readFileSync(new URL("../../seeds/000_9839d7d5526b8e16.txt", import.meta.url), "utf8");
  return raw
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0 && !line.trimEnd().endsWith("|"))
    .join("\n");
}

describe("`extractEntities` on the first seed", () => {
  const entities = extractEntities(seedText());
  const byName = new Map(entities.map((e) => [e.name, e]));

  it.each([
    ["Vladimir Putin", "person", ["Putin"]],
    ["Bashar al-Assad", "person", ["Assad"]],
    ["Yury Ushakov", "person", []],
    ["Kremlin", "organization", []],
    ["Interfax", "organization", []],
    ["United Nations", "organization", []],
    ["Iran", "place", []],
    ["Syria", "place", []],
    ["Russia", "place", []],
    ["Moscow", "place", []],
    ["Tehran", "place", []],
    ["Vienna", "place", []],
    ["United States", "place", ["US"]],
    ["Saudi Arabia", "place", []],
    ["Turkey", "place", []],
    ["Israel", "place", []],
  ] as [string, EntityType, string[]][])("finds %s as a %s", (name, type, aliases) => {
    const entity = byName.get(name);
    expect(entity?.type).toBe(type);
    for (const alias of aliases) expect(entity?.aliases).toContain(alias);
  });

  it.each(["Putin", "Assad", "US", "Russian", "Iranian", "Syrian", "Austrian", "President", "Friday", "Saturday", "November", "S-300"])(
    "has no entity named %s",
    (name) => {
      expect(byName.has(name)).toBe(false);
    },
  );

  it("puts the most mentioned first", () => {
    const mentions = entities.map((e) => e.mentions);
    expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
    expect(entities[0]?.name).toBe("Iran");
  });

  it("counts every form of a name", () => {
    expect(byName.get("Vladimir Putin")?.mentions).toBe(5);
  });
});

describe("`extractEntities`", () => {
  it.each([
    ["an empty text", ""],
    ["a text without names", "prices rose on friday\nthe market was calm."],
  ])("returns nothing for %s", (_, text) => {
    expect(extractEntities(text)).toEqual([]);
  });

  it("merges US, U.S. and United States", () => {
    const text = "US warns Iran\nThe United States said on Monday that U.S. forces would stay. The US embassy agreed.";
    const us = extractEntities(text).filter((e) => e.name === "United States");
    expect(us).toHaveLength(1);
    expect(us[0]?.type).toBe("place");
  });
});
