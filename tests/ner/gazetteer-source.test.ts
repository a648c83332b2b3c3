import { describe, expect, it } from "vitest";
import { buildGazetteer } from "../../src/ner/training/gazetteer-source.js";

describe("buildGazetteer", () => {
  const kinds = new Map(buildGazetteer());

  it("lists states and provinces under their own kind", () => {
    expect(kinds.get("Texas")).toBe("STATE");
    expect(kinds.get("South Carolina")).toBe("STATE");
    expect(kinds.get("Ontario")).toBe("STATE");
    expect(kinds.get("New South Wales")).toBe("STATE");
  });

  it("keeps a country's kind when a state shares its name", () => {
    expect(kinds.get("Georgia")).toBe("CTRY");
  });

  it("lists world regions from world-countries as places", () => {
    expect(kinds.get("Central America")).toBe("PLACE");
    expect(kinds.get("Western Europe")).toBe("PLACE");
  });
});
