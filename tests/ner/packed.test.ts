import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { filledPacked, mapPacked } from "../../src/ner/packed.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("packed array builders", () => {
  it("give what map and fill give", () => {
    const words = ["Putin", "met", "Assad"];
    expect(mapPacked(words, (w, i) => `${i}:${w.toLowerCase()}`)).toEqual(words.map((w, i) => `${i}:${w.toLowerCase()}`));
    expect(mapPacked([], (w: string) => w)).toEqual([]);
    expect(filledPacked(3, "")).toEqual(new Array<string>(3).fill(""));
    expect(filledPacked(0, "")).toEqual([]);
  });

  // Their reason to exist: arrays the tagger reads keep one elements kind whether the code that
  // built them is interpreted or optimised. V8's own intrinsics tell, in a child process; the
  // same check on `Array.prototype.map` is the control (its optimised result is holey). Should a
  // later V8 make that packed, the control fails: the helpers' reason to exist has gone.
  it("return packed arrays from interpreted and optimised callers alike", () => {
    const script = `
      const { mapPacked, filledPacked } = await import(${JSON.stringify(`${root}src/ner/packed.ts`)});
      const words = ["Putin", "met", "Assad", "in", "Moscow"];
      const lower = (w) => w.toLowerCase();
      const nativeMap = (items, f) => items.map(f);
      function check(f, args) {
        %PrepareFunctionForOptimization(f);
        const interpreted = f(...args);
        // Warm enough that the optimised call does not fall back for want of type feedback.
        for (let i = 0; i < 3; i++) f(...args);
        %OptimizeFunctionOnNextCall(f);
        const optimised = f(...args);
        return { holey: [%HasHoleyElements(interpreted), %HasHoleyElements(optimised)], optimised: %ActiveTierIsTurbofan(f) };
      }
      console.log(JSON.stringify({
        mapPacked: check(mapPacked, [words, lower]),
        filledPacked: check(filledPacked, [5, ""]),
        nativeMap: check(nativeMap, [words, lower]),
      }));
    `;
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({
      mapPacked: { holey: [false, false], optimised: true },
      filledPacked: { holey: [false, false], optimised: true },
      nativeMap: { holey: [false, true], optimised: true },
    });
  });
});
