/**
 * A deterministic synthetic corpus shaped like a news archive, for benchmarks: N seeds with a
 * manifest of dates and sections; each article mentions about ten entities drawn from a pool
 * of 2,000 people, organizations and places with Zipf frequencies, in sentences of news prose.
 * Same N and seed, same bytes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Country } from "world-countries";
import { seededRandom as random } from "../src/ner/training/random.ts";

// A CommonJS JSON package: loaded with require, typed by its own declarations.
const countries = createRequire(import.meta.url)("world-countries") as Country[];

const FIRST = "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Paul Sandra Steven Ashley Andrew Kimberly Kenneth Emily Joshua Donna Kevin Michelle Brian Carol George Amanda Timothy Melissa Ahmed Fatima Wei Mei Hiroshi Yuki Olga Ivan Lars Ingrid Pierre Claire Hans Greta Carlos Lucia".split(" ");
const LAST = "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Okafor Mensah Tanaka Sato Petrov Ivanova Larsen Dubois Moreau Schmidt Fischer Rossi Bianchi Kowalski Novak Haddad Khan Patel Singh Chen Wang Kim Park".split(" ");
const ORG_SUFFIX = ["Group", "Holdings", "Bank", "Industries", "Motors", "Energy", "Telecom", "Airlines", "Foods", "Pharmaceuticals"];
const ORG_CIVIC = ["University", "City Council", "Football Club", "Chamber of Commerce", "Police", "Hospital Trust"];
const SECTIONS = ["world", "politics", "business", "sport", "technology", "culture"];

export type PoolType = "person" | "organization" | "place";

export interface PoolEntity {
  name: string;
  type: PoolType;
}

/** 2,000 distinct entities: 1,000 people, 500 organizations, 500 places. */
export function entityPool(rand: () => number): PoolEntity[] {
  const seen = new Set<string>();
  const pool: PoolEntity[] = [];
  const add = (name: string, type: PoolType): void => {
    if (!seen.has(name)) {
      seen.add(name);
      pool.push({ name, type });
    }
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const places = [...new Set(countries.flatMap((c) => [c.name.common, ...c.capital]))].sort();
  for (const p of places) if (pool.filter((e) => e.type === "place").length < 500) add(p, "place");
  while (pool.filter((e) => e.type === "person").length < 1000) add(`${pick(FIRST)} ${pick(LAST)}`, "person");
  while (pool.filter((e) => e.type === "organization").length < 500) {
    add(rand() < 0.6 ? `${pick(LAST)} ${pick(ORG_SUFFIX)}` : `${pick(places)} ${pick(ORG_CIVIC)}`, "organization");
  }
  return pool;
}

/** Samples indexes 0..n-1 with Zipf(s) weights: index 0 the most frequent. */
export function zipf(n: number, s: number, rand: () => number): () => number {
  const cdf: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cdf.push((total += 1 / k ** s));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const PERSON_LINES = [
  (p: string, o: string, l: string) => `${p}, who leads ${o}, said the talks in ${l} had been constructive.`,
  (p: string, o: string, l: string) => `Speaking in ${l} on Tuesday, ${p} said ${o} would publish its plans within weeks.`,
  (p: string, o: string, l: string) => `"We have made real progress," ${p} told reporters after meeting officials from ${o} in ${l}.`,
  (p: string, o: string, l: string) => `Critics of ${p} say ${o} has been slow to respond to concerns raised in ${l}.`,
];
const FILLER = [
  "The figures, published on Monday, were higher than analysts had expected.",
  "Officials declined to say when a final decision would be made.",
  "The proposals will be debated again next month.",
  "Several hundred people attended the meeting, according to organisers.",
  "It is the third such announcement this year.",
];

export interface CorpusStats {
  articles: number;
  bytes: number;
}

/** Writes `n` seeds and `manifest.csv` into `dir`. */
export async function writeCorpus(dir: string, n: number, seed = 42): Promise<CorpusStats> {
  const rand = random(seed);
  const pool = entityPool(rand);
  const draw = zipf(pool.length, 1.1, rand);
  const of = (type: PoolType): string => {
    for (;;) {
      const e = pool[draw()] as PoolEntity;
      if (e.type === type) return e.name;
    }
  };
  await mkdir(dir, { recursive: true });
  const manifest = ["id,date,section"];
  let bytes = 0;
  const start = Date.UTC(2010, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  for (let i = 0; i < n; i++) {
    const id = `a${String(i).padStart(6, "0")}`;
    const lead = of("person");
    const place = of("place");
    const org = of("organization");
    const paragraphs = [`${lead} visits ${place} as ${org} weighs new plans`];
    paragraphs.push(`${lead} arrived in ${place} on Monday for talks with ${org}, officials said.`);
    const extra = 3 + Math.floor(rand() * 4);
    for (let k = 0; k < extra; k++) {
      const line = PERSON_LINES[Math.floor(rand() * PERSON_LINES.length)] as (p: string, o: string, l: string) => string;
      paragraphs.push(`${line(of("person"), of("organization"), of("place"))} ${FILLER[Math.floor(rand() * FILLER.length)]}`);
    }
    const text = `${paragraphs.join("\n")}\n`;
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, `${id}.txt`), text);
    const date = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10);
    manifest.push(`${id},${date},${SECTIONS[Math.floor(rand() * SECTIONS.length)]}`);
  }
  await writeFile(path.join(dir, "manifest.csv"), `${manifest.join("\n")}\n`);
  return { articles: n, bytes };
}
