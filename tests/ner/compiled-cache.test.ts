/**
 * The compiled model kept on disk tags exactly as the model compiled afresh, and a cache that
 * is damaged or made from another model is never used.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledKey, readCompiled, writeCompiled } from "../../src/ner/compiled-cache.ts";
import { decodeModel, type NerModel } from "../../src/ner/model.ts";
import { adoptTagger, extractWithModel, prepareTagger } from "../../src/ner/pipeline.ts";
import { DocumentTagger } from "../../src/ner/tagger.ts";
import { CASES } from "../fixtures/seeds.ts";
import { ROOT } from "../helpers/cli.ts";

const bytes = readFileSync(path.join(ROOT, "models", "ner.json.gz"));
const BBC = path.join(ROOT, "..", "shared", "data", "bbc", "politics");

/** Texts to tag: the project's seed, the fixtures, and 150 BBC articles where the corpus is present. */
function texts(): string[] {
  const out = [readFileSync(path.join(ROOT, "seeds", "000_9839d7d5526b8e16.txt"), "utf8")];
  for (const value of Object.values(CASES)) if (typeof value === "string") out.push(value);
  out.push("TONY BLAIR AND GORDON BROWN IN LONDON\nThe Bank of England said on Monday that Saudi Arabia and Iran had met in Geneva.");
  if (existsSync(BBC)) for (const name of readdirSync(BBC).sort().slice(0, 150)) out.push(readFileSync(path.join(BBC, name), "latin1"));
  else console.warn(`compiled-cache test: ${BBC} is absent, tagging ${out.length} short texts only`);
  return out;
}

let dir: string;
let fresh: NerModel;
const key = compiledKey(bytes);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "news-archive-ner-cache-"));
  fresh = decodeModel(bytes);
  writeCompiled(key, fresh, prepareTagger(fresh).passes, dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the compiled model cache", () => {
  it("tags every text as the model compiled afresh does", () => {
    const kept = readCompiled(key, dir);
    expect(kept).toBeDefined();
    if (!kept) return;
    expect(kept.passes).toHaveLength(2);
    adoptTagger(kept.model, new DocumentTagger(kept.model, kept.passes));
    const all = texts();
    let entities = 0;
    for (const text of all) {
      const got = extractWithModel(kept.model, text);
      expect(got, text.slice(0, 60)).toEqual(extractWithModel(fresh, text));
      entities += got.length;
    }
    expect(entities).toBeGreaterThan(all.length);
  });

  it("is keyed by the model's bytes, and not read when damaged", async () => {
    const other = Buffer.from(bytes);
    other.writeUInt8(other.readUInt8(other.length - 1) ^ 1, other.length - 1);
    expect(compiledKey(other)).not.toBe(key);
    const damaged = await mkdtemp(path.join(tmpdir(), "news-archive-ner-damaged-"));
    try {
      await writeFile(path.join(damaged, `${key}.v8`), "not a serialised model");
      expect(readCompiled(key, damaged)).toBeUndefined();
    } finally {
      await rm(damaged, { recursive: true, force: true });
    }
  });

  it("keeps one key's file, dropping the others' and what interrupted writes left", async () => {
    await writeFile(path.join(dir, "0123.v8"), "an older model's");
    const abandoned = path.join(dir, `.${key}.v8.123-4.tmp`);
    await writeFile(abandoned, "a write cut short an hour ago");
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(abandoned, hourAgo, hourAgo);
    // Another thread's write of this key, under way now.
    const underWay = `.${key}.v8.567-8.tmp`;
    await writeFile(path.join(dir, underWay), "being written");
    writeCompiled(key, fresh, prepareTagger(fresh).passes, dir);
    expect(readdirSync(dir).sort()).toEqual([underWay, `${key}.v8`].sort());
    expect(readCompiled(key, dir)).toBeDefined();
  });
});
