/**
 * Re-ingesting is incremental: unchanged seeds are `unchanged` and their files untouched, the
 * tagger runs only on new or edited text, and the output does not depend on what ran before.
 */
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/pipeline.ts";

let tmp: string;
const seeds = (): string => path.join(tmp, "seeds");
const out = (): string => path.join(tmp, "out");

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "news-archive-incremental-"));
  const { mkdir } = await import("node:fs/promises");
  await mkdir(seeds());
  await writeFile(path.join(seeds(), "a.txt"), "Blair visits Paris\nTony Blair met French officials in Paris on Monday.\n");
  await writeFile(path.join(seeds(), "b.txt"), "Chelsea win in Madrid\nChelsea beat Real Madrid in the Spanish capital.\n");
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("incremental ingest", () => {
  it("extracts everything the first time, nothing the second, and leaves files untouched", async () => {
    const first = await ingest({ seedsDir: seeds(), outDir: out() });
    expect(first.articles.map((a) => a.status)).toEqual(["written", "written"]);
    expect(first.timings.extracted).toBe(2);
    const before = await stat(path.join(out(), "a.md"));
    const text = await readFile(path.join(out(), "a.md"), "utf8");

    const second = await ingest({ seedsDir: seeds(), outDir: out() });
    expect(second.articles.map((a) => a.status)).toEqual(["unchanged", "unchanged"]);
    expect(second.timings.extracted).toBe(0);
    expect((await stat(path.join(out(), "a.md"))).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(path.join(out(), "a.md"), "utf8")).toBe(text);
  });

  it("runs the tagger only on an added seed", async () => {
    await writeFile(path.join(seeds(), "c.txt"), "Merkel in Berlin\nAngela Merkel spoke in Berlin.\n");
    const third = await ingest({ seedsDir: seeds(), outDir: out() });
    expect(third.articles.map((a) => [a.file, a.status])).toEqual([
      ["a.txt", "unchanged"],
      ["b.txt", "unchanged"],
      ["c.txt", "written"],
    ]);
    expect(third.timings.extracted).toBe(1);
  });

  it("rewrites an output file edited or removed by hand, though its seed is unchanged", async () => {
    const file = path.join(out(), "b.md");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("Chelsea", "Chelsea FC"));
    await rm(path.join(out(), "a.md"));
    const again = await ingest({ seedsDir: seeds(), outDir: out() });
    expect(again.articles.map((a) => [a.file, a.status])).toEqual([
      ["a.txt", "written"],
      ["b.txt", "written"],
      ["c.txt", "unchanged"],
    ]);
    expect(await readFile(file, "utf8")).toBe(original);
  });

  it("gives the same Markdown from a cold start as incrementally", async () => {
    const cold = path.join(tmp, "cold");
    await ingest({ seedsDir: seeds(), outDir: cold });
    for (const f of ["a.md", "b.md", "c.md"]) {
      expect(await readFile(path.join(cold, f), "utf8")).toBe(await readFile(path.join(out(), f), "utf8"));
    }
  });

  // Times in whole seconds: a time put back through utimes loses the nanoseconds stat reports.
  const T = new Date("2024-01-01T12:00:00Z");
  const later = new Date("2024-01-01T12:00:02Z");
  const seedA = (): string => path.join(seeds(), "a.txt");

  /** Ingests a.txt as written at time T, then rewrites it (same size) and puts T back. */
  async function editKeepingStamp(from: string, to: string): Promise<void> {
    await utimes(seedA(), T, T);
    await ingest({ seedsDir: seeds(), outDir: out() });
    await writeFile(seedA(), (await readFile(seedA(), "utf8")).replaceAll(from, to));
    await utimes(seedA(), T, T);
  }
  const statusOfA = (report: Awaited<ReturnType<typeof ingest>>): string | undefined => report.articles.find((a) => a.file === "a.txt")?.status;

  it("reads again only seeds whose size or modification time changed", async () => {
    // Same size, same time: taken for the version already parsed (as make or rsync would).
    await editKeepingStamp("Paris", "Lyons");
    expect(statusOfA(await ingest({ seedsDir: seeds(), outDir: out() }))).toBe("unchanged");
    expect(await readFile(path.join(out(), "a.md"), "utf8")).toContain("Blair visits Paris");
    // An edit as editors make them moves the time: read again.
    await utimes(seedA(), later, later);
    expect(statusOfA(await ingest({ seedsDir: seeds(), outDir: out() }))).toBe("written");
    expect(await readFile(path.join(out(), "a.md"), "utf8")).toContain("Blair visits Lyons");
  });

  it("reads every seed when the seed cache is damaged or gone", async () => {
    await editKeepingStamp("Lyons", "Paris");
    await writeFile(path.join(out(), ".seed-cache.json"), "{ not json");
    expect(statusOfA(await ingest({ seedsDir: seeds(), outDir: out() }))).toBe("written");
    expect(await readFile(path.join(out(), "a.md"), "utf8")).toContain("Blair visits Paris");
    await editKeepingStamp("Paris", "Lyons");
    await rm(path.join(out(), ".seed-cache.json"));
    expect(statusOfA(await ingest({ seedsDir: seeds(), outDir: out() }))).toBe("written");
    expect(await readFile(path.join(out(), "a.md"), "utf8")).toContain("Blair visits Lyons");
    await writeFile(seedA(), (await readFile(seedA(), "utf8")).replaceAll("Lyons", "Paris"));
    await ingest({ seedsDir: seeds(), outDir: out() });
  });

  it("removes the Markdown of a deleted seed, and only that", async () => {
    await rm(path.join(seeds(), "b.txt"));
    await writeFile(path.join(out(), "notes.md"), "# not ours\n");
    await ingest({ seedsDir: seeds(), outDir: out() });
    await expect(stat(path.join(out(), "b.md"))).rejects.toThrow();
    expect(await readFile(path.join(out(), "notes.md"), "utf8")).toBe("# not ours\n");
  });
});
