/**
 * Re-ingesting is incremental: unchanged seeds are `unchanged` and their files untouched, the
 * tagger runs only on new or edited text, and the output does not depend on what ran before.
 */
import { cp, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingest, ingestArticles } from "../../src/ingest/pipeline.ts";
import { ExtractStream } from "../../src/ingest/extract-pool.ts";

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

  it("runs the tagger only on an added seed, on the worker started before the seeds were read", async () => {
    await writeFile(path.join(seeds(), "c.txt"), "Merkel in Berlin\nAngela Merkel spoke in Berlin.\n");
    const whileExtracting = vi.fn();
    const third = (await ingestArticles({ seedsDir: seeds(), outDir: out(), workers: 2, whileExtracting })).report;
    expect(third.articles.map((a) => [a.file, a.status])).toEqual([
      ["a.txt", "unchanged"],
      ["b.txt", "unchanged"],
      ["c.txt", "written"],
    ]);
    expect(third.timings.extracted).toBe(1);
    expect(third.timings.threads).toBe(1);
    // Told once, as it waits for the worker: a build imports Eleventy meanwhile.
    expect(whileExtracting).toHaveBeenCalledTimes(1);
    const again = await ingestArticles({ seedsDir: seeds(), outDir: out(), workers: 2, whileExtracting });
    expect(again.report.timings.extracted).toBe(0);
    expect(whileExtracting).toHaveBeenCalledTimes(1);
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

  it("reads again only seeds that changed, once their times are old enough to trust", async () => {
    // A rejected seed is remembered with its reason too.
    await writeFile(path.join(seeds(), "empty.txt"), "");
    // Seeds written seconds ago are read on every run (see seed-cache.ts), so wait them out.
    await new Promise((resolve) => setTimeout(resolve, 3100));
    // A folder of its own: the shared one's seed cache knows whichever seeds the tests before
    // this one left old enough to trust, which depends on how fast they ran.
    const outDir = path.join(tmp, "reread");
    const first = await ingest({ seedsDir: seeds(), outDir });
    expect(first.timings.parsed).toBe(4);
    const again = await ingest({ seedsDir: seeds(), outDir });
    expect(again.timings.parsed).toBe(0);
    expect(again.articles.map((a) => a.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(again.rejected).toEqual(first.rejected);
    expect(again.rejected.map((r) => r.file)).toEqual(["empty.txt"]);
    // The seed cache keeps no paragraphs: a Markdown file removed by hand is written again from
    // its seed, read for them alone.
    const before = await readFile(path.join(outDir, "b.md"), "utf8");
    await rm(path.join(outDir, "b.md"));
    const rewritten = await ingest({ seedsDir: seeds(), outDir });
    expect(rewritten.timings.parsed).toBe(0);
    expect(rewritten.articles.find((a) => a.file === "b.txt")?.status).toBe("written");
    expect(await readFile(path.join(outDir, "b.md"), "utf8")).toBe(before);
    // Seeds whose text the extraction cache lost are read again, to be tagged again.
    await rm(path.join(outDir, ".extract-cache.json"));
    const retagged = await ingest({ seedsDir: seeds(), outDir });
    expect(retagged.timings.parsed).toBe(3);
    expect(retagged.timings.extracted).toBe(3);
    expect(retagged.articles.map((a) => a.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
    await rm(path.join(seeds(), "empty.txt"));
    // A same-size edit with its modification time put back still moves the change time.
    const seed = path.join(seeds(), "a.txt");
    const { atime, mtime } = await stat(seed);
    await writeFile(seed, (await readFile(seed, "utf8")).replaceAll("Paris", "Lyons"));
    await utimes(seed, atime, mtime);
    const edited = await ingest({ seedsDir: seeds(), outDir });
    expect(edited.timings.parsed).toBe(1);
    expect(edited.articles.find((a) => a.file === "a.txt")?.status).toBe("written");
    expect(await readFile(path.join(outDir, "a.md"), "utf8")).toContain("Blair visits Lyons");
  });

  it("reads every seed when the seed cache is damaged, or was made from another folder", async () => {
    await writeFile(path.join(out(), ".seed-cache.json"), "{ not json");
    expect((await ingest({ seedsDir: seeds(), outDir: out() })).timings.parsed).toBe(3);
    const copy = path.join(tmp, "seeds-copy");
    await cp(seeds(), copy, { recursive: true, preserveTimestamps: true });
    const other = await ingest({ seedsDir: copy, outDir: out() });
    expect(other.timings.parsed).toBe(3);
    expect(other.articles.map((a) => a.status)).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("reports a cache it cannot write as a warning, and still writes every article", async () => {
    const blocked = path.join(tmp, "blocked");
    await mkdir(path.join(blocked, ".extract-cache.json"), { recursive: true });
    const report = await ingest({ seedsDir: seeds(), outDir: blocked });
    expect(report.articles.map((a) => a.status)).toEqual(["written", "written", "written"]);
    expect(report.warnings).toEqual([{ file: path.join(blocked, ".extract-cache.json"), message: expect.stringContaining("cannot write this cache") }]);
  });

  it("removes the Markdown of a deleted seed, and only that", async () => {
    await rm(path.join(seeds(), "b.txt"));
    await writeFile(path.join(out(), "notes.md"), "# not ours\n");
    // What an interrupted write leaves behind goes too.
    await writeFile(path.join(out(), ".a.md.4242-1.tmp"), "half an article");
    await ingest({ seedsDir: seeds(), outDir: out() });
    await expect(stat(path.join(out(), "b.md"))).rejects.toThrow();
    await expect(stat(path.join(out(), ".a.md.4242-1.tmp"))).rejects.toThrow();
    expect(await readFile(path.join(out(), "notes.md"), "utf8")).toBe("# not ours\n");
  });
});

describe("ingest writing its Markdown on worker threads", () => {
  const texts = [
    "Blair visits Paris\nTony Blair met French officials in Paris on Monday.\n",
    "Chelsea win in Madrid\nChelsea beat Real Madrid in the Spanish capital.\n",
    "Putin meets Assad\nRussian President Vladimir Putin met Bashar al-Assad in Moscow.\n",
    "Merkel in Athens\nAngela Merkel arrived in Athens for talks with the Greek government.\n",
    "Apple results\nApple reported record sales in China, its chief executive said.\n",
  ];
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "news-archive-write-workers-"));
    await mkdir(path.join(dir, "seeds"));
    for (const [i, text] of texts.entries()) await writeFile(path.join(dir, "seeds", `s${i}.txt`), text);
  });
  afterAll(async () => {
    delete process.env.NEWS_ARCHIVE_MIN_PARALLEL_WRITES;
    await rm(dir, { recursive: true, force: true });
  });

  it("writes what the main thread writes, and finds it unchanged the next time", async () => {
    const stopped = vi.spyOn(Worker.prototype, "terminate");
    let there: Awaited<ReturnType<typeof ingestArticles>>;
    try {
      const here = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "here"), workers: 2 });
      const withoutWriters = stopped.mock.calls.length;
      // The threshold lowered, so that the five articles (one batch) go to a writing worker.
      process.env.NEWS_ARCHIVE_MIN_PARALLEL_WRITES = "2";
      there = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "there"), workers: 2 });
      // As many workers stopped as in the first run (extraction's), and one more: the writer.
      expect(stopped.mock.calls.length).toBe(2 * withoutWriters + 1);
      // The digests handed to the site are the main thread's.
      expect(there.digests).toEqual(here.digests);
    } finally {
      stopped.mockRestore();
    }
    expect(there.report.articles.map((a) => a.status)).toEqual(texts.map(() => "written"));
    for (const a of there.report.articles) {
      expect(await readFile(path.join(dir, "there", a.output), "utf8")).toBe(await readFile(path.join(dir, "here", a.output), "utf8"));
    }
    expect(there.digests.size).toBe(texts.length);

    const again = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "there"), workers: 2 });
    expect(again.report.articles.map((a) => a.status)).toEqual(texts.map(() => "unchanged"));
    expect(again.digests).toEqual(there.digests);
    // A file edited by hand is written again, by the workers.
    await writeFile(path.join(dir, "there", "s1.md"), "edited");
    await writeFile(path.join(dir, "there", "s3.md"), "edited");
    const mended = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "there"), workers: 2 });
    expect(mended.report.articles.map((a) => a.status)).toEqual(["unchanged", "written", "unchanged", "written", "unchanged"]);
    expect(await readFile(path.join(dir, "there", "s3.md"), "utf8")).toBe(await readFile(path.join(dir, "here", "s3.md"), "utf8"));
  });
});

describe("ingest tagging seeds as it reads them", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "news-archive-stream-"));
    await mkdir(path.join(dir, "seeds"));
    const texts = [
      "Blair visits Paris\nTony Blair met French officials in Paris on Monday.\n",
      "Chelsea win in Madrid\nChelsea beat Real Madrid in the Spanish capital.\n",
      "Putin meets Assad\nRussian President Vladimir Putin met Bashar al-Assad in Moscow.\n",
      // The first text again: one article, one duplicate, tagged once.
      "Blair visits Paris\r\nTony Blair met French officials in Paris on Monday.\r\n",
      // Rejected: no body.
      "Only a headline\n",
      "Merkel in Athens\nAngela Merkel arrived in Athens for talks with the Greek government.\n",
    ];
    for (const [i, text] of texts.entries()) await writeFile(path.join(dir, "seeds", `s${i}.txt`), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes what ingest writes when it tags them after reading, on the main thread", async () => {
    const streamed = vi.spyOn(ExtractStream.prototype, "add");
    const after = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "after"), workers: 1 });
    expect(streamed).not.toHaveBeenCalled();
    const whileExtracting = vi.fn();
    const during = await ingestArticles({ seedsDir: path.join(dir, "seeds"), outDir: path.join(dir, "during"), workers: 2, whileExtracting });
    // Handed over as they were read: the four distinct texts.
    expect(streamed).toHaveBeenCalledTimes(4);
    streamed.mockRestore();
    expect(after.report.timings.threads).toBe(1);
    expect(during.report.timings.threads).toBe(1);
    // Each distinct text tagged once: the duplicate and the reject are not.
    expect(during.report.timings.extracted).toBe(4);
    expect(after.report.timings.extracted).toBe(4);
    expect(whileExtracting).toHaveBeenCalledTimes(1);
    expect(during.report.articles).toEqual(after.report.articles);
    expect(during.report.rejected).toEqual(after.report.rejected);
    expect(during.digests).toEqual(after.digests);
    expect(during.report.articles.map((a) => a.status)).toEqual(["written", "written", "written", "duplicate", "written"]);
    for (const a of during.report.articles.filter((x) => x.status === "written")) {
      expect(await readFile(path.join(dir, "during", a.output), "utf8")).toBe(await readFile(path.join(dir, "after", a.output), "utf8"));
    }
    expect(await readFile(path.join(dir, "during", "s2.md"), "utf8")).toContain("Vladimir Putin");
  });
});
