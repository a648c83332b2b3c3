import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
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
  await mkdir(path.join(dir, "links"));
  await symlink(path.join(dir, "b.txt"), path.join(dir, "links", "to-b.txt"));
  await symlink(path.join(dir, "nowhere.txt"), path.join(dir, "links", "dangling.txt"));
  await symlink(path.join(dir, "world"), path.join(dir, "links", "to-folder.txt"));
  await symlink(path.join(dir, "world"), path.join(dir, "linked-folder"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("listing seeds", () => {
  it("lists every .txt file below the folder, sorted, by its /-separated path, but dot-files and what dot-folders hold", async () => {
    // Links named .txt are listed whatever they lead to (reading them decides: see build.test.ts); a link to a folder is not followed into.
    const listed = ["a.TXT", "b.txt", "links/dangling.txt", "links/to-b.txt", "links/to-folder.txt", "world/c.txt", "world/deep/g.txt"];
    expect(await listSeeds(dir)).toEqual(listed);
    expect(await listSeeds(`${dir}${path.sep}`)).toEqual(listed);
    expect(await listSeeds(path.join(dir, "world", ".."))).toEqual(listed);
  });
});
