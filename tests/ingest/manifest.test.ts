import { describe, expect, it } from "vitest";
import { parseManifest } from "../../src/ingest/manifest.ts";

describe("parseManifest", () => {
  it("reads every column", () => {
    const m = parseManifest(
      "id,date,url,byline,section,tags\nseed1,2015-11-13,https://example.org/a,Jane Doe,world,diplomacy; syria ;\n",
      "UTC",
    );
    expect(m.warnings).toEqual([]);
    expect(m.entries).toEqual([
      {
        row: 2,
        key: { by: "id", value: "seed1" },
        date: "2015-11-13",
        url: "https://example.org/a",
        byline: "Jane Doe",
        section: "world",
        tags: ["diplomacy", "syria"],
      },
    ]);
  });

  it("accepts a file column, quoted fields, a BOM and CRLF", () => {
    const m = parseManifest('\uFEFFfile,tags\r\n"politics/001.txt","a, b;c"\r\n', "UTC");
    expect(m.entries[0]).toMatchObject({ key: { by: "file", value: "politics/001.txt" }, tags: ["a, b", "c"] });
  });

  it("reads times without offset in the given zone and stores UTC", () => {
    const m = parseManifest("id,date\na,2015-11-13 10:30\nb,2015-11-13T10:30:00+05:00\n", "Europe/Vienna");
    expect(m.entries.map((e) => e.date)).toEqual(["2015-11-13T09:30:00Z", "2015-11-13T05:30:00Z"]);
  });

  it.each([
    ["id,date\na,13/11/2015\n", 2, "unparsable date"],
    ["id,date\na,2015-02-30\n", 2, "unparsable date"],
    ["id,date\n,2015-01-01\n", 2, "names no seed"],
    ["id,date\na,2015-01-01\na,2015-01-02\n", 3, "duplicate row"],
    ["id,url\na,javascript:alert(1)\n", 2, "not an http(s) URL"],
    ["id,colour\na,red\n", 1, 'unknown column "colour"'],
  ])("warns, naming the row: %j", (csv, row, message) => {
    const m = parseManifest(csv, "UTC");
    expect(m.warnings).toEqual([{ row, message: expect.stringContaining(message) }]);
  });

  it("gives rows sharing a date the same date, and each its own warning when the date is bad", () => {
    const m = parseManifest("id,date\na,2015-11-13\nb,2015-02-30\nc,2015-11-13\nd,2015-02-30\n", "UTC");
    expect(m.entries.map((e) => e.date)).toEqual(["2015-11-13", undefined, "2015-11-13", undefined]);
    expect(m.warnings.map((w) => w.row)).toEqual([3, 5]);
  });

  it("keeps a row with a bad date, undated", () => {
    expect(parseManifest("id,date,section\na,never,world\n", "UTC").entries[0]).toMatchObject({ section: "world" });
    expect(parseManifest("id,date,section\na,never,world\n", "UTC").entries[0]?.date).toBeUndefined();
  });

  it("refuses a manifest with no id or file column", () => {
    expect(() => parseManifest("name,date\na,2015-01-01\n", "UTC")).toThrow(/"id" or "file"/);
  });

  it("keeps quotes inside a field as they are", () => {
    const m = parseManifest('id,date,section,byline\na,2020-01-01,pol"itics,Jim "Bud" Smith\nb,2020-01-02,world,"Bud" Smith\n', "UTC");
    expect(m.warnings).toEqual([]);
    expect(m).not.toHaveProperty("unreadableRows");
    expect(m.entries.map((e) => [e.key.value, e.section, e.byline])).toEqual([
      ["a", 'pol"itics', 'Jim "Bud" Smith'],
      ["b", "world", '"Bud" Smith'],
    ]);
  });

  it("skips a row whose quote is left open, with a warning naming its line, and reads every other row", () => {
    const m = parseManifest('id,date,byline\na,2020-01-01,x\nb,2020-01-02,"open\n\nc,2020-01-03,"Quoted, with a comma"\nd,13/11/2015,y\n', "UTC");
    expect(m.entries.map((e) => [e.row, e.key.value, e.date, e.byline])).toEqual([
      [2, "a", "2020-01-01", "x"],
      [5, "c", "2020-01-03", "Quoted, with a comma"],
      [6, "d", undefined, "y"],
    ]);
    expect(m.warnings).toEqual([
      { row: 3, message: "cannot read this row as CSV (a quote left open); ignored" },
      { row: 6, message: expect.stringContaining("unparsable date") },
    ]);
    expect(m.unreadableRows).toBe(1);
  });

  it("checks the header's own names, not the keys of a first row shorter than it", () => {
    const short = parseManifest("date,section,id\n2020-01-01\n2020-01-02,politics,b\n", "UTC");
    expect(short.entries.map((e) => e.key.value)).toEqual(["b"]);
    expect(short.warnings).toEqual([{ row: 2, message: expect.stringContaining("names no seed") }]);
    const misspelt = parseManifest("id,date,secton\na,2020-01-01\nb,2020-01-02,politics\n", "UTC");
    expect(misspelt.warnings).toEqual([{ row: 1, message: 'unknown column "secton" ignored' }]);
    expect(() => parseManifest("name,date,colour\na\n", "UTC")).toThrow(/"id" or "file" column \(found: name, date, colour\)/);
    // Also when every row is one it cannot read.
    expect(() => parseManifest('name,byline\n"x,y\n', "UTC")).toThrow(/"id" or "file" column \(found: name, byline\)/);
  });
});
