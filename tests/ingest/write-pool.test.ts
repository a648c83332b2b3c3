import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Article } from "../../src/ingest/article.ts";
import { recordDigests } from "../../src/ingest/record-digest.ts";
import { MIN_PARALLEL_WRITES, startWriters, writeArticles, type WriteItem, type WriteOutcome } from "../../src/ingest/write-pool.ts";
import { TEMPORARY } from "../../src/ingest/files.ts";
import { toMarkdown } from "../../src/ingest/write.ts";

const article = (i: number): Article => ({
  id: `a${i}`,
  title: `Headline ${i}: <b>"quoted"</b>`,
  slug: `a${i}`,
  dateSource: "unknown",
  tags: [],
  summary: `Summary ${i}`,
  entities: [{ name: `Person ${i % 7}`, type: "person", slug: `person-${i % 7}`, aliases: [], mentions: 1 + (i % 3) }],
  paragraphs: [`Body of ${i}.`, "A second paragraph with *stars*."],
  pullQuotes: [],
  source: { file: `a${i}.txt`, sha256: "0".repeat(64) },
  warnings: [],
});

const items = (n: number, from = 0): WriteItem[] => Array.from({ length: n }, (_, i) => ({ name: `a${from + i}.md`, article: article(from + i) }));

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "write-pool-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("writing Markdown over worker threads", () => {
  const many = items(MIN_PARALLEL_WRITES + 150);

  it("writes in workers the bytes the main thread writes, with the same outcomes", async () => {
    const here = tempDir();
    const there = tempDir();
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    let theirs: WriteOutcome[];
    let mine: WriteOutcome[];
    try {
      mine = await writeArticles(here, many, { workers: 1 });
      expect(terminate).not.toHaveBeenCalled();
      theirs = await writeArticles(there, many, { workers: 2 });
      // Two workers wrote them, and both were stopped.
      expect(terminate).toHaveBeenCalledTimes(2);
    } finally {
      terminate.mockRestore();
    }
    expect(readdirSync(there).sort()).toEqual(readdirSync(here).sort());
    for (const { name, article: a } of many) {
      expect(readFileSync(path.join(there, name), "utf8")).toBe(toMarkdown(a));
      expect(readFileSync(path.join(here, name), "utf8")).toBe(toMarkdown(a));
    }
    // Outcomes in input order: the digests of that item's record and its file's stats.
    theirs.forEach((outcome, i) => {
      const { name, article: a } = many[i] as WriteItem;
      const stats = statSync(path.join(there, name));
      expect(outcome).toEqual({ digests: recordDigests(a), changed: true, size: stats.size, mtimeMs: stats.mtimeMs });
    });
    expect(theirs.map((o) => o.digests)).toEqual(mine.map((o) => o.digests));
    expect(new Set(theirs.map((o) => o.digests.content)).size).toBe(many.length);
  });

  it("reports unchanged files as unchanged, and leaves them as they were", async () => {
    const dir = tempDir();
    await writeArticles(dir, many, { workers: 2 });
    const name = (many[500] as WriteItem).name;
    writeFileSync(path.join(dir, name), "edited by hand");
    const before = statSync(path.join(dir, (many[0] as WriteItem).name)).mtimeMs;
    const again = await writeArticles(dir, many, { workers: 2 });
    expect(again.filter((o) => o.changed).length).toBe(1);
    expect(again[500]?.changed).toBe(true);
    expect(statSync(path.join(dir, (many[0] as WriteItem).name)).mtimeMs).toBe(before);
  });

  it("fails naming the file it could not write, in a worker as on the main thread", async () => {
    const dir = tempDir();
    // A folder where a file is to go: the rename onto it fails.
    const blocked = items(MIN_PARALLEL_WRITES + 10);
    const victim = blocked[777] as WriteItem;
    mkdirSync(path.join(dir, victim.name, "inside"), { recursive: true });
    // Every batch sent is answered before a worker is stopped.
    const posted = vi.spyOn(Worker.prototype, "postMessage");
    let answered = 0;
    const emit = Worker.prototype.emit;
    const received = vi.spyOn(Worker.prototype, "emit").mockImplementation(function (this: Worker, event: string | symbol, ...args: unknown[]) {
      if (event === "message") answered++;
      return emit.call(this, event, ...args);
    });
    const unanswered: number[] = [];
    const terminate = Worker.prototype.terminate;
    const stopped = vi.spyOn(Worker.prototype, "terminate").mockImplementation(function (this: Worker) {
      unanswered.push(posted.mock.calls.length - answered);
      return terminate.call(this);
    });
    try {
      await expect(writeArticles(dir, blocked, { workers: 2 })).rejects.toThrow(`cannot write ${path.join(dir, victim.name)}:`);
    } finally {
      posted.mockRestore();
      received.mockRestore();
      stopped.mockRestore();
    }
    expect(unanswered).toEqual([0, 0]);
    // Both workers finished the batches they had before they were stopped: no write was cut short.
    expect(readdirSync(dir).filter((name) => TEMPORARY.test(name))).toEqual([]);
    await expect(writeArticles(dir, [victim], { workers: 2 })).rejects.toThrow(`cannot write ${path.join(dir, victim.name)}:`);
  });

  it("writes with the writers started early", async () => {
    const dir = tempDir();
    const warm = startWriters(many.length, 2);
    expect(warm).toHaveLength(2);
    const early = new Set(warm);
    const posted = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const outcomes = await writeArticles(dir, many, { workers: 2, warm });
      expect(outcomes.every((o) => o.changed)).toBe(true);
      // Every batch went to one of them: none was started anew.
      expect(posted.mock.contexts.length).toBeGreaterThan(0);
      expect(posted.mock.contexts.every((w) => early.has(w as Worker))).toBe(true);
    } finally {
      posted.mockRestore();
    }
    // Taken: none left to stop.
    expect(warm).toEqual([]);
    expect(readFileSync(path.join(dir, (many[0] as WriteItem).name), "utf8")).toBe(toMarkdown((many[0] as WriteItem).article));
  });

  it("stops early writers not needed, and writes a few articles on the main thread", async () => {
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    try {
      const warm = startWriters(many.length, 2);
      await writeArticles(tempDir(), items(3), { workers: 2, warm });
      expect(terminate).toHaveBeenCalledTimes(2);
      expect(warm).toEqual([]);
      expect(startWriters(MIN_PARALLEL_WRITES - 1, 2)).toEqual([]);
      expect(startWriters(many.length, 1)).toEqual([]);
    } finally {
      terminate.mockRestore();
    }
  });

  it("fails, rather than waits, when an early writer stopped before it was given a batch", async () => {
    const warm = startWriters(many.length, 2);
    await (warm[0] as Worker).terminate();
    await expect(writeArticles(tempDir(), many, { workers: 2, warm })).rejects.toThrow(/a Markdown-writing worker stopped \(exit code \d+\) before it was given work/);
  });
});

describe("an article record's digests", () => {
  const a = article(1);
  it("keep the site's part apart from the seed's bytes and warnings, which only the Markdown carries", () => {
    const moved = recordDigests({ ...a, source: { file: "a1.txt", sha256: "1".repeat(64) }, warnings: ["decoded as windows-1252"] });
    expect(moved.content).toBe(recordDigests(a).content);
    expect(moved.record).not.toBe(recordDigests(a).record);
  });
  it("move with anything the site is made from", () => {
    for (const change of [{ title: "Other" }, { paragraphs: ["Other body."] }, { pullQuotes: [{ text: "Q", after: 0 }] }, { date: "2015-01-01" }, { sourceUrl: "https://example.com/" }]) {
      const moved = recordDigests({ ...a, ...change } as Article);
      expect(moved.content, JSON.stringify(change)).not.toBe(recordDigests(a).content);
      expect(moved.record, JSON.stringify(change)).not.toBe(recordDigests(a).record);
    }
  });
});
