import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { extractAll, MIN_PARALLEL, WarmWorkers } from "../../src/ingest/extract-pool.ts";

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
