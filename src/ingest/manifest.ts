/**
 * The manifest: optional per-seed metadata in CSV. Only the first column is required: `id` (the
 * seed's file stem) or `file` (its path relative to the seeds folder). Other columns: `date`,
 * `url`, `byline`, `section`, `tags` (`;`-separated). A bad row is a warning naming the row,
 * never a reason to lose the rest of the manifest: quotes inside a field (`Jim "Bud" Smith`)
 * are kept as they are, and a row the CSV parser cannot read (a quote left open) is skipped
 * with a warning. No column holds a line break, so a field that spans lines is taken for a
 * quote left open too: read whole, it would swallow the rows up to the next quote without a
 * word; such a manifest is read line by line instead.
 */
import { CsvError, parse } from "csv-parse/sync";
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
  /** 1-based line, header included; 0 for the file as a whole (its encoding, say). */
  row: number;
  message: string;
}

export interface Manifest {
  entries: ManifestEntry[];
  warnings: ManifestWarning[];
  /** Rows the CSV parser could not read (each has its warning); absent when none. `manifest-cache.ts` keeps no manifest that has one. */
  unreadableRows?: number;
}

const UNREADABLE_ROW = "cannot read this row as CSV";

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
  return parseRows(header + tail, zone, { entries: [...previous.entries], warnings: [...previous.warnings], lines, unreadableRows: previous.unreadableRows ?? 0 });
}

/** What rows before the text being parsed gave, and how many lines they took. */
interface Before {
  entries: ManifestEntry[];
  warnings: ManifestWarning[];
  /** 0 when the text is the whole manifest; else the earlier lines, the header among them. */
  lines: number;
  unreadableRows?: number;
}

/** A row as the CSV parser gives it, with the line (of the text parsed) it ends on. */
interface CsvRow {
  record: Record<string, string | undefined>;
  info: { lines: number };
}

/** The CSV's header (trimmed, lower-case) and rows; `unreadable`, the rows read line by line that could not be read. */
interface Csv {
  header: string[] | undefined;
  rows: CsvRow[];
  unreadable?: number;
}

function parseCsv(text: string): Csv {
  let header: string[] | undefined;
  const rows = parse(text, {
    columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    trim: false,
    info: true,
  }) as CsvRow[];
  return { header, rows };
}

/**
 * The rows of CSV the parser cannot read whole, or that has a field spanning lines, one line at
 * a time under the header: a line it cannot read (a quote left open) is a warning, numbered as
 * a line of the whole manifest (`offset` earlier lines), and skipped.
 */
function parseLines(text: string, offset: number, warnings: ManifestWarning[]): Csv {
  const lines = text.split(/\r?\n/);
  // Only empty lines are skipped, as the parser skips them read whole (a line of spaces is a row naming no seed).
  const at = lines.findIndex((line) => line !== "");
  const headerLine = lines[at] ?? "";
  // A header that cannot be read leaves nothing to read the rows by: the manifest is unusable.
  const { header } = parseCsv(headerLine);
  const rows: CsvRow[] = [];
  let unreadable = 0;
  lines.forEach((line, i) => {
    if (i <= at || line === "") return;
    try {
      for (const { record } of parseCsv(`${headerLine}\n${line}`).rows) rows.push({ record, info: { lines: i + 1 } });
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // The parser's own message numbers lines of what it was given (the header and this row).
      const reason = error.code === "CSV_QUOTE_NOT_CLOSED" ? "a quote left open" : (error.message.split(":")[0] ?? error.code);
      warnings.push({ row: i + 1 + (offset ? offset - 1 : 0), message: `${UNREADABLE_ROW} (${reason}); ignored` });
      unreadable++;
    }
  });
  return { header, rows, unreadable };
}

const spansLines = ({ record }: CsvRow): boolean => Object.values(record).some((v) => v !== undefined && /[\r\n]/.test(v));

function parseRows(text: string, zone: string, { entries, warnings, lines, unreadableRows = 0 }: Before): Manifest {
  const earlier = warnings.length;
  let csv: Csv | undefined;
  try {
    csv = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
  }
  if (!csv || csv.rows.some(spansLines)) csv = parseLines(text, lines, warnings);
  const records = csv.rows;

  // An archive has many articles a day, so each date is parsed once: parsing 10,000 rows' dates
  // one by one took 0.11-0.19 s.
  const dates = new Map<string, ReturnType<typeof parseIsoDate>>();
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(`${e.key.by}:${e.key.value}`, e.row);
  // The header was checked, and warned about, with the earlier rows when there are some. (Its
  // own names, not a first row's keys: a short row has keys for the columns it fills only.)
  const header = !lines && (records.length || csv.unreadable) ? (csv.header ?? []) : [];
  if (header.length && !header.includes("id") && !header.includes("file")) {
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
  // In line order (rows skipped line by line are warned about before the others are read).
  warnings.push(...warnings.splice(earlier).sort((a, b) => a.row - b.row));
  const unreadable = unreadableRows + (csv.unreadable ?? 0);
  return { entries, warnings, ...(unreadable ? { unreadableRows: unreadable } : {}) };
}
