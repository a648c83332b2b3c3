/**
 * `npm run bench -- --articles N`: a benchmark, not a test. Generates a deterministic synthetic
 * corpus of N seeds (or takes `--seeds DIR`, e.g. ../shared/data/bbc), then runs the real CLI as
 * a user would, each run in its own process:
 *
 *   1. cold build: ingest (entity extraction) + Eleventy + Pagefind into an empty output
 *   2. rebuild, nothing changed
 *   3. add one seed, rebuild (the incremental case)
 *
 * and prints, per run and phase, wall time, articles/s, peak RSS of the CLI process (with its
 * worker threads) and of the largest process including Pagefind's binary, the number of files
 * in the site, and how many pages the build rewrote. `--cold-only` skips runs 2 and 3.
 *
 * `--rounds K` does all of it K times on the same corpus, each round from an empty site and
 * articles folder, then gives each run's wall time in every round and the median. On this
 * machine the same build's wall time varies by a third from one minute to the next (a cold
 * 10,000-article build took 22.1 s and 31.4 s on one afternoon), so one round's ratio of the
 * one-seed rebuild to the cold build says as much about the minute it ran in as about the code.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { compiledMain } from "../bin/compiled-code.js";
import { writeCorpus } from "./corpus.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const GNU_TIME = "/usr/bin/time";

interface Report {
  seeds: number;
  articles: { status: string }[];
  timings: { read: number; extract: number; extractCpu: number; modelLoad: number; threads: number; canonicalise: number; write: number };
  site?: { pages: number; rendered: number; threads?: number; written: number; removed: number; seconds: number };
  search?: { pages: number; seconds: number; shards?: number; indexed?: string[]; unchanged?: true; alongside?: true };
}

interface Run {
  label: string;
  wall: number;
  maxRssMb: number;
  /** The largest single process, the CLI or Pagefind's binary (NaN without /usr/bin/time). */
  treeMaxRssMb: number;
  report: Report;
  files: number;
  /** The CLI's main thread: seconds on a core, and waiting for one (Linux only, else undefined). */
  mainThread?: { onCpu: number; waiting: number };
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).length;
}

/**
 * Has the kernel write out what earlier steps left in memory (the corpus, the last build's
 * 35,000 files at 10,000 articles), outside the timings, so that no run pays for the one
 * before it: an archive being added to was usually built long before. (After a
 * 10,000-article cold build the `sync` took 0.6 s.)
 */
function flushToDisk(): void {
  const start = performance.now();
  spawnSync("sync");
  console.log(`(sync: ${fmt((performance.now() - start) / 1000)} s, not timed)`);
}

async function build(label: string, seeds: string, work: string, heapMb: number, renderThreads: string | undefined): Promise<Run> {
  flushToDisk();
  const reportFile = path.join(work, `${label}.report.json`);
  const usageFile = path.join(work, `${label}.rusage.json`);
  const args = [
    `--max-old-space-size=${heapMb}`,
    path.join(ROOT, "bin/news-archive.js"),
    "build",
    "--seeds",
    seeds,
    "--output",
    path.join(work, "site"),
    "--articles",
    path.join(work, "articles"),
    "--report",
    reportFile,
    "--timings",
    ...(renderThreads ? ["--render-threads", renderThreads] : []),
  ];
  // GNU time reports the largest resident set of the CLI and the processes it waited for, which
  // is how Pagefind's binary (a child process) gets measured too.
  const timeFile = path.join(work, `${label}.time.txt`);
  const [command, commandArgs] = existsSync(GNU_TIME) ? [GNU_TIME, ["-f", "%M", "-o", timeFile, process.execPath, ...args]] : [process.execPath, args];
  const start = performance.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ["ignore", "inherit", "ignore"], env: { ...process.env, NEWS_ARCHIVE_RUSAGE: usageFile } });
    child.on("error", reject);
    child.on("exit", (c) => resolve(c ?? 1));
  });
  const wall = (performance.now() - start) / 1000;
  if (code === 1) throw new Error(`${label}: news-archive build failed`);
  const usage = JSON.parse(await readFile(usageFile, "utf8")) as { maxRSS: number; mainThread?: Run["mainThread"] };
  const report = JSON.parse(await readFile(reportFile, "utf8")) as Report;
  const treeKb = existsSync(timeFile) ? Number((await readFile(timeFile, "utf8")).trim().split("\n").pop()) : NaN;
  return { label, wall, maxRssMb: Math.round(usage.maxRSS / 1024), treeMaxRssMb: Math.round(treeKb / 1024), report, files: await countFiles(path.join(work, "site")), ...(usage.mainThread ? { mainThread: usage.mainThread } : {}) };
}

const fmt = (n: number, digits = 1): string => n.toFixed(digits);

function print(runs: Run[], articles: number): void {
  console.log("\n| run | wall s | ingest s | extract s after reading (threads) | site s (render threads) | search s (bundles rebuilt) | articles/s | peak RSS MB | peak RSS incl. Pagefind MB | site files | articles written | pages rendered | pages rewritten | main thread on a core s | main thread waiting for a core s |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of runs) {
    const t = r.report.timings;
    const ingest = t.read + t.extract + t.canonicalise + t.write;
    const written = r.report.articles.filter((a) => a.status === "written").length;
    console.log(
      `| ${r.label} | ${fmt(r.wall)} | ${fmt(ingest)} | ${fmt(t.extract)} (${t.threads}) | ${fmt(r.report.site?.seconds ?? 0)} (${r.report.site?.threads ?? 1}) | ${r.report.search?.unchanged ? "kept" : `${fmt(r.report.search?.seconds ?? 0)} (${r.report.search?.indexed?.length ?? "?"} of ${r.report.search?.shards ?? "?"}${r.report.search?.alongside ? ", beside the render" : ""})`} | ${fmt(articles / r.wall, 0)} | ${r.maxRssMb} | ${r.treeMaxRssMb} | ${r.files} | ${written} | ${r.report.site?.rendered ?? 0} | ${r.report.site?.written ?? 0} | ${r.mainThread ? fmt(r.mainThread.onCpu, 2) : "?"} | ${r.mainThread ? fmt(r.mainThread.waiting, 2) : "?"} |`,
    );
  }
  const [cold, , added] = runs;
  if (cold && added) console.log(`\nadding one seed and rebuilding took ${fmt((100 * added.wall) / cold.wall, 0)}% of the cold build's wall time`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Each run's wall time in every round, and the median; the one-seed rebuild's share of its own round's cold build. */
function printRounds(rounds: readonly Run[][]): void {
  console.log(`\n${rounds.length} rounds:\n\n| run | wall s, round by round | median wall s | median peak RSS MB | median main thread on a core s | median main thread waiting for a core s |\n|---|---|---|---|---|---|`);
  for (const [i, first] of (rounds[0] ?? []).entries()) {
    const runs = rounds.map((round) => round[i] as Run);
    const main = runs.flatMap((r) => (r.mainThread ? [r.mainThread] : []));
    const thread = (key: "onCpu" | "waiting"): string => (main.length === runs.length ? fmt(median(main.map((m) => m[key])), 2) : "?");
    console.log(`| ${first.label} | ${runs.map((r) => fmt(r.wall)).join(", ")} | ${fmt(median(runs.map((r) => r.wall)))} | ${Math.round(median(runs.map((r) => r.maxRssMb)))} | ${thread("onCpu")} | ${thread("waiting")} |`);
  }
  const shares = rounds.flatMap(([cold, , added]) => (cold && added ? [(100 * added.wall) / cold.wall] : []));
  if (shares.length) console.log(`\nadding one seed and rebuilding took ${shares.map((s) => `${fmt(s, 0)}%`).join(", ")} of its round's cold build (median ${fmt(median(shares), 0)}%)`);
}

/** The corpus as generated: without the seed the last round added, and its manifest row. */
async function removeAdded(seeds: string): Promise<void> {
  await unlink(path.join(seeds, ADDED_FILE)).catch(() => undefined);
  const manifest = path.join(seeds, "manifest.csv");
  const text = await readFile(manifest, "utf8");
  if (text.endsWith(ADDED_ROW)) await writeFile(manifest, text.slice(0, -ADDED_ROW.length));
}

const ADDED_FILE = "zz-new.txt";
const ADDED_ROW = "zz-new,2024-12-31,business\n";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "1000" },
      seeds: { type: "string" },
      work: { type: "string" },
      heap: { type: "string", default: "8192" },
      keep: { type: "boolean", default: false },
      // The CLI's --render-threads (by default the CLI's default: 2 on two cores or more).
      "render-threads": { type: "string" },
      // Large corpora: measure the cold build alone (the rebuilds take as long again).
      "cold-only": { type: "boolean", default: false },
      // Everything again this many times, from an empty site each time (see the top).
      rounds: { type: "string", default: "1" },
    },
  });
  const n = Number(values.articles);
  const work = path.resolve(values.work ?? path.join(ROOT, ".cache", "bench", values.seeds ? path.basename(values.seeds) : String(n)));
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);

  let seeds: string;
  if (values.seeds) {
    seeds = path.resolve(values.seeds);
    if (!existsSync(seeds)) throw new Error(`no such seeds folder: ${seeds}`);
  } else {
    seeds = path.join(work, "seeds");
    const start = performance.now();
    const stats = await writeCorpus(seeds, n);
    console.log(`generate: ${n} articles, ${fmt(stats.bytes / 2 ** 20)} MB in ${fmt((performance.now() - start) / 1000)} s`);
    // The seed cache does not trust seeds changed within 3 s of a run (see seed-cache.ts); an
    // archive's seeds are older than that, so the rebuilds are measured as they would be there.
    console.log("waiting 3.5 s: seeds written in the last 3 s are read again by every build");
    await new Promise((resolve) => setTimeout(resolve, 3500));
  }

  // The CLI compiles its sources on its first run after they change (bin/compiled-code.js):
  // done here, so that the cold build measures the build, as it runs every time after.
  await compiledMain();

  const heapMb = Number(values.heap);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number from 1: ${values.rounds}`);
  const all: Run[][] = [];
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`\nround ${round} of ${rounds}`);
    if (round > 1) {
      await Promise.all(["site", "articles"].map((dir) => rm(path.join(work, dir), { recursive: true, force: true })));
      if (!values.seeds) await removeAdded(seeds);
    }
    const runs: Run[] = [];
    runs.push(await build("cold build", seeds, work, heapMb, values["render-threads"]));
    if (!values["cold-only"]) runs.push(await build("rebuild, no change", seeds, work, heapMb, values["render-threads"]));
    if (!values.seeds && !values["cold-only"]) {
      await writeFile(path.join(seeds, ADDED_FILE), "Maria Smith visits Oslo as Larsen Energy weighs new plans\nMaria Smith arrived in Oslo on Monday for talks with Larsen Energy, officials said.\n");
      await appendFile(path.join(seeds, "manifest.csv"), ADDED_ROW);
      runs.push(await build("add 1 seed, rebuild", seeds, work, heapMb, values["render-threads"]));
    }
    print(runs, runs[0]?.report.articles.length ?? n);
    all.push(runs);
  }
  if (rounds > 1) printRounds(all);
  if (!values.keep) await rm(work, { recursive: true, force: true });
}

await main();
