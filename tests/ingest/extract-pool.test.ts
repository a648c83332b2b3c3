import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { extractAll, ExtractStream, MIN_PARALLEL, WarmWorkers } from "../../src/ingest/extract-pool.ts";

const texts = [
  "Putin meets Assad\nRussian President Vladimir Putin met Bashar al-Assad in Moscow.",
  "Chelsea win in Madrid\nChelsea beat Real Madrid in the Spanish capital.",
  "Blair visits Paris\nTony Blair met French officials in Paris on Monday.",
];

describe("extraction workers started early", () => {
  it("are as many as the expected texts want: none for none, one for a few", async () => {
    const sizes: number[] = [];
    for (const [expected, workers] of [[0, 2], [3, 2], [MIN_PARALLEL * 10, 2], [MIN_PARALLEL * 10, 1]] as const) {
      const warm = WarmWorkers.start(expected, workers);
      sizes.push(warm.size);
      await warm.close();
      expect(warm.size).toBe(0);
    }
    expect(sizes).toEqual([0, 1, 2, 0]);
  });

  it("start as one before the texts are counted, then grow to what they want or stop", async () => {
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    try {
      const sizes: number[] = [];
      for (const expected of [0, 3, MIN_PARALLEL * 10]) {
        const warm = WarmWorkers.early(2);
        sizes.push(warm.size);
        warm.fit(expected, 2);
        sizes.push(warm.size);
        await warm.close();
      }
      expect(sizes).toEqual([1, 0, 1, 1, 1, 2]);
      // The one stopped by `fit`, and the three left unused, by `close`.
      expect(terminate).toHaveBeenCalledTimes(4);
      expect(WarmWorkers.early(1).size).toBe(0);
    } finally {
      terminate.mockRestore();
    }
  });

  it("give the entities the main thread gives, and are used up", async () => {
    const here = await extractAll(texts, { workers: 1 });
    const warm = WarmWorkers.start(texts.length, 2);
    const early = await extractAll(texts, { warm });
    expect(early.results).toEqual(here.results);
    expect(early.results.flat().map((e) => e.name)).toContain("Vladimir Putin");
    expect(early.timings.threads).toBe(1);
    expect(early.timings.loadSeconds).toBeGreaterThan(0);
    expect(warm.size).toBe(0);
  });

  it("are stopped when no text needs them", async () => {
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    try {
      const warm = WarmWorkers.start(MIN_PARALLEL * 10, 2);
      expect(warm.size).toBe(2);
      expect((await extractAll([], { warm })).results).toEqual([]);
      expect(warm.size).toBe(0);
      expect(terminate).toHaveBeenCalledTimes(2);
    } finally {
      terminate.mockRestore();
    }
  });
});

describe("extraction fed a text at a time (ExtractStream)", () => {
  it("tags a text while the next are still to come, and answers in the order they were added", async () => {
    const warm = WarmWorkers.start(texts.length, 2);
    const progress: number[] = [];
    let firstBack!: () => void;
    const back = new Promise<void>((resolve) => (firstBack = resolve));
    const stream = new ExtractStream({ warm, onProgress: (n) => (progress.push(n), firstBack()) });
    expect(stream.add(texts[0] as string)).toBe(0);
    // Its result comes back before any other text is added, and before `finish`.
    await back;
    expect(progress).toEqual([1]);
    expect(stream.add(texts[1] as string)).toBe(1);
    expect(stream.add(texts[2] as string)).toBe(2);
    const { results, timings } = await stream.finish();
    expect(results).toEqual((await extractAll(texts, { workers: 1 })).results);
    expect(progress.at(-1)).toBe(3);
    expect(timings.threads).toBe(1);
    expect(warm.size).toBe(0);
  });

  it("starts more workers, up to the cores, when batches wait and the texts are many", async () => {
    const many = Array.from({ length: MIN_PARALLEL }, (_, i) => `${texts[i % texts.length] as string} Item ${i}.`);
    const stream = new ExtractStream({ workers: 2 });
    for (const text of many) stream.add(text);
    const { results, timings } = await stream.finish();
    expect(timings.threads).toBe(2);
    expect(results).toHaveLength(many.length);
    expect(results[MIN_PARALLEL - 1]).toEqual((await extractAll([many[MIN_PARALLEL - 1] as string], { workers: 1 })).results[0]);

    const few = new ExtractStream({ workers: 2 });
    for (const text of texts) few.add(text);
    expect((await few.finish()).timings.threads).toBe(1);
  });

  it("stops its workers when closed, without waiting for their results", async () => {
    const terminate = vi.spyOn(Worker.prototype, "terminate");
    try {
      const stream = new ExtractStream({ warm: WarmWorkers.start(MIN_PARALLEL * 10, 2) });
      for (const text of texts) stream.add(text);
      await stream.close();
      expect(terminate).toHaveBeenCalledTimes(2);
      await expect(stream.finish()).rejects.toThrow("extraction stopped");
    } finally {
      terminate.mockRestore();
    }
  });

  it("fails, rather than waits, when a worker stops before answering", async () => {
    const post = vi.spyOn(Worker.prototype, "postMessage");
    try {
      const stream = new ExtractStream({ warm: WarmWorkers.start(texts.length, 2) });
      stream.add(texts[0] as string);
      const worker = post.mock.contexts[0] as Worker;
      expect(worker).toBeInstanceOf(Worker);
      await worker.terminate();
      stream.add(texts[1] as string);
      await expect(stream.finish()).rejects.toThrow(/an extraction worker stopped \(exit code \d+\) before its texts were tagged/);
    } finally {
      post.mockRestore();
    }
  });

  it("needs no worker for no text", async () => {
    const stream = new ExtractStream({ workers: 2 });
    expect(await stream.finish()).toEqual({ results: [], timings: { threads: 0, cpuSeconds: 0, loadSeconds: 0 } });
  });
});
