/**
 * Date formatting, late and in one place: the index stores ISO strings, pages show them.
 */
import { DateTime } from "luxon";
import { memo } from "./memo.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

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
