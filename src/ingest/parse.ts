/**
 * Text to headline, paragraphs and pull quotes.
 *
 * Seeds come in two paragraph styles: one paragraph per line (scraped pages), or paragraphs
 * separated by blank lines (the BBC corpus). Both must give the same paragraphs, so every
 * non-empty line is a paragraph, except inside a blank-line-separated block that is visibly
 * hard-wrapped (all lines but the last of similar, moderate length), whose lines are joined.
 *
 * A line ending in ` |` is page furniture: a pull quote scraped out of its box. It is kept as
 * a pull quote at its position, never as a paragraph, and never reaches the summary.
 */
import type { ParsedSeed, PullQuote } from "./article.ts";

export type ParseResult = { ok: true; value: ParsedSeed } | { ok: false; reason: string };

/** Lines this long or longer are prose paragraphs, never hard-wrapped fragments. */
const WRAP_MIN = 40;
const WRAP_MAX = 100;

const NAMED_REFERENCES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0" };

/**
 * References to 128-159 mean Windows-1252's characters there, as HTML reads them (`&#150;` is
 * an en dash, `&#146;` an apostrophe); the five it leaves out stand for nothing.
 */
const WINDOWS_1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * What an HTML character reference in scraped text stands for (`Jos&#233;` is José, `&lt;` is
 * `<`: 30 of them in the BBC corpus, which made names like "Pap&#233"). One that stands for no
 * character, or for a control character or a line break (which would cut a line in two), is
 * left as written.
 */
function characterOf(reference: string, decimal: string | undefined, hex: string | undefined, named: string | undefined): string {
  if (named) return NAMED_REFERENCES[named] ?? reference;
  let code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
  if (code >= 0x80 && code <= 0x9f) code = WINDOWS_1252.codePointAt(code - 0x80) ?? code;
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  return !control && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : reference;
}

/** Normalises line ends, character references, Unicode form and invisible junk that scraping leaves behind. */
export function normaliseText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g, characterOf)
      .normalize("NFC")
      // C0/C1 controls other than tab and newline carry no meaning in prose.
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
      .replace(/[\u200B\u2060]/g, "")
      .replace(/[ \t\u00A0]+/g, (m) => (m.includes("\u00A0") ? "\u00A0" : " "))
  );
}

function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const heads = lines.slice(0, -1);
  return heads.every((l) => l.length >= WRAP_MIN && l.length <= WRAP_MAX && !/[.!?"'”’:]$/.test(l));
}

/** Splits ` |`-terminated furniture into quote and attribution (after the last ` - `). */
export function parsePullQuote(line: string, after: number): PullQuote {
  const body = line.replace(/\s*\|\s*$/, "").trim();
  const dash = Math.max(body.lastIndexOf(" - "), body.lastIndexOf(" – "), body.lastIndexOf(" — "));
  if (dash > 0) {
    const attribution = body.slice(dash + 3).trim();
    const text = body.slice(0, dash).trim();
    if (attribution && text) return { text, attribution, after };
  }
  return { text: body, after };
}

const isPullQuote = (line: string): boolean => /\s\|$/.test(line) && line.replace(/\s*\|$/, "").trim() !== "";

/**
 * Parses decoded seed text.
 *
 * @example parseSeed("Headline\nFirst.\nSecond.").value.paragraphs // ["First.", "Second."]
 */
export function parseSeed(raw: string): ParseResult {
  const text = normaliseText(raw);
  if (text.trim() === "") return { ok: false, reason: "empty or whitespace-only file" };

  const lines = text.split("\n").map((l) => l.trim());
  const headIndex = lines.findIndex((l) => l !== "");
  const headline = (lines[headIndex] ?? "").replace(/\s*\|$/, "").trim();
  if (headline === "") return { ok: false, reason: "no headline: the first non-empty line is empty after cleaning" };

  // Group the body into blank-line-separated blocks; a file with no blank lines is one block.
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines.slice(headIndex + 1)) {
    if (line === "") {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);

  const paragraphs: string[] = [];
  const pullQuotes: PullQuote[] = [];
  for (const block of blocks) {
    const prose: string[] = [];
    for (const line of block) {
      if (isPullQuote(line)) pullQuotes.push(parsePullQuote(line, paragraphs.length + prose.length - 1));
      else prose.push(line);
    }
    if (isHardWrapped(prose)) paragraphs.push(prose.join(" "));
    else paragraphs.push(...prose);
  }

  if (paragraphs.length === 0) return { ok: false, reason: "no body: nothing follows the headline" };
  return { ok: true, value: { headline, paragraphs, pullQuotes, warnings: [] } };
}
