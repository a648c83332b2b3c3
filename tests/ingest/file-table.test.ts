import { mkdtemp, rm, writeFile } from "node:fs/promises";
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
  });
});
