/**
 * Inputs as archives have them. Seeds that are symbolic links: every input is an article or a
 * reject, never left out; a link to a seed is read as that seed, one that leads nowhere, or to a
 * folder, is rejected, named. A manifest saved as Windows-1252 (a spreadsheet's plain "CSV").
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/pipeline.ts";

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "news-archive-linked-seeds-"));
  const seeds = path.join(tmp, "seeds");
  const store = path.join(tmp, "store");
  await mkdir(seeds);
  await mkdir(store);
  await writeFile(path.join(seeds, "a.txt"), "Blair visits Paris\nTony Blair met French officials in Paris on Monday.\n");
  await writeFile(path.join(store, "b.txt"), "Chelsea win in Madrid\nChelsea beat Real Madrid in the Spanish capital.\n");
  await symlink(path.join(store, "b.txt"), path.join(seeds, "b.txt"));
  await symlink(path.join(store, "gone.txt"), path.join(seeds, "c.txt"));
  await symlink(store, path.join(seeds, "d.txt"));
  // A pipe: reading it would wait for a writer that never comes.
  execFileSync("mkfifo", [path.join(store, "pipe")]);
  await symlink(path.join(store, "pipe"), path.join(seeds, "e.txt"));
  const bytes = [..."id,date,byline,section\na,2020-01-01,Jos", 0xe9, ..." Mar", 0xed, ..."a,Espa", 0xf1, ..."a\n"];
  await writeFile(path.join(tmp, "manifest.csv"), Buffer.from(bytes.map((c) => (typeof c === "string" ? c.charCodeAt(0) : c))));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("seeds that are symbolic links", () => {
  it("are read where they lead, and rejected, named, when they lead nowhere, to a folder or to a pipe", async () => {
    const report = await ingest({ seedsDir: path.join(tmp, "seeds"), outDir: path.join(tmp, "out") });
    expect(report.seeds).toBe(5);
    expect(report.articles.map((a) => [a.file, a.status])).toEqual([
      ["a.txt", "written"],
      ["b.txt", "written"],
    ]);
    expect(report.rejected.map((r) => r.file)).toEqual(["c.txt", "d.txt", "e.txt"]);
    expect(report.rejected[0]?.reason).toMatch(/^cannot read: .*ENOENT/);
    expect(report.rejected[1]?.reason).toBe("not a regular file (a folder, pipe, socket or device)");
    expect(report.rejected[2]?.reason).toBe("not a regular file (a folder, pipe, socket or device)");
  });
});

describe("a manifest that is not UTF-8", () => {
  it("is read as Windows-1252, with a warning naming the file", async () => {
    const manifest = path.join(tmp, "manifest.csv");
    const out = path.join(tmp, "out-1252");
    const report = await ingest({ seedsDir: path.join(tmp, "seeds"), outDir: out, manifestPath: manifest });
    expect(report.warnings).toContainEqual({ file: manifest, message: "not valid UTF-8: decoded as Windows-1252" });
    const markdown = await readFile(path.join(out, "a.md"), "utf8");
    expect(markdown).toContain("byline: José María");
    expect(markdown).toContain("section: España");
  });
});

describe("manifest rows by id", () => {
  it("go to the seed whose stem they give as written, where stems differ only by case, and to a root seed's id beside folders", async () => {
    const seeds = path.join(tmp, "cased");
    await mkdir(path.join(seeds, "politics"), { recursive: true });
    await writeFile(path.join(seeds, "Report.txt"), "Upper report\nTony Blair met French officials in Paris.\n");
    await writeFile(path.join(seeds, "report.txt"), "Lower report\nChelsea beat Real Madrid in the Spanish capital.\n");
    await writeFile(path.join(seeds, "001.txt"), "Root story\nTony Blair spoke in London.\n");
    await writeFile(path.join(seeds, "politics", "001.txt"), "Politics story\nGordon Brown spoke in Leeds.\n");
    const manifest = path.join(tmp, "cased.csv");
    await mkdir(path.join(seeds, "sport"), { recursive: true });
    await writeFile(path.join(seeds, "Notes.txt"), "Root notes\nTony Blair spoke in Leeds.\n");
    await writeFile(path.join(seeds, "sport", "Notes.txt"), "Sport notes\nChelsea beat Arsenal.\n");
    await writeFile(manifest, "id,section\nreport,lower\nReport,upper\n001,root\npolitics-001,politics\nNotes,root notes\n");
    const out = path.join(tmp, "out-cased");
    const report = await ingest({ seedsDir: seeds, outDir: out, manifestPath: manifest });
    expect(report.warnings).toEqual([]);
    const sectionOf = (file: string): string | undefined => {
      const a = report.articles.find((x) => x.file === file);
      return a && /^section: (.*)$/m.exec(readFileSync(path.join(out, `${a.id}.md`), "utf8"))?.[1];
    };
    expect(sectionOf("Report.txt")).toBe("upper");
    expect(sectionOf("report.txt")).toBe("lower");
    expect(sectionOf("001.txt")).toBe("root");
    expect(sectionOf("politics/001.txt")).toBe("politics");
    // A stem two seeds share, given as written: the id it makes is the root seed's.
    expect(sectionOf("Notes.txt")).toBe("root notes");
  });
});

describe("seeds with one text", () => {
  it("make the article of the one the manifest describes, wherever it lies in the folder", async () => {
    const seeds = path.join(tmp, "copies");
    await mkdir(seeds, { recursive: true });
    const text = "Blair visits Paris\nTony Blair met French officials in Paris on Monday.\n";
    await writeFile(path.join(seeds, "a-copy.txt"), text);
    await writeFile(path.join(seeds, "b-story.txt"), text);
    const manifest = path.join(tmp, "copies.csv");
    await writeFile(manifest, "id,date,section\nb-story,2015-11-13,world\n");
    const out = path.join(tmp, "out-copies");
    const report = await ingest({ seedsDir: seeds, outDir: out, manifestPath: manifest });
    expect(report.articles.map((a) => [a.file, a.status, a.duplicateOf]).sort()).toEqual([
      ["a-copy.txt", "duplicate", "b-story.txt"],
      ["b-story.txt", "written", undefined],
    ]);
    const markdown = readFileSync(path.join(out, "b-story.md"), "utf8");
    expect(markdown).toContain("date: 2015-11-13");
    expect(markdown).toContain("section: world");
  });
});
