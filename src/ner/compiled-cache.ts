/**
 * The shipped model, compiled for tagging, kept on disk between runs. Loading `ner.json.gz`
 * (gunzip, JSON, 150,000 weight rows) and compiling its tables into the tagger's flat arrays
 * takes about half a second of every thread that extracts, and a rebuild after adding one seed
 * waits for it. The compiled tables, written with `v8.serialize`, read back in 0.1-0.3 s.
 *
 * The file (`.cache/ner/<key>.v8` under the project) is named by a hash of the model's bytes,
 * of the tagger's source (`src/ner/`) and of the Node version (whose serialisation format it
 * is), so it is never read by code or a model it was not made from. It is only a cache: one
 * that is missing, unreadable or of another shape is compiled again, and one that cannot be
 * written is left unwritten.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { PROJECT_ROOT } from "../code-location.js";
import { TEMPORARY, writeIfChanged } from "../ingest/files.js";
import { CompiledPass, WordRows } from "./compiled.js";
import { GazetteerMatcher } from "./gazetteer.js";
import type { NerModel } from "./model.js";
import { PairTable } from "./pair-table.js";

const CACHE_DIR = path.join(PROJECT_ROOT, ".cache", "ner");
/** The tagger's sources, hashed into the key (the compiled copy the CLI runs is made from them). */
const SOURCE_DIR = path.join(PROJECT_ROOT, "src", "ner");

/** Raised when what the file holds changes shape. */
const FORMAT = 1;

interface Stored {
  format: number;
  lexicon: ReadonlySet<string>;
  gazetteer: GazetteerMatcher;
  names: GazetteerMatcher;
  passes: CompiledPass[];
}

/** What the tagger's compiled form depends on: the model's bytes, the code, the Node version. */
export function compiledKey(modelBytes: Uint8Array): string {
  const hash = createHash("sha256").update(`${FORMAT}\n${process.version}\n`).update(modelBytes);
  const sources = readdirSync(SOURCE_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort();
  for (const file of sources) hash.update(`${file}\n`).update(readFileSync(path.join(SOURCE_DIR, file)));
  return hash.digest("hex").slice(0, 32);
}

const fileOf = (key: string, dir: string): string => path.join(dir, `${key}.v8`);

/**
 * The model and its compiled passes kept under `key`, or undefined. `v8.deserialize` gives
 * plain objects: each class instance gets its prototype back here.
 */
export function readCompiled(key: string, dir = CACHE_DIR): { model: NerModel; passes: CompiledPass[] } | undefined {
  let stored: Stored;
  try {
    stored = deserialize(readFileSync(fileOf(key, dir))) as Stored;
  } catch {
    return undefined;
  }
  if (stored?.format !== FORMAT || !(stored.lexicon instanceof Set) || !Array.isArray(stored.passes) || stored.passes.length === 0) return undefined;
  for (const pass of stored.passes) {
    Object.setPrototypeOf(pass, CompiledPass.prototype);
    Object.setPrototypeOf(pass.words, WordRows.prototype);
    for (const table of [pass.pairPrev, pass.pairNext, pass.shapeTriples]) Object.setPrototypeOf(table, PairTable.prototype);
  }
  Object.setPrototypeOf(stored.gazetteer, GazetteerMatcher.prototype);
  Object.setPrototypeOf(stored.names, GazetteerMatcher.prototype);
  return { model: { lexicon: stored.lexicon, gazetteer: stored.gazetteer, names: stored.names, passes: [] }, passes: stored.passes };
}

/** A temporary file older than this was left by a write that was cut short (a thread stopped mid-way). */
const ABANDONED_MS = 60_000;

/**
 * Keeps the compiled passes under `key`, in place of any other key's. Every thread that found
 * no file compiled the model and may get here; the first to finish writes it.
 */
export function writeCompiled(key: string, model: NerModel, passes: readonly CompiledPass[], dir = CACHE_DIR): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = fileOf(key, dir);
    if (!existsSync(file)) {
      const stored: Stored = { format: FORMAT, lexicon: model.lexicon, gazetteer: model.gazetteer, names: model.names, passes: [...passes] };
      writeIfChanged(file, serialize(stored));
    }
    // Other keys' files, and temporary files (`TEMPORARY`) left by a thread stopped mid-write:
    // those only once old, since another thread may be writing one now.
    for (const name of readdirSync(dir)) {
      if (name === `${key}.v8`) continue;
      const other = path.join(dir, name);
      if (TEMPORARY.test(name) && Date.now() - (statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? 0) < ABANDONED_MS) continue;
      rmSync(other, { force: true });
    }
  } catch {
    // A read-only install: the model is compiled in every run instead.
  }
}
