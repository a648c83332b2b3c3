/**
 * Dates from metadata. Seeds carry no date of their own, so a date comes from the manifest or
 * not at all: never from the file's mtime or the build clock, which would make the archive lie.
 *
 * UTC in, ISO out: a calendar date stays a calendar date (`2015-11-13`); a date-time is read in
 * the given zone when it has no offset and is stored in UTC. Only those two forms are taken,
 * with four-digit years: the other forms ISO 8601 allows (a year alone, a month, a week or an
 * ordinal day, the basic format without dashes, years of more digits) would need a day or a
 * time made up, or give dates that feeds (RFC 822, RFC 3339) and HTML cannot carry.
 */
import { DateTime, IANAZone, Info } from "luxon";

export type DateResult = { ok: true; iso: string; dateOnly: boolean } | { ok: false; reason: string };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, then hours and minutes (seconds, a fraction and an offset optional). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** True when `zone` is a valid IANA zone name such as `Europe/London` or `UTC`. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const validZones = new Map<string, boolean>();

/** Days in `month` (1-12) of `year`, in the proleptic Gregorian calendar luxon checks dates against. */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `text` is a calendar date (`YYYY-MM-DD`) that luxon would accept in `zone`: the common
 * case of a manifest, checked without luxon, whose parse took 0.11 s of a build for the 4,574
 * dates of 10,000 rows. Anything else, an impossible day among it, goes to luxon for its answer.
 */
function isPlainCalendarDate(text: string, zone: string): boolean {
  const m = DATE_ONLY.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  // As luxon takes the zone: "UTC" without loading the platform's zone data (Intl's first
  // zone took 38 ms), an IANA name through it.
  let valid = validZones.get(zone);
  if (valid === undefined) validZones.set(zone, (valid = Info.normalizeZone(zone).isValid));
  return valid;
}

/**
 * Parses an ISO 8601 date or date-time (a space may stand for `T`).
 *
 * @example parseIsoDate("2015-11-13", "UTC") // { ok: true, iso: "2015-11-13", dateOnly: true }
 * @example parseIsoDate("2015-11-13 10:00", "Europe/Vienna") // { ok: true, iso: "2015-11-13T09:00:00Z", ... }
 */
export function parseIsoDate(value: string, zone: string): DateResult {
  const text = value.trim();
  if (text === "") return { ok: false, reason: "empty date" };
  if (isPlainCalendarDate(text, zone)) return { ok: true, iso: text, dateOnly: true };
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) {
    return { ok: false, reason: `"${text}" is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM, seconds and offset optional)` };
  }
  const normalised = text.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, "$1T");
  const parsed = DateTime.fromISO(normalised, { zone, setZone: false });
  if (!parsed.isValid) return { ok: false, reason: `"${text}" is not an ISO 8601 date (${parsed.invalidExplanation ?? parsed.invalidReason})` };
  if (DATE_ONLY.test(text)) return { ok: true, iso: text, dateOnly: true };
  const utc = parsed.toUTC();
  // An offset can carry a time past either end of four-digit years (9999-12-31T23:30-01:00).
  if (utc.year < 0 || utc.year > 9999) return { ok: false, reason: `"${text}" falls outside the years 0000-9999 in UTC` };
  return { ok: true, iso: utc.toISO({ suppressMilliseconds: true }) ?? text, dateOnly: false };
}

/** Reads a stored ISO date or date-time back as a UTC `DateTime` (dates at midnight UTC). */
export function toDateTime(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: "utc" });
}
