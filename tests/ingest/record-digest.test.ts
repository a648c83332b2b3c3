import { describe, expect, it } from "vitest";
import type { Article } from "../../src/ingest/article.ts";
import { paragraphsDigest, recordDigests } from "../../src/ingest/record-digest.ts";

/** An article with every optional field present, so that every field can be changed. */
const full = (): Article => ({
  id: "a1",
  title: "Title",
  slug: "title",
  date: "2015-01-02",
  dateSource: "manifest",
  section: "world",
  tags: ["t1", "t2"],
  summary: "Summary.",
  byline: "Staff",
  sourceUrl: "https://example.org/a",
  entities: [{ name: "Tony Blair", type: "person", slug: "tony-blair", aliases: ["Blair"], mentions: 2, description: "PM", sameAs: "https://www.wikidata.org/wiki/Q9545" }],
  paragraphs: ["One.", "Two."],
  pullQuotes: [{ text: "Quote", attribution: "Someone", after: 0 }],
  source: { file: "a1.txt", sha256: "0".repeat(64) },
  warnings: ["w"],
});

/** The optional fields of an article, its entities and pull quotes. */
const OPTIONAL = new Set(["date", "section", "byline", "sourceUrl", "description", "sameAs", "attribution"]);

type Json = string | number | Json[] | { [key: string]: Json };

/** Every way of changing one value of `value`: each string and number replaced, each list grown and emptied, each optional field dropped. */
function changes(value: Json, path: string): { path: string; value: Json }[] {
  if (typeof value === "string") return [{ path, value: `${value}x` }, { path: `${path} (emptied)`, value: "" }];
  if (typeof value === "number") return [{ path, value: value + 1 }];
  if (Array.isArray(value)) {
    const out: { path: string; value: Json }[] = [{ path: `${path} (emptied)`, value: [] }];
    if (value[0] !== undefined) out.push({ path: `${path} (grown)`, value: [...value, value[0]] });
    value.forEach((item, i) => {
      for (const c of changes(item, `${path}[${i}]`)) out.push({ path: c.path, value: value.map((x, j) => (j === i ? c.value : x)) });
    });
    return out;
  }
  const out: { path: string; value: Json }[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (OPTIONAL.has(key)) {
      const { [key]: _dropped, ...rest } = value;
      out.push({ path: `${path}.${key} (dropped)`, value: rest });
    }
    for (const c of changes(item, `${path}.${key}`)) out.push({ path: c.path, value: { ...value, [key]: c.value } });
  }
  return out;
}

describe("an article record's digests", () => {
  const base = recordDigests(full());

  it("move with every value of the record: its content with what the site shows, the record with the rest", () => {
    const all = changes(full() as unknown as Json, "article");
    expect(all.length).toBeGreaterThan(60);
    for (const { path, value } of all) {
      const moved = recordDigests(value as unknown as Article);
      if (/^article\.(source|warnings)\b/.test(path)) {
        expect(moved.content, path).toBe(base.content);
      } else {
        expect(moved.content, path).not.toBe(base.content);
      }
      expect(moved.record, path).not.toBe(base.record);
    }
  });

  it("tell values apart where they meet: lists, neighbouring fields, an empty value and an absent one", () => {
    const a = full();
    const pairs: [Partial<Article>, Partial<Article>][] = [
      [{ tags: ["ab"] }, { tags: ["a", "b"] }],
      [{ title: "ab", summary: "" }, { title: "a", summary: "b" }],
      [{ paragraphs: ["a", "b"], tags: [] }, { paragraphs: ["b"], tags: ["a"] }],
      [{ entities: [] }, { entities: [{ ...(a.entities[0] as Article["entities"][number]), aliases: [] }] }],
    ];
    for (const [x, y] of pairs) expect(recordDigests({ ...a, ...x }).content, JSON.stringify([x, y])).not.toBe(recordDigests({ ...a, ...y }).content);
    const { section: _section, ...unsectioned } = a;
    expect(recordDigests({ ...a, section: "" }).content).not.toBe(recordDigests(unsectioned).content);
  });

  it("are the same for the same record, whatever the order its fields were set in", () => {
    const reversed = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).reverse()) as T;
    const a = full();
    const shuffled = reversed({ ...a, entities: a.entities.map(reversed), pullQuotes: a.pullQuotes.map(reversed), source: reversed(a.source) });
    expect(Object.keys(shuffled)[0]).toBe("warnings");
    expect(recordDigests(shuffled)).toEqual(base);
  });

  it("take the paragraphs' digest kept with a seed's parse for its paragraphs", () => {
    const a = full();
    expect(recordDigests(a, paragraphsDigest(a.paragraphs))).toEqual(base);
    expect(recordDigests(a, paragraphsDigest(["One.", "Two!"])).content).toBe(recordDigests({ ...a, paragraphs: ["One.", "Two!"] }).content);
    expect(paragraphsDigest(["ab"])).not.toBe(paragraphsDigest(["a", "b"]));
  });
});
