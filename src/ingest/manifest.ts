/**
 * The manifest: optional per-seed metadata in CSV. Only the first column is required: `id` (the
 * seed's file stem) or `file` (its path relative to the seeds folder). Other columns: `date`,
 * `url`, `byline`, `section`, `tags` (`;`-separated). A bad row is a warning naming the row,
 * never a reason to lose the rest of the manifest.
 */
import { parse } from "csv-parse/sync";
import { parseIsoDate } from "../dates/resolve.ts";

export interface ManifestEntry {
  /** 1-based line of the row in the CSV, header included, for messages. */
  row: number;
  key: { by: "id" | "file"; value: string };
  date?: string;
  url?: string;
  byline?: string;
  section?: string;
  tags: string[];
}

export interface ManifestWarning {
  row: number;
  message: string;
}

export interface Manifest {
  entries: ManifestEntry[];
  warnings: ManifestWarning[];
}

const KNOWN = new Set(["id", "file", "date", "url", "byline", "section", "tags"]);

const clean = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/**
 * Parses manifest CSV text. Throws only when the file as a whole is unusable (no header naming
 * `id` or `file`, or CSV that cannot be parsed); row problems become warnings.
 */
export function parseManifest(text: string, zone: string): Manifest {
  return parseRows(text.replace(/^\uFEFF/, ""), zone, { entries: [], warnings: [], lines: 0 });
}

/**
 * Parses the rows appended to a manifest whose start has been parsed already: `previous` is the
 * parse of its first `lines` lines (its header among them, `header`, and at least one row), `tail`
 * what follows them. Rows are numbered on from the earlier ones, and a row naming a seed an
 * earlier row named is a duplicate; the header is not checked again. For a start that
 * `manifest-cache.ts` keeps, this gives what parsing the whole text would (an archive's manifest
 * grows by rows added at its end, and parsing 10,000 rows took 65-80 ms of every build); an error
 * names a line of `header + tail`, not of the whole file.
 */
export function parseManifestTail(previous: Manifest, header: string, tail: string, lines: number, zone: string): Manifest {
  return parseRows(header + tail, zone, { entries: [...previous.entries], warnings: [...previous.warnings], lines });
}

/** What rows before the text being parsed gave, and how many lines they took. */
interface Before {
  entries: ManifestEntry[];
  warnings: ManifestWarning[];
  /** 0 when the text is the whole manifest; else the earlier lines, the header among them. */
  lines: number;
}

function parseRows(text: string, zone: string, { entries, warnings, lines }: Before): Manifest {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: false,
    info: true,
  }) as { record: Record<string, string | undefined>; info: { lines: number } }[];

  // An archive has many articles a day, so each date is parsed once: parsing 10,000 rows' dates
  // one by one took 0.11-0.19 s.
  const dates = new Map<string, ReturnType<typeof parseIsoDate>>();
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(`${e.key.by}:${e.key.value}`, e.row);
  // The header was checked, and warned about, with the earlier rows when there are some.
  const first = lines ? undefined : records[0]?.record;
  const header = first ? Object.keys(first) : [];
  if (first && !header.includes("id") && !header.includes("file")) {
    throw new Error(`the header row must name an "id" or "file" column (found: ${header.join(", ")})`);
  }
  for (const h of header) if (!KNOWN.has(h)) warnings.push({ row: 1, message: `unknown column "${h}" ignored` });

  for (const { record, info } of records) {
    // The text's first line is the header, which is line `lines` of the whole when earlier rows went before.
    const row = info.lines + (lines ? lines - 1 : 0);
    const id = clean(record.id);
    const file = clean(record.file)?.replace(/\\/g, "/").replace(/^\.\//, "");
    if (!id && !file) {
      warnings.push({ row, message: "row names no seed (empty id and file)" });
      continue;
    }
    const key = file ? { by: "file" as const, value: file } : { by: "id" as const, value: id ?? "" };
    const dedupe = `${key.by}:${key.value}`;
    const earlier = seen.get(dedupe);
    if (earlier !== undefined) {
      warnings.push({ row, message: `duplicate row for ${key.by} "${key.value}" (first at row ${earlier}); ignored` });
      continue;
    }
    seen.set(dedupe, row);

    const entry: ManifestEntry = { row, key, tags: [] };
    const date = clean(record.date);
    if (date) {
      let parsed = dates.get(date);
      if (!parsed) dates.set(date, (parsed = parseIsoDate(date, zone)));
      if (parsed.ok) entry.date = parsed.iso;
      else warnings.push({ row, message: `unparsable date: ${parsed.reason}; the article is undated` });
    }
    const url = clean(record.url);
    if (url) {
      if (/^https?:\/\//i.test(url) && URL.canParse(url)) entry.url = url;
      else warnings.push({ row, message: `url "${url}" is not an http(s) URL; ignored` });
    }
    const byline = clean(record.byline);
    if (byline) entry.byline = byline;
    const section = clean(record.section);
    if (section) entry.section = section;
    entry.tags = (record.tags ?? "")
      .split(";")
      .map((t) => t.trim())
      .filter((t) => t !== "");
    entries.push(entry);
  }
  return { entries, warnings };
}
