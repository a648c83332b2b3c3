import { describe, expect, it } from "vitest";
import { coMentions as coMentionsOf, keyTable, relatedArticles as relatedOf, type Scored } from "../../src/site/relations.ts";

// The relations of lists of keys, companions by key, as the index sees them.
const relatedArticles = (articles: string[][], top?: number, maxShare?: number, maxPostings?: number): Scored<number>[][] => relatedOf(keyTable(articles), top, maxShare, maxPostings);
function coMentions(articles: string[][], top?: number): Map<string, Scored<string>[]> {
  const table = keyTable(articles);
  const names = (k: number): string => table.names[k] ?? "";
  return new Map(coMentionsOf(table, top).flatMap((best, k) => (best.length ? [[names(k), best.map((c) => ({ ...c, item: names(c.item) }))] as const] : [])));
}

describe("relatedArticles", () => {
  it("ranks by shared entities weighted by rarity, then by how many are shared, then by order", () => {
    const articles = [
      ["rare", "common", "x"], // 0
      ["rare", "y"], // 1: shares the rare entity
      ["common", "x"], // 2: shares two commoner ones
      ["common"], // 3
      ["common"], // 4
      ["z"], // 5: shares nothing
    ];
    const related = relatedArticles(articles, 5, 1);
    const idf = (df: number): number => Math.log(articles.length / df);
    expect(related[0]?.map((r) => r.item)).toEqual([2, 1, 3, 4]);
    expect(related[0]?.[0]).toEqual({ item: 2, score: idf(4) + idf(2), count: 2 });
    expect(related[0]?.[1]).toEqual({ item: 1, score: idf(2), count: 1 });
    expect(related[5]).toEqual([]);
  });

  it("keeps only the top few and never lists an article as related to itself", () => {
    const articles = Array.from({ length: 30 }, (_, i) => ["shared", `own-${i}`]);
    const related = relatedArticles(articles, 3, 1);
    expect(related[7]?.map((r) => r.item)).toEqual([0, 1, 2]);
    expect(related.every((list, i) => list.every((r) => r.item !== i))).toBe(true);
    expect(relatedArticles(articles, 0, 1).every((list) => list.length === 0)).toBe(true);
  });

  it("skips entities in too large a share of the archive when gathering candidates", () => {
    const articles = Array.from({ length: 100 }, () => ["everywhere"]);
    expect(relatedArticles(articles, 5, 0.05).every((list) => list.length === 0)).toBe(true);
  });

  it("skips entities in more than a few hundred articles, however large the archive", () => {
    // 600 of 12,000 is within the 5% share, but over the cap of 500 postings.
    const articles = Array.from({ length: 12_000 }, (_, i) => (i < 600 ? ["big"] : i < 610 ? ["small"] : [`own-${i}`]));
    const related = relatedArticles(articles, 5, 0.05, 500);
    expect(related[0]).toEqual([]);
    expect(related[600]?.map((r) => r.item)).toEqual([601, 602, 603, 604, 605]);
    expect(relatedArticles(articles, 5, 0.05, 1000)[0]).toHaveLength(5);
  });

  it("gives what scoring every pair of articles gives, top few by score, then count, then order", () => {
    // A pseudo-random archive with skewed entities (some over the cap), each article's keys unique.
    let seed = 11;
    const rand = (k: number): number => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * k);
    const articles = Array.from({ length: 400 }, () => [...new Set(Array.from({ length: 1 + rand(8) }, () => `e${Math.min(rand(120), rand(120))}`))]);
    const top = 4;
    const cap = 20;
    const got = relatedArticles(articles, top, 1, cap);
    const df = new Map<string, number>();
    for (const keys of articles) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    const usable = (k: string): boolean => (df.get(k) ?? 0) >= 2 && (df.get(k) ?? 0) <= cap;
    expect([...df.values()].some((n) => n > cap)).toBe(true);
    articles.forEach((keys, i) => {
      const all = articles.flatMap((other, j) => {
        const shared = keys.filter((k) => j !== i && usable(k) && other.includes(k));
        // Summed in the article's key order, as the scores are.
        const score = shared.reduce((sum, k) => sum + Math.log(articles.length / (df.get(k) ?? 1)), 0);
        return shared.length ? [{ item: j, score, count: shared.length }] : [];
      });
      all.sort((x, y) => y.score - x.score || y.count - x.count || x.item - y.item);
      expect(got[i], `article ${i}`).toEqual(all.slice(0, top));
    });
  });
});

describe("coMentions", () => {
  it("prefers telling companions over names that appear everywhere", () => {
    const articles = [
      ["putin", "kremlin", "uk"],
      ["putin", "kremlin", "uk"],
      ["putin", "uk"],
      ["blair", "uk"],
      ["blair", "uk"],
      ["brown", "uk"],
    ];
    const top = coMentions(articles).get("putin")?.map((s) => s.item);
    expect(top?.[0]).toBe("kremlin");
    expect(top).toContain("uk");
    expect(coMentions(articles).get("kremlin")?.[0]).toMatchObject({ item: "putin", count: 2 });
  });

  it("keeps the top few by score, then count, then name, as a full sort would", () => {
    // Deterministic pseudo-random archive with many ties (few distinct counts).
    let seed = 7;
    const rand = (k: number): number => Math.floor(((seed = (seed * 48271) % 2147483647) / 2147483647) * k);
    const pool = Array.from({ length: 40 }, (_, i) => `e${String(i).padStart(2, "0")}`);
    const articles = Array.from({ length: 300 }, () => Array.from({ length: 1 + rand(6) }, () => pool[Math.min(rand(40), rand(40))] as string));
    const top = 3;
    const got = coMentions(articles, top);
    // The reference: every companion scored, sorted, cut.
    const sets = articles.map((a) => [...new Set(a)]);
    const df = new Map<string, number>();
    for (const a of sets) for (const k of a) df.set(k, (df.get(k) ?? 0) + 1);
    for (const [entity, list] of got) {
      const counts = new Map<string, number>();
      for (const a of sets) if (a.includes(entity)) for (const k of a) if (k !== entity) counts.set(k, (counts.get(k) ?? 0) + 1);
      const all = [...counts].map(([item, count]) => {
        const pmi = Math.log((count * sets.length) / ((df.get(entity) ?? 1) * (df.get(item) ?? 1)));
        return { item, count, score: count * Math.max(pmi, 0) + count * 1e-6 };
      });
      all.sort((x, y) => y.score - x.score || y.count - x.count || (x.item < y.item ? -1 : 1));
      expect(list, entity).toEqual(all.slice(0, top));
    }
    expect(got.size).toBeGreaterThan(30);
  });
});
