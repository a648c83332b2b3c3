/**
 * Date formatting, late and in one place: the index stores ISO strings, pages show them.
 */
import { DateTime } from "luxon";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Remembers a pure string function's answers. A build formats the same few thousand dates
 * hundreds of thousands of times (every card, feed item and timeline cell), and luxon parsing
 * dominated the site's render time before this.
 */
export function memo(fn: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let out = seen.get(value);
    if (out === undefined) {
      out = fn(value);
      seen.set(value, out);
    }
    return out;
  };
}

/** @example readableDate("2015-11-13") // "13 November 2015" */
export function readableDate(iso: string | undefined): string {
  return iso ? formatReadable(iso) : "Date unknown";
}

const formatReadable = memo((iso: string): string => {
  const dt = DateTime.fromISO(iso, { zone: "utc" });
  if (!dt.isValid) return "Date unknown";
  return DATE_ONLY.test(iso) ? dt.toFormat("d MMMM yyyy") : dt.toFormat("d MMMM yyyy, HH:mm 'UTC'");
});

/** The value for `<time datetime>`: the stored ISO form, normalised. */
export const isoDate = memo((iso: string): string => {
  if (DATE_ONLY.test(iso)) return iso;
  return DateTime.fromISO(iso, { zone: "utc" }).toUTC().toISO({ suppressMilliseconds: true }) ?? iso;
});

/** @example monthName("11") // "November" */
export const monthName = memo((month: string): string =>
  DateTime.fromObject({ year: 2000, month: Number(month), day: 1 }, { zone: "utc" }).toFormat("MMMM"),
);
