import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_CACHE_FILE, SeedCache, type ParsedDraft, type SeedStamp } from "../../src/ingest/seed-cache.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-seed-cache-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const draft = (headline: string): ParsedDraft => ({ parsed: { headline, paragraphs: ["A paragraph."], pullQuotes: [], warnings: [] }, sha256: "x", contentKey: "y", paragraphsDigest: "z", summary: "A paragraph." });
const stamp: SeedStamp = { size: 10, ino: 7, mtimeMs: 1700000000000.25, ctimeMs: 1700000000000.5, settled: true, regular: true };
const headline = (outcome: ReturnType<SeedCache["get"]>): string | undefined => (outcome && "draft" in outcome ? outcome.draft.parsed.headline : undefined);

describe("the seed cache", () => {
  it("gives back what a run made of a seed only for the same size, inode and times", async () => {
    const first = await SeedCache.open(dir, "/seeds");
    first.set("a.txt", stamp, { draft: draft("Headline") });
    first.set("bad.txt", stamp, { reason: "empty file" });
    await first.save();
    const second = await SeedCache.open(dir, "/seeds");
    expect(headline(second.get("a.txt", stamp))).toBe("Headline");
    // Kept without its paragraphs, which are read from the seed when wanted (see seed-text.ts).
    const { parsed, ...rest } = draft("Headline");
    const kept = second.get("a.txt", stamp);
    expect(kept).toMatchObject({ draft: { ...rest, parsed: { headline: parsed.headline, pullQuotes: parsed.pullQuotes, warnings: parsed.warnings } } });
    expect(kept && "draft" in kept && Object.keys(kept.draft.parsed).sort()).toEqual(["headline", "pullQuotes", "warnings"]);
    expect(second.get("bad.txt", stamp)).toMatchObject({ reason: "empty file" });
    for (const changed of [{ size: 11 }, { ino: 8 }, { mtimeMs: stamp.mtimeMs + 1 }, { ctimeMs: stamp.ctimeMs + 1 }]) {
      expect(second.has("a.txt", { ...stamp, ...changed })).toBe(false);
    }
    expect(second.has("b.txt", stamp)).toBe(false);
  });

  it("is empty for another seeds folder", async () => {
    const here = await SeedCache.open(dir, "/seeds");
    here.set("a.txt", stamp, { draft: draft("Headline") });
    await here.save();
    expect((await SeedCache.open(dir, "/other-seeds")).has("a.txt", stamp)).toBe(false);
    expect((await SeedCache.open(dir, "/seeds")).has("a.txt", stamp)).toBe(true);
  });

  it("does not keep a seed whose times are too recent to trust", async () => {
    const cache = await SeedCache.open(dir, "/fresh");
    cache.set("a.txt", { ...stamp, settled: false }, { draft: draft("Headline") });
    await cache.save();
    expect((await SeedCache.open(dir, "/fresh")).has("a.txt", stamp)).toBe(false);
  });

  it("keeps no cache once the archive's text outgrows it", async () => {
    const small = await SeedCache.open(dir, "/seeds", 20);
    small.set("a.txt", stamp, { draft: draft("Short") });
    await small.save();
    expect(await readdir(dir)).toContain(SEED_CACHE_FILE);
    const large = await SeedCache.open(dir, "/seeds", 20);
    large.set("a.txt", { ...stamp, size: 99 }, { draft: draft("A headline long enough to pass the limit") });
    await large.save();
    expect(await readdir(dir)).not.toContain(SEED_CACHE_FILE);
  });
});
