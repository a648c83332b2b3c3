/**
 * Generalisation check on real news: `npx tsx scripts/ner-top.ts [--bbc DIR] [--top N]` runs
 * `extractEntities` over every BBC article (headline, then paragraphs) and prints the most
 * frequent entities per type (by number of articles), for eyeballing junk and mistyping.
 * Also prints articles per second, model load excluded, for each of `--passes` runs over the
 * corpus (the first run also fills the per-word score caches and warms the JIT).
 */

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { EntityType } from "../src/ingest/article.js";
import { extractEntities } from "../src/entities/extract.js";
import { loadNerModel } from "../src/ner/load.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    bbc: { type: "string", default: resolve(root, "../shared/data/bbc") },
    top: { type: "string", default: "40" },
    passes: { type: "string", default: "1" },
  },
});

/** The BBC files: headline, blank line, paragraphs separated by blank lines → ingest's shape. */
function articleText(raw: string): string {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

const texts: string[] = [];
for (const section of readdirSync(values.bbc, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  for (const file of readdirSync(join(values.bbc, section)).filter((f) => f.endsWith(".txt")).sort()) {
    texts.push(articleText(readFileSync(join(values.bbc, section, file), "utf8")));
  }
}

loadNerModel();
// CPU time as well as wall time: on a shared machine, CPU seconds measure per-core speed.
const timings: { wall: number; cpu: number }[] = [];
let results = texts.map(() => [] as ReturnType<typeof extractEntities>);
for (let pass = 0; pass < Math.max(1, Number(values.passes)); pass++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  results = texts.map((text) => extractEntities(text));
  const used = process.cpuUsage(cpu);
  timings.push({ wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 });
}

const counts: Record<EntityType, Map<string, number>> = { person: new Map(), organization: new Map(), place: new Map() };
for (const entities of results) {
  for (const e of entities) counts[e.type].set(e.name, (counts[e.type].get(e.name) ?? 0) + 1);
}
const top = Number(values.top);
for (const type of ["person", "organization", "place"] as const) {
  const rows = [...counts[type]].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  console.log(`\n${type} (${counts[type].size} distinct): ${rows.map(([name, n]) => `${name} ${n}`).join(", ")}`);
}
const words = texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0);
console.log(`\n${texts.length} articles, ${(words / texts.length).toFixed(0)} words each on average; model load excluded, one thread`);
timings.forEach(({ wall, cpu }, pass) =>
  console.log(
    `speed, run ${pass + 1}: ${(texts.length / wall).toFixed(0)} articles/s wall (${wall.toFixed(2)} s), ${(texts.length / cpu).toFixed(0)} articles per CPU second (${cpu.toFixed(2)} s)`,
  ),
);
