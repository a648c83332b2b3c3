import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSeeds } from "../../src/ingest/files.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-list-seeds-"));
  const files = ["b.txt", "a.TXT", ".hidden.txt", "notes.md", "world/c.txt", "world/.d.txt", ".drafts/e.txt", "world/.old/f.txt", "world/deep/g.txt"];
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), "Headline\nBody.\n");
  }
  await mkdir(path.join(dir, "folder.txt"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("listing seeds", () => {
  it("lists every .txt file below the folder, sorted, by its /-separated path, but dot-files and what dot-folders hold", async () => {
    const listed = ["a.TXT", "b.txt", "world/c.txt", "world/deep/g.txt"];
    expect(await listSeeds(dir)).toEqual(listed);
    expect(await listSeeds(`${dir}${path.sep}`)).toEqual(listed);
    expect(await listSeeds(path.join(dir, "world", ".."))).toEqual(listed);
  });
});
