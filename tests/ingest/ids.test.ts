import { describe, expect, it } from "vitest";
import { assignIds, claim, safeId, toSlug } from "../../src/ingest/ids.ts";

describe("safeId", () => {
  it.each([
    ["000_9839d7d5526b8e16", "000_9839d7d5526b8e16"],
    ["My Article (1)", "my-article-1"],
    ["Café résumé", "cafe-resume"],
    ["../../etc/passwd", "etc-passwd"],
    ["???", ""],
  ])("%j → %j", (stem, id) => expect(safeId(stem)).toBe(id));
});

describe("toSlug", () => {
  it.each([
    ["Putin to visit Iran to tighten Syria ties", "putin-to-visit-iran-to-tighten-syria-ties"],
    ["Déjà Vu!", "deja-vu"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["!!!", "untitled"],
  ])("%j → %j", (title, slug) => expect(toSlug(title)).toBe(slug));

  it("cuts long headlines at a word boundary", () => {
    const slug = toSlug("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("word")).toBe(true);
  });
});

describe("claim", () => {
  it("adds counters on collision", () => {
    const taken = new Set<string>();
    expect(["a", "a", "a", "a-2"].map((s) => claim(s, taken))).toEqual(["a", "a-2", "a-3", "a-2-2"]);
  });
});

describe("assignIds", () => {
  it("keeps unique stems and qualifies clashing ones by folder, whatever the input order", () => {
    const inputs = [
      { file: "politics/001.txt", stem: "001" },
      { file: "business/001.txt", stem: "001" },
      { file: "business/002.txt", stem: "002" },
      { file: "001.txt", stem: "001" },
    ];
    const expected = new Map([
      ["001.txt", "001"],
      ["business/001.txt", "business-001"],
      ["business/002.txt", "002"],
      ["politics/001.txt", "politics-001"],
    ]);
    expect(assignIds(inputs)).toEqual(expected);
    expect(assignIds([...inputs].reverse())).toEqual(expected);
  });

  it("never gives two seeds one id", () => {
    const ids = assignIds([
      { file: "a-b/c.txt", stem: "c" },
      { file: "a/b-c.txt", stem: "b-c" },
      { file: "a/b/c.txt", stem: "c" },
      { file: "X.txt", stem: "X" },
      { file: "x.txt", stem: "x" },
    ]);
    expect(new Set(ids.values()).size).toBe(5);
  });
});
