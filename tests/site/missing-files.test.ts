import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOnThread, missingFiles } from "../../src/site/missing-files.ts";

let dir: string;
const files = ["index.html", "a/index.html", "a/feed.xml", "b/index.html", "c/d/index.html"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-missing-"));
  for (const file of ["index.html", "a/feed.xml", "c/d/index.html"]) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), "x");
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("missingFiles", () => {
  it("names the files that do not exist, checked here or on a thread alike", async () => {
    const here = await missingFiles(dir, files);
    expect([...here].sort()).toEqual(["a/index.html", "b/index.html"]);
    // The thread alone (`missingFiles` would fall back to checking here if it failed).
    expect([...(await checkOnThread(dir, files))].sort()).toEqual([...here].sort());
    expect([...(await missingFiles(dir, files, 1))].sort()).toEqual([...here].sort());
  });

  it("sees a file removed since an earlier check", async () => {
    await rm(path.join(dir, "a/feed.xml"));
    expect([...(await checkOnThread(dir, files))].sort()).toEqual(["a/feed.xml", "a/index.html", "b/index.html"]);
  });
});
