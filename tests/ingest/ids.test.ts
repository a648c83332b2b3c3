import { describe, expect, it } from "vitest";
import slugify from "@sindresorhus/slugify";
import { assignIds, claim, PLAIN_ASCII, plainSlug, safeId, toSlug } from "../../src/ingest/ids.ts";

describe("safeId", () => {
  it.each([
    ["000_9839d7d5526b8e16", "000_9839d7d5526b8e16"],
    ["My Article (1)", "my-article-1"],
    ["Café résumé", "cafe-resume"],
    ["../../etc/passwd", "etc-passwd"],
    ["???", ""],
    // Next to the stems taken as they are: dashes at the ends or doubled, capitals, spaces.
    ["a_b-c-1", "a_b-c-1"],
    ["-a", "a"],
    ["a-", "a"],
    ["a--b", "a-b"],
    ["A-b", "a-b"],
    ["a b", "a-b"],
    ["", ""],
  ])("%j → %j", (stem, id) => expect(safeId(stem)).toBe(id));
});

describe("toSlug", () => {
  it.each([
    ["Putin to visit Iran to tighten Syria ties", "putin-to-visit-iran-to-tighten-syria-ties"],
    ["Déjà Vu!", "deja-vu"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["!!!", "untitled"],
  ])("%j → %j", (title, slug) => expect(toSlug(title)).toBe(slug));

  it("cuts long headlines at a word boundary", () => {
    const slug = toSlug("word ".repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("word")).toBe(true);
  });
});

describe("claim", () => {
  it("adds counters on collision", () => {
    const taken = new Set<string>();
    expect(["a", "a", "a", "a-2"].map((s) => claim(s, taken))).toEqual(["a", "a-2", "a-3", "a-2-2"]);
  });
});

describe("assignIds", () => {
  it("keeps unique stems and qualifies clashing ones by folder, whatever the input order", () => {
    const inputs = [
      { file: "politics/001.txt", stem: "001" },
      { file: "business/001.txt", stem: "001" },
      { file: "business/002.txt", stem: "002" },
      { file: "001.txt", stem: "001" },
    ];
    const expected = new Map([
      ["001.txt", "001"],
      ["business/001.txt", "business-001"],
      ["business/002.txt", "002"],
      ["politics/001.txt", "politics-001"],
    ]);
    expect(assignIds(inputs)).toEqual(expected);
    expect(assignIds([...inputs].reverse())).toEqual(expected);
  });

  it("gives a stem with nothing of ASCII to keep an id of its own, which no seed added beside it moves", () => {
    const one = assignIds([{ file: "北京新闻.txt", stem: "北京新闻" }]);
    const more = assignIds([
      { file: "---.txt", stem: "---" },
      { file: "article.txt", stem: "article" },
      { file: "Москва.txt", stem: "Москва" },
      { file: "北京新闻.txt", stem: "北京新闻" },
    ]);
    expect(more.get("北京新闻.txt")).toBe(one.get("北京新闻.txt"));
    expect(more.get("article.txt")).toBe("article");
    expect(more.get("Москва.txt")).toMatch(/^moskva-[0-9a-f]{8}$/);
    expect(more.get("---.txt")).toMatch(/^seed-[0-9a-f]{8}$/);
    expect(new Set(more.values()).size).toBe(4);
    // In folders, qualified by them, still its own; and the same in either Unicode form.
    const foldered = (stems: string[]) => assignIds(stems.flatMap((stem) => ["business", "politics"].map((f) => ({ file: `${f}/${stem}.txt`, stem }))));
    const two = foldered(["Москва"]);
    expect(two.get("business/Москва.txt")).toMatch(/^business-moskva-[0-9a-f]{8}$/);
    expect(foldered(["Москва", "Київ"]).get("business/Москва.txt")).toBe(two.get("business/Москва.txt"));
    const nfd = "Київ".normalize("NFD");
    expect(assignIds([{ file: `${nfd}.txt`, stem: nfd }]).get(`${nfd}.txt`)).toBe(assignIds([{ file: "Київ.txt", stem: "Київ" }]).get("Київ.txt"));
  });

  it("never gives two seeds one id", () => {
    const ids = assignIds([
      { file: "a-b/c.txt", stem: "c" },
      { file: "a/b-c.txt", stem: "b-c" },
      { file: "a/b/c.txt", stem: "c" },
      { file: "X.txt", stem: "X" },
      { file: "x.txt", stem: "x" },
    ]);
    expect(new Set(ids.values()).size).toBe(5);
  });
});

describe("slugs of plain ASCII, made without slugify", () => {
  // A small deterministic generator (mulberry32), so a failure names the same text every run.
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it("are slugify's for printable ASCII: every character, every pair, 20,000 random texts", () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    // Apostrophes, t and s, spaces and dashes often, to make contractions and runs of separators.
    const weighted = [...printable, ..."'''ttssTS  --..".split("")];
    const next = random(17);
    const texts = [...printable, ...printable.flatMap((a) => printable.map((b) => `x${a}${b}y`))];
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(next() * 24);
      texts.push(Array.from({ length }, () => weighted[Math.floor(next() * weighted.length)]).join(""));
    }
    texts.push("Conway's Law", "DON'T PANIC", "it's 'quoted' text's", "rock'n'roll", "O'Brien's", "-- Leading and trailing --", "");
    let plain = 0;
    for (const text of texts) {
      if (!PLAIN_ASCII.test(text)) continue;
      plain++;
      expect(plainSlug(text), JSON.stringify(text)).toBe(slugify(text, { decamelize: false }));
      expect(toSlug(text), JSON.stringify(text)).toBe(slugify(text, { decamelize: false }) || "untitled");
    }
    expect(plain).toBeGreaterThan(10_000);
  });

  it("leave what slugify changes otherwise to slugify", () => {
    expect(toSlug("Marks & Spencer")).toBe("marks-and-spencer");
    expect(toSlug("caf^e `quoted`")).toBe(slugify("caf^e `quoted`", { decamelize: false }));
    expect(toSlug("Zoë Ball’s show")).toBe("zoe-balls-show");
  });
});
