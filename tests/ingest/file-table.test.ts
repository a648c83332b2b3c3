import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileTable } from "../../src/ingest/file-table.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-file-table-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a table kept beside the articles", () => {
  it("carries over the entries a run keeps and drops the rest", async () => {
    const first = await FileTable.open<number>(dir, "t.json", "v1");
    first.put("a", 1);
    first.put("b", 2);
    await first.save();
    const second = await FileTable.open<number>(dir, "t.json", "v1");
    expect([...second.previous]).toEqual([["a", 1], ["b", 2]]);
    expect(second.keep("a")).toBe(1);
    expect(second.keep("missing")).toBeUndefined();
    expect(second.changed).toBe(true); // b was not kept
    await second.save();
    expect([...(await FileTable.open<number>(dir, "t.json", "v1")).previous]).toEqual([["a", 1]]);
  });

  it("writes text beyond ASCII escaped, whole table and delta, and reads it back as it was", async () => {
    const names = ["Brasília", "Yaoundé Hospital", "Łódź 😀", "\u2028 line separator", "plain"];
    const first = await FileTable.open<string[]>(dir, "ascii.json", "v1");
    names.forEach((name, i) => first.put(`k${i}`, [name]));
    await first.save();
    const whole = await readFile(path.join(dir, "ascii.json"));
    expect(whole.every((byte) => byte < 0x80)).toBe(true);
    const second = await FileTable.open<string[]>(dir, "ascii.json", "v1");
    expect([...second.previous.values()].flat()).toEqual(names);
    // One change in a table this size is a delta, escaped too.
    for (const name of second.previous.keys()) second.keep(name);
    for (let i = 0; i < 20; i++) second.put(`pad${i}`, ["x"]);
    await second.save();
    const third = await FileTable.open<string[]>(dir, "ascii.json", "v1");
    for (const name of third.previous.keys()) third.keep(name);
    third.put("k0", ["São Tomé"]);
    await third.save();
    const delta = await readFile(path.join(dir, "ascii.delta.json"));
    expect(delta.toString()).toContain("S\\u00e3o Tom\\u00e9");
    expect(delta.every((byte) => byte < 0x80)).toBe(true);
    expect((await FileTable.open<string[]>(dir, "ascii.json", "v1")).previous.get("k0")).toEqual(["São Tomé"]);
  });

  it("writes a table of before ASCII whole, as ASCII, when it next changes, its delta applied", async () => {
    // As earlier versions wrote it: UTF-8 text, an id, a delta beside it. Large enough that one
    // change would otherwise be saved as a delta.
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`n${i}`, [`plain ${i}`]]));
    await writeFile(path.join(dir, "old.json"), JSON.stringify({ code: "v1", id: "t1", entries: { a: ["Brasília"], b: ["plain"], ...many } }));
    await writeFile(path.join(dir, "old.delta.json"), JSON.stringify({ code: "v1", table: "t1", put: { c: ["Yaoundé"] }, removed: ["b"] }));
    const table = await FileTable.open<string[]>(dir, "old.json", "v1");
    expect(Object.fromEntries(table.previous)).toEqual({ a: ["Brasília"], c: ["Yaoundé"], ...many });
    for (const name of table.previous.keys()) table.keep(name);
    table.put("d", ["x"]);
    await table.save();
    expect((await readFile(path.join(dir, "old.json"))).every((byte) => byte < 0x80)).toBe(true);
    expect(await readdir(dir)).not.toContain("old.delta.json");
    expect(Object.fromEntries((await FileTable.open<string[]>(dir, "old.json", "v1")).previous)).toEqual({ a: ["Brasília"], c: ["Yaoundé"], d: ["x"], ...many });
  });

  it("has changed only when an entry was put or one was not kept", async () => {
    const table = await FileTable.open<number>(dir, "t.json", "v1");
    table.keep("a");
    expect(table.changed).toBe(false);
    table.put("c", 3);
    expect(table.changed).toBe(true);
  });

  it("reads as empty under another fingerprint, or damaged", async () => {
    expect((await FileTable.open<number>(dir, "t.json", "v2")).previous.size).toBe(0);
    await writeFile(path.join(dir, "t.json"), "{ not json");
    expect((await FileTable.open<number>(dir, "t.json", "v1")).previous.size).toBe(0);
    await writeFile(path.join(dir, "t.json"), JSON.stringify({ code: "v1", id: "x", entries: null }));
    expect((await FileTable.open<number>(dir, "t.json", "v1")).previous.size).toBe(0);
  });

  it("reads a table written before deltas, and writes it whole when it changes", async () => {
    const names = Array.from({ length: 40 }, (_, i) => `k${i}`);
    await writeFile(path.join(dir, "old.json"), JSON.stringify({ code: "v1", entries: Object.fromEntries(names.map((n, i) => [n, i])) }));
    const table = await FileTable.open<number>(dir, "old.json", "v1");
    expect(table.previous.size).toBe(40);
    for (const n of names) table.keep(n);
    table.put("new", 40);
    await table.save();
    expect(await readdir(dir)).not.toContain("old.delta.json");
    expect(JSON.parse(await readFile(path.join(dir, "old.json"), "utf8"))).toMatchObject({ code: "v1", id: expect.any(String), entries: { new: 40, k0: 0 } });
  });

  it("ignores a delta of the wrong shape", async () => {
    await writeFile(path.join(dir, "s.json"), JSON.stringify({ code: "v1", id: "x", entries: { a: 1 } }));
    for (const delta of [{ put: {}, removed: 5 }, { put: null, removed: [] }, { put: {}, removed: [1] }]) {
      await writeFile(path.join(dir, "s.delta.json"), JSON.stringify({ code: "v1", table: "x", ...delta }));
      expect([...(await FileTable.open<number>(dir, "s.json", "v1")).previous]).toEqual([["a", 1]]);
    }
    await writeFile(path.join(dir, "s.delta.json"), JSON.stringify({ code: "v1", table: "x", put: { b: 2 }, removed: ["a"] }));
    expect([...(await FileTable.open<number>(dir, "s.json", "v1")).previous]).toEqual([["b", 2]]);
  });

  describe("a few changes to a large table", () => {
    const names = Array.from({ length: 80 }, (_, i) => `n${String(i).padStart(2, "0")}`);
    const open = (): Promise<FileTable<number>> => FileTable.open<number>(dir, "big.json", "v1");
    const entries = async (): Promise<[string, number][]> => [...(await open()).previous].sort(([a], [b]) => (a < b ? -1 : 1));

    it("are saved beside it, the table untouched, and read back with it", async () => {
      const first = await open();
      names.forEach((n, i) => first.put(n, i));
      await first.save();
      const table = await readFile(path.join(dir, "big.json"), "utf8");
      expect(await readdir(dir)).not.toContain("big.delta.json");

      // One entry replaced, one added, one dropped: a delta.
      const second = await open();
      for (const n of names.slice(1)) second.keep(n);
      second.put("n05", 500);
      second.put("new", 1000);
      await second.save();
      expect(await readFile(path.join(dir, "big.json"), "utf8")).toBe(table);
      expect(await readdir(dir)).toContain("big.delta.json");
      const expected: [string, number][] = names.slice(1).map((n, i) => [n, n === "n05" ? 500 : i + 1]);
      expected.push(["new", 1000]);
      expect(await entries()).toEqual(expected.sort(([a], [b]) => (a < b ? -1 : 1)));

      // The next run keeps all and adds one: its delta still holds the last one's changes.
      const third = await open();
      for (const [n] of expected) third.keep(n);
      third.put("newer", 2000);
      await third.save();
      expect(await readFile(path.join(dir, "big.json"), "utf8")).toBe(table);
      expect(await entries()).toEqual([...expected, ["newer", 2000] as [string, number]].sort(([a], [b]) => (a < b ? -1 : 1)));
      expect(JSON.parse(await readFile(path.join(dir, "big.delta.json"), "utf8"))).toMatchObject({ put: { n05: 500, new: 1000, newer: 2000 }, removed: ["n00"] });
    });

    it("are written with the whole table once they are many, and an older delta is then ignored", async () => {
      await copyFile(path.join(dir, "big.delta.json"), path.join(dir, "old-delta"));
      const before = await entries();
      const run = await open();
      for (const [n, v] of before) run.put(n, v + 1);
      await run.save();
      expect(await readdir(dir)).not.toContain("big.delta.json");
      const after = before.map(([n, v]): [string, number] => [n, v + 1]);
      expect(await entries()).toEqual(after);
      // A delta made for the table this one replaced (as a crash between the two writes would leave).
      await copyFile(path.join(dir, "old-delta"), path.join(dir, "big.delta.json"));
      expect(await entries()).toEqual(after);
    });
  });
});
