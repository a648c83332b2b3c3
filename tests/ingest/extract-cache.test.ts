import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExtractedEntity } from "../../src/ingest/article.ts";
import { CACHE_FILE, ExtractCache } from "../../src/ingest/extract-cache.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "news-archive-extract-cache-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const entities: ExtractedEntity[] = [
  { name: "Tony Blair", type: "person", aliases: ["Blair", "Mr Blair"], mentions: 3 },
  { name: "Brasília", type: "place", aliases: [], mentions: 1 },
  { name: "Larsen Energy", type: "organization", aliases: ["Larsen"], mentions: 2 },
];

describe("the extraction cache", () => {
  it("gives back each text's entities as they were set, in a later run", async () => {
    const dir = path.join(root, "round-trip");
    const first = await ExtractCache.open(dir);
    first.set("a", entities);
    first.set("none", []);
    expect(first.get("a")).toBe(entities);
    await first.save();
    const second = await ExtractCache.open(dir);
    expect(second.get("a")).toEqual(entities);
    expect(second.get("none")).toEqual([]);
    expect(second.get("b")).toBeUndefined();
    // Made once per run.
    expect(second.get("a")).toBe(second.get("a"));
  });

  it.each([
    ["an unknown type", (stored: unknown[]) => stored.map((x) => (x === "person" ? "thing" : x))],
    ["fewer aliases than counted", (stored: unknown[]) => stored.slice(0, 5)],
    ["an object, as older caches stored entities", () => entities],
  ])("treats an entry with %s as missing, so the text is tagged again", async (_, damage) => {
    const dir = path.join(root, `damaged-${Math.random().toString(36).slice(2)}`);
    const first = await ExtractCache.open(dir);
    first.set("a", entities);
    first.set("b", entities);
    await first.save();
    const file = path.join(dir, CACHE_FILE);
    const table = JSON.parse(await readFile(file, "utf8")) as { entries: Record<string, unknown[]> };
    table.entries.a = damage(table.entries.a as unknown[]) as unknown[];
    await writeFile(file, JSON.stringify(table));
    const second = await ExtractCache.open(dir);
    expect(second.get("a")).toBeUndefined();
    expect(second.get("b")).toEqual(entities);
  });
});
