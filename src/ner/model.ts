/**
 * The model file: a gzipped JSON document holding the tag set, the lexicon and gazetteer used by
 * the features, and one sparse weight table per tagging pass. Encoding is deterministic (sorted
 * rows, integer weights, gzip without a timestamp) so the same training run gives the same bytes.
 */

import { gunzipSync, gzipSync } from "node:zlib";
import { GazetteerMatcher, type GazetteerEntry } from "./gazetteer.js";

/** IOB2 tags over CoNLL's four types; MISC is learned to keep it apart from the rest, then dropped. */
export const TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"] as const;
export type Tag = (typeof TAGS)[number];

export const FORMAT = "news-archive-ner/1";

/** Feature name → one weight per tag (index into `TAGS`). */
export type WeightTable = Map<string, Float32Array>;

export interface NerModel {
  lexicon: ReadonlySet<string>;
  gazetteer: GazetteerMatcher;
  /** Names seen in training with their usual type. */
  names: GazetteerMatcher;
  /** Pass 1 tags without document features; pass 2 re-tags with them. */
  passes: WeightTable[];
}

/** A sparse row: the feature name, then (tag index, weight × scale) pairs. */
type Row = [string, ...number[]];

interface ModelFile {
  format: string;
  note: string;
  tags: string[];
  scale: number;
  lexicon: string[];
  gazetteer: GazetteerEntry[];
  names: GazetteerEntry[];
  passes: Row[][];
}

export interface ModelContents {
  note: string;
  lexicon: readonly string[];
  gazetteer: readonly GazetteerEntry[];
  names: readonly GazetteerEntry[];
  passes: WeightTable[];
}

const SCALE = 1000;

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function encodeTable(table: WeightTable): Row[] {
  const rows: Row[] = [];
  for (const name of [...table.keys()].sort(byName)) {
    const weights = table.get(name);
    if (!weights) continue;
    const row: Row = [name];
    weights.forEach((w, tag) => {
      const q = Math.round(w * SCALE);
      if (q !== 0) row.push(tag, q);
    });
    if (row.length > 1) rows.push(row);
  }
  return rows;
}

function decodeTable(rows: readonly Row[], scale: number): WeightTable {
  const table: WeightTable = new Map();
  for (const [name, ...pairs] of rows) {
    const weights = new Float32Array(TAGS.length);
    for (let k = 0; k + 1 < pairs.length; k += 2) weights[pairs[k] ?? 0] = (pairs[k + 1] ?? 0) / scale;
    table.set(name, weights);
  }
  return table;
}

export function encodeModel(contents: ModelContents): Buffer {
  const file: ModelFile = {
    format: FORMAT,
    note: contents.note,
    tags: [...TAGS],
    scale: SCALE,
    lexicon: [...contents.lexicon].sort(byName),
    gazetteer: [...contents.gazetteer].sort((a, b) => byName(a[0], b[0])),
    names: [...contents.names].sort((a, b) => byName(a[0], b[0])),
    passes: contents.passes.map(encodeTable),
  };
  // Node's gzip header carries mtime 0 and a fixed OS byte, so the bytes depend on the input alone.
  return gzipSync(JSON.stringify(file), { level: 9 });
}

export class ModelFormatError extends Error {
  override name = "ModelFormatError";
}

export function decodeModel(bytes: Buffer): NerModel {
  const file = JSON.parse(gunzipSync(bytes).toString("utf8")) as ModelFile;
  if (file.format !== FORMAT) throw new ModelFormatError(`unknown NER model format ${String(file.format)}`);
  if (file.tags.join(",") !== TAGS.join(",")) throw new ModelFormatError("NER model tag set differs from the code's");
  return {
    lexicon: new Set(file.lexicon),
    gazetteer: new GazetteerMatcher(file.gazetteer),
    names: new GazetteerMatcher(file.names),
    passes: file.passes.map((rows) => decodeTable(rows, file.scale)),
  };
}
