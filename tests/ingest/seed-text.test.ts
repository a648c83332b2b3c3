/**
 * The seed cache keeps no paragraphs; they are read from the seed again when wanted, and must
 * be the ones parsed before.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestError } from "../../src/ingest/errors.ts";
import { parseSeed } from "../../src/ingest/parse.ts";
import { paragraphsDigest } from "../../src/ingest/record-digest.ts";
import { paragraphsOf, readParagraphs, readParagraphsSync } from "../../src/ingest/seed-text.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-seed-text-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SEED = "\uFEFFHeadline\r\nFirst paragraph.\r\nA quote |\r\nSecond paragraph, caf\u00e9.\r\n";
const parsed = parseSeed(SEED.replace(/^\uFEFF/, ""));
if (!parsed.ok) throw new Error(parsed.reason);
const paragraphs = parsed.value.paragraphs;

describe("an article's paragraphs read from its seed again", () => {
  it("are the paragraphs its parse had, read either way", async () => {
    await writeFile(path.join(dir, "a.txt"), SEED);
    const source = { seedsDir: dir, file: "a.txt", paragraphsDigest: paragraphsDigest(paragraphs) };
    expect(paragraphs).toEqual(["First paragraph.", "Second paragraph, café."]);
    expect(await readParagraphs(source)).toEqual(paragraphs);
    expect(readParagraphsSync(source)).toEqual(paragraphs);
  });

  it("are refused, naming the seed, when it changed since it was parsed", async () => {
    const source = { seedsDir: dir, file: "b.txt", paragraphsDigest: paragraphsDigest(paragraphs) };
    for (const changed of [SEED.replace("First", "1st"), "", "\u0000\u0001binary"]) {
      await writeFile(path.join(dir, "b.txt"), changed);
      const error = await readParagraphs(source).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).file).toBe(path.join(dir, "b.txt"));
      expect((error as Error).message).toMatch(/^b\.txt changed while the archive was being built/);
      expect(() => paragraphsOf(Buffer.from(changed), source)).toThrow(IngestError);
    }
  });
});
