/**
 * Ingest, phase by phase:
 *
 *   list seeds → read + decode + parse (per seed) → ids → manifest → drop duplicates
 *   → extract entities (per seed) → canonical entities (archive-wide) → slugs → Article
 *   → Markdown → write what changed, remove what is stale → report
 *
 * Only this module and `files.ts` touch the disk. Every input ends up exactly once in the
 * report: as an article (`written`, `unchanged` or `duplicate`) or as a reject with a reason.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import path from "node:path";
import type { Article, ExtractedEntity, IngestedArticle } from "./article.ts";
import type { Worker } from "node:worker_threads";
import { CACHE_FILE, ExtractCache } from "./extract-cache.ts";
import { extractAll, ExtractStream, WarmWorkers } from "./extract-pool.ts";
import { listSeeds, readWhole, sha256, TEMPORARY } from "./files.ts";
import { startWriters, stopWriters, writeArticles, type WriteOutcome } from "./write-pool.ts";
import { assignIds, claim, safeId, toSlug } from "./ids.ts";
import type { Manifest, ManifestEntry } from "./manifest.ts";
import { MANIFEST_CACHE_FILE, parseManifestCached } from "./manifest-cache.ts";
import { SEED_CACHE_FILE, SeedCache, stampOf, type KeptDraft, type SeedOutcome, type SeedStamp } from "./seed-cache.ts";
import { parseSeedBytes, readParagraphs } from "./seed-text.ts";
import { summarise } from "./summary.ts";
import { WrittenState } from "./written.ts";
import { paragraphsDigest, recordDigests, type RecordDigests } from "./record-digest.ts";
import { canonicalise } from "../entities/canonical.ts";
import { IngestError, ManifestError } from "./errors.ts";
import { Overrides, OverridesError, parseOverrides } from "../entities/overrides.ts";

export type ArticleStatus = "written" | "unchanged" | "duplicate";

export interface ReportArticle {
  id: string;
  file: string;
  output: string;
  status: ArticleStatus;
  duplicateOf?: string;
}

export interface IngestReport {
  seeds: number;
  articles: ReportArticle[];
  rejected: { file: string; reason: string }[];
  warnings: { file: string; message: string }[];
  /** Seconds per phase, wall clock; `extract` also as summed CPU seconds, model loads excluded. */
  timings: {
    /** Seeds read and parsed (the rest came from the seed cache; one it knew is read again when its text must be tagged again). */
    parsed: number;
    /** Texts the tagger ran on (the rest came from the extraction cache). */
    extracted: number;
    read: number;
    extract: number;
    extractCpu: number;
    modelLoad: number;
    threads: number;
    canonicalise: number;
    write: number;
  };
}

export interface IngestOptions {
  seedsDir: string;
  outDir: string;
  /** Defaults to `<seedsDir>/manifest.csv` when that exists. */
  manifestPath?: string;
  /** Editorial entity overrides; defaults to `<seedsDir>/entities.yaml` when that exists. */
  entitiesPath?: string;
  /** IANA zone for manifest date-times without an offset. */
  timezone?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called once ingest has texts to extract and waits for them, the main thread idle meanwhile
   * when they went to worker threads (extraction on the main thread, with one core or
   * `workers: 1`, is over by then).
   */
  whileExtracting?: () => void;
  /** Worker threads for entity extraction (default: all cores). */
  workers?: number;
  /**
   * With no seed in the seeds folder, return the report at once, having written and removed
   * nothing (`build`: a wrong path or a disk not mounted would otherwise remove every article,
   * and the build then stops without unpublishing the site).
   */
  requireSeeds?: boolean;
}

const WRITE_CONCURRENCY = 32;

/** Maps with at most `limit` calls in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

/** Marks files this tool wrote, so stale ones can be removed without touching anything else. */
const SIGNATURE = "---\nid: ";
const SEED_READ_LIMIT = 5 * 1024 * 1024;

/** A seed's parse: with its paragraphs when it was read in this run, without them when the seed cache knew it. */
interface Draft extends KeptDraft {
  parsed: KeptDraft["parsed"] & { paragraphs?: string[] };
  file: string;
  stem: string;
  folder?: string;
}

/** The text entity extraction runs on: the headline and the paragraphs, pull quotes left out. */
const extractionText = (parsed: { headline: string; paragraphs: readonly string[] }): string => [parsed.headline, ...parsed.paragraphs].join("\n");

/** The extraction text of a draft read in this run (a draft the seed cache gave is read again when its text must be tagged). */
function textOf(draft: Draft): string {
  const { headline, paragraphs } = draft.parsed;
  if (!paragraphs) throw new Error(`${draft.file}: its paragraphs were not read, yet its text is to be tagged`);
  return extractionText({ headline, paragraphs });
}

/** A seed that cannot become an article, and why. */
interface Rejected {
  file: string;
  reason: string;
}

/** A seed's file, stem and folder, as a draft names them. */
function namesOf(file: string): Pick<Draft, "file" | "stem" | "folder"> {
  const base = path.posix.basename(file);
  const folder = file.includes("/") ? file.slice(0, file.indexOf("/")) : undefined;
  return { file, stem: base.slice(0, base.length - path.posix.extname(base).length), ...(folder ? { folder } : {}) };
}

/** The draft (or reason for rejecting) the seed cache holds for this version of `file`, if any. */
function cachedDraft(file: string, stamp: SeedStamp | undefined, seeds: SeedCache): Draft | Rejected | undefined {
  const cached = stamp && seeds.get(file, stamp);
  if (!cached) return undefined;
  // Object.assign, not `{ ...named, ...draft }`: V8 gives each object built by two spreads a
  // hidden class of its own, and every later read of a draft's fields a generic lookup.
  return "reason" in cached ? { file, reason: cached.reason } : Object.assign({}, namesOf(file), cached.draft);
}

/** Reads and parses a seed the seed cache does not know (in this version), and has the cache keep it. */
async function readDraft(seedsDir: string, file: string, stamp: SeedStamp | undefined, seeds: SeedCache): Promise<Draft | Rejected> {
  const named = namesOf(file);
  // Not remembered, as a seed that cannot be read is not: stamped again on every run anyway.
  if (stamp && !stamp.regular) return { file, reason: "not a regular file (a folder, pipe, socket or device)" };
  const outcome = await parseDraft(seedsDir, file);
  // Kept with the stamp taken before reading: a seed changed meanwhile is read again next time.
  if (stamp && !("cannotRead" in outcome)) seeds.set(file, stamp, outcome);
  return "reason" in outcome ? { file, reason: outcome.reason } : Object.assign({}, named, outcome.draft);
}

/** Reads, decodes and parses one seed; a seed that cannot be read is not worth remembering. */
async function parseDraft(seedsDir: string, file: string): Promise<SeedOutcome | { reason: string; cannotRead: true }> {
  let bytes: Buffer;
  try {
    bytes = await readWhole(path.join(seedsDir, file));
  } catch (error) {
    return { reason: `cannot read: ${(error as Error).message}`, cannotRead: true };
  }
  if (bytes.length > SEED_READ_LIMIT) return { reason: `too large for an article (${bytes.length} bytes)` };
  const parsed = parseSeedBytes(bytes);
  if (!parsed.ok) return { reason: parsed.reason };
  return {
    draft: {
      parsed: parsed.value,
      sha256: sha256(bytes),
      // Also the extraction cache's key: the same text, so the same hash (`ExtractCache.key`).
      contentKey: ExtractCache.key(extractionText(parsed.value)),
      paragraphsDigest: paragraphsDigest(parsed.value.paragraphs),
      summary: summarise(parsed.value.paragraphs),
    },
  };
}

async function loadManifest(options: IngestOptions, warnings: IngestReport["warnings"]): Promise<Manifest | undefined> {
  const explicit = options.manifestPath;
  const file = explicit ?? path.join(options.seedsDir, "manifest.csv");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (explicit) throw new ManifestError(`cannot read manifest: ${(error as Error).message}`, { file, cause: error });
    return undefined;
  }
  let manifest: Manifest;
  try {
    const cacheError = (error: unknown): void => void warnings.push({ file: path.join(options.outDir, MANIFEST_CACHE_FILE), message: `cannot write this cache: ${String(error)}` });
    manifest = await parseManifestCached(file, bytes, options.outDir, options.timezone ?? "UTC", cacheError);
  } catch (error) {
    throw new ManifestError(`invalid manifest ${file}: ${(error as Error).message}`, { file, cause: error });
  }
  for (const w of manifest.warnings) warnings.push({ file: w.row ? `${file}:${w.row}` : file, message: w.message });
  return manifest;
}

/** Reads the editorial overrides; a broken file is fatal, because silently ignoring it would undo the archivist's work. */
async function loadOverrides(options: IngestOptions): Promise<Overrides> {
  const explicit = options.entitiesPath;
  const file = explicit ?? path.join(options.seedsDir, "entities.yaml");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (explicit) throw new IngestError(`cannot read entity overrides: ${(error as Error).message}`, { file, cause: error });
    return new Overrides([]);
  }
  try {
    return new Overrides(parseOverrides(text, file));
  } catch (error) {
    if (error instanceof OverridesError) throw new IngestError(error.message, { file, cause: error });
    throw error;
  }
}

/** Matches manifest rows to drafts by file path or by id (stem); unmatched rows are warnings. */
function matchManifest(
  manifest: Manifest | undefined,
  manifestFile: string,
  drafts: readonly Draft[],
  ids: Map<string, string>,
  warnings: IngestReport["warnings"],
): Map<string, ManifestEntry> {
  const byFile = new Map<string, ManifestEntry>();
  if (!manifest) return byFile;
  // Indexed once: a manifest has a row per seed, so scanning the seeds per row is quadratic.
  const group = (key: (d: Draft) => string): Map<string, Draft[]> => {
    const map = new Map<string, Draft[]>();
    for (const d of drafts) {
      const k = key(d);
      const list = map.get(k);
      if (list) list.push(d);
      else map.set(k, [d]);
    }
    return map;
  };
  const byPath = group((d) => d.file);
  const byId = group((d) => ids.get(d.file) ?? "");
  const byStem = group((d) => d.stem);
  for (const entry of manifest.entries) {
    const value = entry.key.value;
    const matches =
      entry.key.by === "file"
        ? [...(byPath.get(value) ?? []), ...(byPath.get(`${value}.txt`) ?? [])]
        : idMatches(value, byStem.get(value) ?? [], byId);
    const where = `${manifestFile}:${entry.row}`;
    if (matches.length === 0) {
      warnings.push({ file: where, message: `row names no seed: ${entry.key.by} "${value}"` });
    } else if (matches.length > 1) {
      warnings.push({ file: where, message: `${entry.key.by} "${value}" matches ${matches.length} seeds; use the file column` });
    } else {
      const draft = matches[0] as Draft;
      if (byFile.has(draft.file)) warnings.push({ file: where, message: `a second row for ${draft.file}; ignored` });
      else byFile.set(draft.file, entry);
    }
  }
  return byFile;
}

/**
 * The seeds an `id` row names: the one seed with that stem, as written (`Report` and `report`
 * are two seeds, whose ids are `report` and `report-2`); else the seed with that id, as written
 * or made safe (`001` or `Report`, when `politics/001.txt` or `politics/Report.txt` sits beside
 * `001.txt` or `Report.txt`, is the latter's); else every seed with the stem (a warning).
 */
function idMatches(value: string, stems: readonly Draft[], byId: ReadonlyMap<string, Draft[]>): readonly Draft[] {
  if (stems.length === 1) return stems;
  return byId.get(value) ?? byId.get(safeId(value)) ?? stems;
}

/** Runs ingest and writes the Markdown; resolves to the report (it never throws for one bad seed). */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  return (await ingestArticles(options)).report;
}

/** What `ingestArticles` resolves to besides the report. */
export interface Ingested {
  report: IngestReport;
  /** The article records behind the Markdown written or found unchanged, by output file name. */
  articles: Map<string, IngestedArticle>;
  /** The digest of what the site makes of each of those records (see `record-digest.ts`), by output file name. */
  digests: Map<string, string>;
}

/**
 * `ingest`, also resolving to the article records behind the Markdown it wrote (or found
 * unchanged) and their digests: what a site build would otherwise read back from disk and
 * digest again.
 */
export async function ingestArticles(options: IngestOptions): Promise<Ingested> {
  const report: IngestReport = {
    seeds: 0,
    articles: [],
    rejected: [],
    warnings: [],
    timings: { parsed: 0, extracted: 0, read: 0, extract: 0, extractCpu: 0, modelLoad: 0, threads: 0, canonicalise: 0, write: 0 },
  };
  const t = report.timings;
  let mark = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - mark) / 1000;
    mark = now;
    return Math.round(seconds * 1000) / 1000;
  };
  const warm = WarmWorkers.early(options.workers);
  try {
    return await ingestListed(options, report, warm, lap);
  } finally {
    await warm.close();
  }
}

async function ingestListed(options: IngestOptions, report: IngestReport, warm: WarmWorkers, lap: () => number): Promise<Ingested> {
  const manifest = await loadManifest(options, report.warnings);
  const overrides = await loadOverrides(options);
  const files = await listSeeds(options.seedsDir);
  report.seeds = files.length;
  // Nothing written, nothing removed: the caller says why (`requireSeeds`).
  if (options.requireSeeds && files.length === 0) return { report, articles: new Map(), digests: new Map() };

  // Seeds the seed cache knows in this version are not read again. Workers for the others
  // (most are new text: the extraction cache cannot tell before they are read) join the early
  // one now, so their model loads overlap the reading; with no such seed it is stopped. The
  // extraction cache is read meanwhile too.
  const extractCache = ExtractCache.open(options.outDir);
  const seeds = await SeedCache.open(options.outDir, options.seedsDir);
  const stamps = files.map((file) => stampOf(path.join(options.seedsDir, file)));
  let unknown = 0;
  files.forEach((file, i) => {
    const stamp = stamps[i];
    if (!stamp || !seeds.has(file, stamp)) unknown++;
  });
  warm.fit(unknown, options.workers);
  return ingestSeeds({ options, report, manifest, overrides, files, stamps, seeds, extractCache, warm, lap });
}

/** What `ingestArticles` has at hand once it has listed the seeds. */
interface IngestRun {
  options: IngestOptions;
  report: IngestReport;
  manifest: Manifest | undefined;
  overrides: Overrides;
  files: string[];
  stamps: (SeedStamp | undefined)[];
  seeds: SeedCache;
  extractCache: Promise<ExtractCache>;
  warm: WarmWorkers;
  lap: () => number;
}

async function ingestSeeds({ options, report, manifest, overrides, files, stamps, seeds, extractCache, warm, lap }: IngestRun): Promise<Ingested> {
  const t = report.timings;
  const manifestFile = options.manifestPath ?? path.join(options.seedsDir, "manifest.csv");

  // Texts the extraction cache has not seen go to the tagger as their seeds are parsed, when
  // there are workers for them (`ExtractStream`): the tagger then runs while the rest are read.
  // Without workers (one core, `workers: 1`, or no seed new to the seed cache), they are tagged
  // once all are read (`extractAll`). Progress runs over two equal halves: reading and parsing,
  // then what extraction has left.
  const cache = await extractCache;
  const total = files.length * 2;
  let reading = true;
  const stream = warm.size
    ? new ExtractStream({
        warm,
        ...(options.workers ? { workers: options.workers } : {}),
        onProgress: (n) => {
          if (!reading) options.onProgress?.(files.length + Math.round((n * files.length) / Math.max(1, stream?.size ?? 1)), total);
        },
      })
    : undefined;
  /** Streamed texts' places in the stream's results, by key: each distinct text is tagged once. */
  const streamed = new Map<string, number>();

  // Parse every seed; a bad one is a reject with a reason, never the end of the run.
  // Reads overlap like writes do; results keep path order, so ids and reports stay deterministic.
  const drafts: Draft[] = [];
  let done = 0;
  const read = new Array<Draft | Rejected>(files.length);
  const took = (result: Draft | Rejected, i: number): void => {
    // A draft's content key is its text's extraction key (see `parseDraft`).
    if (stream && !("reason" in result)) {
      const key = result.contentKey;
      if (!streamed.has(key) && !cache.get(key)) streamed.set(key, stream.add(textOf(result)));
    }
    options.onProgress?.(++done, total);
    read[i] = result;
  };
  // Seeds the cache knows are taken as they come, in one loop: through the reads' asynchronous
  // calls, each seed cost a promise and a turn of the loop (10,000 known seeds, 10-20 ms).
  const readAll = async (): Promise<void> => {
    const unread: number[] = [];
    files.forEach((file, i) => {
      const known = cachedDraft(file, stamps[i], seeds);
      // A parse without its paragraphs, whose text must be tagged (the extraction cache lost it): read again.
      if (known && ("reason" in known || cache.get(known.contentKey))) took(known, i);
      else unread.push(i);
    });
    t.parsed = unread.length;
    await mapLimit(unread, WRITE_CONCURRENCY, async (i) => took(await readDraft(options.seedsDir, files[i] as string, stamps[i], seeds), i));
  };
  await readAll().catch(async (error: unknown) => {
    // Its workers would keep the process alive.
    await stream?.close();
    throw error;
  });
  reading = false;
  if (stream) options.onProgress?.(files.length + Math.round((stream.tagged * files.length) / Math.max(1, stream.size)), total);
  // Sends the last texts; the workers are stopped once their results are in, whatever follows.
  const streaming = stream?.finish();
  streaming?.catch(() => undefined);
  for (const result of read) {
    if ("reason" in result) report.rejected.push(result);
    else drafts.push(result);
  }

  t.read = lap();
  const ids = assignIds(drafts);
  const meta = matchManifest(manifest, manifestFile, drafts, ids, report.warnings);
  // Of seeds with one text, the article is the first (in path order) that the manifest
  // describes, else the first: kept by path order alone, a copy earlier in the folder took the
  // article's place and its date, section and tags went with the duplicate, without a word.
  const kept = new Map<string, Draft>();
  for (const draft of drafts) {
    const first = kept.get(draft.contentKey);
    if (!first || (!meta.has(first.file) && meta.has(draft.file))) kept.set(draft.contentKey, draft);
  }
  const unique: Draft[] = [];
  const duplicates: { draft: Draft; of: Draft }[] = [];
  for (const draft of drafts) {
    const original = kept.get(draft.contentKey) as Draft;
    if (original === draft) unique.push(draft);
    else duplicates.push({ draft, of: original });
  }

  const keys = unique.map((d) => d.contentKey);
  const extracted = keys.map((key) => (streamed.has(key) ? undefined : cache.get(key)));
  const missing = stream ? [] : extracted.flatMap((hit, i) => (hit ? [] : [i]));
  const extracting =
    streaming ??
    extractAll(
      missing.map((i) => textOf(unique[i] as Draft)),
      {
        ...(options.workers ? { workers: options.workers } : {}),
        warm,
        onProgress: (n) => options.onProgress?.(files.length + Math.round((n * files.length) / Math.max(1, missing.length)), total),
      },
    );
  // Observed now too: should the callback throw, a failed extraction must not go unhandled.
  extracting.catch(() => undefined);
  const toTag = stream?.size ?? missing.length;
  if (toTag) options.whileExtracting?.();
  const { results, timings: et } = await extracting;
  const resultAt = (at: number): ExtractedEntity[] => {
    const entities = results[at];
    if (!entities) throw new Error(`entity extraction returned no result for text ${at}`);
    return entities;
  };
  keys.forEach((key, i) => {
    const at = streamed.get(key);
    if (at !== undefined) extracted[i] = resultAt(at);
  });
  for (const [key, at] of streamed) cache.set(key, resultAt(at));
  missing.forEach((i, j) => {
    const entities = resultAt(j);
    extracted[i] = entities;
    cache.set(keys[i] as string, entities);
  });
  // Many articles to write (a first build, many new seeds): their writers start now, and load
  // while the caches are saved and the entities canonicalised (see `startWriters`).
  const writers = startWriters(t.parsed, options.workers);
  // Both caches are written now, before the Markdown: serialised while the writers write, their
  // tens of megabytes of JSON raised a 50,000-seed ingest's peak by 0.1-0.17 GB. They are only
  // caches, so a failed write is a warning (the next run redoes the work), reported before
  // ingest returns.
  const saving = Promise.allSettled([cache.save(), seeds.save()]);
  t.extract = lap();
  t.extractCpu = Math.round(et.cpuSeconds * 1000) / 1000;
  t.modelLoad = Math.round(et.loadSeconds * 1000) / 1000;
  t.threads = toTag ? et.threads : 0;
  t.extracted = toTag;
  try {
    return await canonicaliseAndWrite({ options, report, unique, duplicates, ids, meta, extracted, overrides, saving, writers, lap });
  } finally {
    await stopWriters(writers);
  }
}

/** What ingest has at hand once the entities are extracted. */
interface ExtractedRun {
  options: IngestOptions;
  report: IngestReport;
  unique: Draft[];
  duplicates: { draft: Draft; of: Draft }[];
  ids: Map<string, string>;
  meta: Map<string, ManifestEntry>;
  extracted: (ExtractedEntity[] | undefined)[];
  overrides: Overrides;
  /** How writing the extraction and seed caches went. */
  saving: Promise<PromiseSettledResult<void>[]>;
  writers: Worker[];
  lap: () => number;
}

/** Canonicalises the entities, then writes the articles whose Markdown changed, and the report. */
async function canonicaliseAndWrite({ options, report, unique, duplicates, ids, meta, extracted, overrides, saving, writers, lap }: ExtractedRun): Promise<Ingested> {
  const t = report.timings;
  const entities = canonicalise(extracted.map((e) => e ?? []), { overrides, articleIds: unique.map((d) => ids.get(d.file) ?? safeId(d.stem)) });

  const takenSlugs = new Set<string>();
  const outputs = new Map<string, string>();
  // Absolute: the site reads paragraphs from the seeds while its working folder is elsewhere (see `buildSite`).
  const seedsDir = path.resolve(options.seedsDir);
  const articles: IngestedArticle[] = unique.map((draft, i) => {
    const id = ids.get(draft.file) ?? safeId(draft.stem);
    const row = meta.get(draft.file);
    const section = row?.section ?? draft.folder;
    outputs.set(draft.file, `${id}.md`);
    return {
      id,
      title: draft.parsed.headline,
      slug: claim(toSlug(draft.parsed.headline), takenSlugs),
      ...(row?.date ? { date: row.date, dateSource: "manifest" as const } : { dateSource: "unknown" as const }),
      ...(section ? { section } : {}),
      tags: row?.tags ?? [],
      summary: draft.summary,
      ...(row?.byline ? { byline: row.byline } : {}),
      ...(row?.url ? { sourceUrl: row.url } : {}),
      entities: entities[i] ?? [],
      ...(draft.parsed.paragraphs ? { paragraphs: draft.parsed.paragraphs } : {}),
      pullQuotes: draft.parsed.pullQuotes,
      source: { file: draft.file, sha256: draft.sha256 },
      warnings: draft.parsed.warnings,
      text: { seedsDir, file: draft.file, paragraphsDigest: draft.paragraphsDigest },
    };
  });

  t.canonicalise = lap();
  /** The Markdown file of `articles[i]`. */
  const outputOf = (i: number): string => outputs.get((unique[i] as Draft).file) ?? `${articles[i]?.id}.md`;
  const written = await WrittenState.open(options.outDir);
  const digests = new Array<RecordDigests>(articles.length);
  const statuses = articles.map((article, i): "written" | "unchanged" =>
    written.unchanged(outputOf(i), () => (digests[i] = recordDigests(article, (unique[i] as Draft).paragraphsDigest)).record) ? "unchanged" : "written",
  );
  // The rest are rendered and written, on worker threads when they are many (`write-pool.ts`),
  // their paragraphs read again where the seed cache knew their seeds.
  const todo = articles.flatMap((_, i) => (statuses[i] === "written" ? [i] : []));
  const complete = await mapLimit(todo, WRITE_CONCURRENCY, async (i) => withParagraphs(articles[i] as IngestedArticle));
  const outcomes = await writeArticles(
    options.outDir,
    todo.map((i, j) => ({ name: outputOf(i), article: complete[j] as Article })),
    { ...(options.workers ? { workers: options.workers } : {}), warm: writers },
  );
  todo.forEach((i, j) => {
    const outcome = outcomes[j] as WriteOutcome;
    written.record(outputOf(i), { digest: outcome.digests.record, size: outcome.size, mtimeMs: outcome.mtimeMs });
    digests[i] = outcome.digests;
    if (!outcome.changed) statuses[i] = "unchanged";
  });
  await written.save();
  for (const [i, result] of (await saving).entries()) {
    if (result.status === "rejected") {
      report.warnings.push({ file: path.join(options.outDir, [CACHE_FILE, SEED_CACHE_FILE][i] ?? ""), message: `cannot write this cache: ${String(result.reason)}` });
    }
  }
  articles.forEach((article, i) => {
    const draft = unique[i] as Draft;
    report.articles.push({ id: article.id, file: draft.file, output: outputOf(i), status: statuses[i] ?? "written" });
    for (const w of article.warnings) report.warnings.push({ file: draft.file, message: w });
  });
  for (const { draft, of } of duplicates) {
    report.articles.push({
      id: ids.get(draft.file) ?? safeId(draft.stem),
      file: draft.file,
      output: outputs.get(of.file) ?? "",
      status: "duplicate",
      duplicateOf: of.file,
    });
  }
  report.articles.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  await removeStale(options.outDir, new Set(outputs.values()));
  t.write = lap();
  return {
    report,
    articles: new Map(articles.map((article, i) => [outputOf(i), article])),
    digests: new Map(articles.map((_, i) => [outputOf(i), (digests[i] as RecordDigests).content])),
  };
}

/** `article` with its paragraphs, read from its seed if it has none (and kept in it). */
async function withParagraphs(article: IngestedArticle): Promise<Article> {
  article.paragraphs ??= await readParagraphs(article.text);
  return { ...article, paragraphs: article.paragraphs };
}

/**
 * Removes Markdown this tool wrote earlier for seeds that are gone, and temporary files of
 * writes that were interrupted; leaves other files alone.
 */
async function removeStale(outDir: string, keep: Set<string>): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  for (const name of names) {
    if (TEMPORARY.test(name)) {
      await rm(path.join(outDir, name), { force: true });
      continue;
    }
    if (!name.endsWith(".md") || keep.has(name)) continue;
    const file = path.join(outDir, name);
    const head = await readFile(file, "utf8").then((t) => t.slice(0, SIGNATURE.length)).catch(() => "");
    if (head === SIGNATURE) await rm(file, { force: true });
  }
}
