import { describe, expect, it } from "vitest";
import { isCapsSentence } from "../../src/ner/features.js";
import { PairTable } from "../../src/ner/pair-table.js";

describe("PairTable", () => {
  it("finds every stored pair and misses the rest", () => {
    const entries: [number, number, number][] = [];
    for (let a = 0; a < 60; a++) for (let b = 0; b < 40; b += 3) entries.push([a, b * 1000, a * 100 + b + 1]);
    const table = new PairTable(entries);
    for (const [a, b, v] of entries) expect(table.get(a, b, 0)).toBe(v);
    expect(table.get(0, 1, -7)).toBe(-7);
    expect(table.get(60, 0, 0)).toBe(0);
    expect(table.get(3, 3000 + 1, 0)).toBe(0);
  });

  it("treats negative ids as missing and keeps the last value of a repeated pair", () => {
    const table = new PairTable([[1, 2, 5], [1, 2, 9], [-1, 2, 4]]);
    expect(table.get(1, 2, 0)).toBe(9);
    expect(table.get(-1, 2, 0)).toBe(0);
    expect(table.get(2, 1, 0)).toBe(0);
  });

  it("works when empty", () => {
    expect(new PairTable([]).get(0, 0, 3)).toBe(3);
  });
});

describe("isCapsSentence", () => {
  it("tells capitals from ordinary text, ASCII or not", () => {
    expect(isCapsSentence(["PUTIN", "VISITS", "TEHRAN"])).toBe(true);
    expect(isCapsSentence(["Putin", "visits", "Tehran"])).toBe(false);
    expect(isCapsSentence(["ÉTATS-UNIS", "ET", "RUSSIE"])).toBe(true);
    expect(isCapsSentence(["États-Unis", "et", "Russie"])).toBe(false);
    expect(isCapsSentence(["U.S.", "1996", "-"])).toBe(false);
  });
});
