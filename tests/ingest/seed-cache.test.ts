import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_CACHE_FILE, SeedCache, type ParsedDraft } from "../../src/ingest/seed-cache.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-seed-cache-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const draft = (headline: string): ParsedDraft => ({ parsed: { headline, paragraphs: ["A paragraph."], pullQuotes: [], warnings: [] }, sha256: "x", contentKey: "y" });
const stamp = { size: 10, mtimeMs: 1700000000000.25 };

describe("the seed cache", () => {
  it("gives a seed's draft back only for the size and time it was read at", async () => {
    const first = await SeedCache.open(dir);
    first.set("a.txt", stamp, draft("Headline"));
    await first.save();
    const second = await SeedCache.open(dir);
    expect(second.get("a.txt", stamp)?.parsed.headline).toBe("Headline");
    expect(second.has("a.txt", { ...stamp, size: 11 })).toBe(false);
    expect(second.has("a.txt", { ...stamp, mtimeMs: stamp.mtimeMs + 1 })).toBe(false);
    expect(second.has("b.txt", stamp)).toBe(false);
  });

  it("keeps no cache once the archive's text outgrows it", async () => {
    const small = await SeedCache.open(dir, 20);
    small.set("a.txt", stamp, draft("Short"));
    await small.save();
    expect(await readdir(dir)).toContain(SEED_CACHE_FILE);
    const large = await SeedCache.open(dir, 20);
    large.set("a.txt", { ...stamp, size: 99 }, draft("A headline long enough to pass the limit"));
    await large.save();
    expect(await readdir(dir)).not.toContain(SEED_CACHE_FILE);
  });
});
