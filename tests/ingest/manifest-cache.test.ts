import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_CACHE_FILE, parseManifestCached } from "../../src/ingest/manifest-cache.ts";
import { parseManifest } from "../../src/ingest/manifest.ts";

let root: string;
let n = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "news-archive-manifest-cache-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const noError = (error: unknown): never => {
  throw error;
};

/** A fresh cache folder and manifest path. */
const place = (): { dir: string; file: string } => {
  const dir = path.join(root, `case-${n++}`);
  return { dir, file: path.join(dir, "manifest.csv") };
};

const parsed = (file: string, text: string, dir: string, zone = "UTC") => parseManifestCached(file, Buffer.from(text), dir, zone, noError);

/** A deterministic pseudo-random row: good and bad dates, URLs, tags, quoted fields, blank lines, duplicates. */
function row(i: number, random: () => number, quotes: boolean, eol: string): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const id = random() < 0.1 ? `s${Math.floor(random() * i)}` : `s${i}`;
  const date = pick(["2015-11-13", "2016-02-30", "2014-01-02 10:30", "", "13/11/2015"]);
  const url = pick(["https://example.org/a", "javascript:x", ""]);
  const tags = quotes ? pick(['"a, b;c"', `"x${eol}y"`, "x;y", ""]) : pick(["x;y", ""]);
  const blank = random() < 0.1 ? "\n" : "";
  return `${blank}${random() < 0.05 ? "" : id},${date},${url},${tags}`;
}

function manifest(rows: number, seed: number, eol: string, quotes: boolean): string[] {
  let s = seed;
  const random = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  return ["id,date,url,tags", ...Array.from({ length: rows }, (_, i) => row(i, random, quotes, eol))].map((line) => `${line}${eol}`);
}

describe("the manifest cache", () => {
  it.each([
    ["LF", "\n", false],
    ["LF, quoted fields", "\n", true],
    ["CRLF", "\r\n", false],
    ["CRLF, quoted fields", "\r\n", true],
  ] as const)("gives, for rows added to a manifest (%s), what parsing it whole gives", async (_, eol, quotes) => {
    for (let seed = 1; seed <= 6; seed++) {
      const lines = manifest(40, seed, eol, quotes);
      const { dir, file } = place();
      let text = "";
      // Rows added a few at a time, each version parsed with what the cache kept of the last.
      for (let at = 1; at <= lines.length; at += 1 + (seed % 7)) {
        text = lines.slice(0, at).join("");
        expect(await parsed(file, text, dir), `seed ${seed}, ${at} lines`).toEqual(parseManifest(text, "UTC"));
      }
      // A BOM, and the same again.
      expect(await parsed(file, `\uFEFF${text}`, dir)).toEqual(parseManifest(text, "UTC"));
      expect(await parsed(file, `\uFEFF${text}`, dir)).toEqual(parseManifest(text, "UTC"));
    }
  });

  it("parses only the rows added to what it kept, and a manifest changed anywhere else whole", async () => {
    const { dir, file } = place();
    const start = "id,date,section\na,2015-01-01,world\nb,2015-01-02,world\n";
    await parsed(file, start, dir);
    // What it kept stands for the rows it was made from.
    const cacheFile = path.join(dir, MANIFEST_CACHE_FILE);
    await writeFile(cacheFile, (await readFile(cacheFile, "utf8")).replace('"section":"world"', '"section":"kept"'));
    const added = `${start}c,2015-01-03,sport\nb,2015-01-04,sport\n`;
    const m = await parsed(file, added, dir);
    expect(m.entries.map((e) => [e.key.value, e.row, e.section])).toEqual([
      ["a", 2, "kept"],
      ["b", 3, "world"],
      ["c", 4, "sport"],
    ]);
    expect(m.warnings).toEqual([{ row: 5, message: expect.stringContaining('duplicate row for id "b" (first at row 3)') }]);
    // An edited row, another zone, another file: parsed whole.
    const edited = added.replace("a,2015-01-01,world", "a,2015-01-01,business");
    expect((await parsed(file, edited, dir)).entries[0]?.section).toBe("business");
    await writeFile(cacheFile, (await readFile(cacheFile, "utf8")).replaceAll('"section":"business"', '"section":"kept"'));
    const tamper = async (): Promise<void> => writeFile(cacheFile, (await readFile(cacheFile, "utf8")).replaceAll('"section":"business"', '"section":"kept"'));
    await tamper();
    expect((await parsed(file, `${edited}d,2015-01-05,world\n`, dir, "Europe/Vienna")).entries[0]?.section).toBe("business");
    await tamper();
    expect((await parsed(path.join(dir, "other.csv"), `${edited}d,2015-01-05,world\n`, dir, "Europe/Vienna")).entries[0]?.section).toBe("business");
    // (The tampering shows: the same file again, with a row added, takes what was kept.)
    await tamper();
    expect((await parsed(path.join(dir, "other.csv"), `${edited}d,2015-01-05,world\ne,2015-01-06,world\n`, dir, "Europe/Vienna")).entries[0]?.section).toBe("kept");
  });

  it.each([
    ["a blank line before the header", "\nid,date\na,2015-01-01\n", "b,2015-01-02\n"],
    ["a BOM and a blank line before the header", "\uFEFF\r\nid,date\r\na,2015-01-01\r\n", "b,2015-01-02\r\n"],
    ["a header alone, with a column unknown", "id,date,colour\n", "a,2015-01-01,red\n"],
    ["a first row shorter than the header", "date,id,colour\n2015-01-01\n", "2015-01-02,b,red\n"],
    ["a bad quote in the rows added", "id,date\na,2015-01-01\n", 'b,2015-01-02,"open\n'],
  ])("gives what parsing it whole gives for %s", async (_, start, added) => {
    const { dir, file } = place();
    const whole = (text: string): unknown => {
      try {
        return parseManifest(text, "UTC");
      } catch (error) {
        return String(error);
      }
    };
    const cached = async (text: string): Promise<unknown> => parsed(file, text, dir).catch((error: unknown) => String(error));
    expect(await cached(start)).toEqual(whole(start));
    expect(await cached(start + added)).toEqual(whole(start + added));
  });

  it("refuses, as parsing it whole does, rows added under a header naming no seed", async () => {
    const { dir, file } = place();
    await parsed(file, "name,date\n", dir);
    await expect(parsed(file, "name,date\na,2015-01-01\n", dir)).rejects.toThrow(/"id" or "file"/);
  });

  it("decodes a manifest that is not UTF-8 as Windows-1252, says so for the file, and keeps nothing of it", async () => {
    const { dir, file } = place();
    // As a spreadsheet's plain "CSV" writes it: é, í, ñ and a curly quote as single bytes.
    const bytes = Buffer.from([..."id,date,byline,section\na,2020-01-01,Jos", 0xe9, ..." Mar", 0xed, ..."a ", 0x93, ..."Pepe", 0x94, ...",Espa", 0xf1, ..."a\n"].map((c) => (typeof c === "string" ? c.charCodeAt(0) : c)));
    for (let i = 0; i < 2; i++) {
      const m = await parseManifestCached(file, bytes, dir, "UTC", noError);
      expect(m.entries.map((e) => [e.byline, e.section])).toEqual([["José María “Pepe”", "España"]]);
      expect(m.warnings).toEqual([{ row: 0, message: "not valid UTF-8: decoded as Windows-1252" }]);
      await expect(readFile(path.join(dir, MANIFEST_CACHE_FILE))).rejects.toThrow();
    }
    await expect(parseManifestCached(file, Buffer.from([0x69, 0x64, 0x0a, 0x00, 0x01]), dir, "UTC", noError)).rejects.toThrow(/binary/);
  });

  it("keeps nothing of a manifest with a row it cannot read, and gives what parsing it whole gives as rows are added", async () => {
    const { dir, file } = place();
    const start = 'id,date\na,2015-01-01\nb,2015-01-02,"open\n';
    expect(await parsed(file, start, dir)).toEqual(parseManifest(start, "UTC"));
    expect(parseManifest(start, "UTC").warnings).toEqual([{ row: 3, message: expect.stringContaining("cannot read this row as CSV") }]);
    await expect(readFile(path.join(dir, MANIFEST_CACHE_FILE))).rejects.toThrow();
    const more = `${start}c,2015-01-03\n`;
    expect(await parsed(file, more, dir)).toEqual(parseManifest(more, "UTC"));
    expect(parseManifest(more, "UTC").entries.map((e) => e.key.value)).toEqual(["a", "c"]);
  });

  it("gives what parsing whole gives when a row it cannot read is added under rows it kept, a line of spaces among them", async () => {
    const { dir, file } = place();
    const start = "id,byline\na,A\n \n";
    expect(await parsed(file, start, dir)).toEqual(parseManifest(start, "UTC"));
    const more = `${start}c,"C\n`;
    expect(await parsed(file, more, dir)).toEqual(parseManifest(more, "UTC"));
    expect(parseManifest(more, "UTC").warnings.map((w) => w.row)).toEqual([3, 4]);
    // Parsed from where the kept start ends, the unreadable row added is counted, and the version with it is not kept.
    expect((await parsed(file, more, dir)).unreadableRows).toBe(1);
    expect(JSON.parse(await readFile(path.join(dir, MANIFEST_CACHE_FILE), "utf8")).size).toBe(Buffer.byteLength(start));
  });

  it("keeps nothing of a manifest whose last line has no line break, and throws as parsing does", async () => {
    const { dir, file } = place();
    await parsed(file, "id,date\na,2015-01-01", dir);
    await expect(readFile(path.join(dir, MANIFEST_CACHE_FILE))).rejects.toThrow();
    await expect(parsed(file, "name,date\na,2015-01-01\n", dir)).rejects.toThrow(/"id" or "file"/);
  });
});
