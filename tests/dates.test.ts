import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isValidZone, parseIsoDate } from "../src/dates/resolve.ts";
import { isoDate, readableDate } from "../src/site/format.ts";

describe("parseIsoDate", () => {
  it.each([
    ["2015-11-13", "UTC", "2015-11-13"],
    ["2015-11-13T10:00", "UTC", "2015-11-13T10:00:00Z"],
    ["2015-11-13 10:00", "Europe/Vienna", "2015-11-13T09:00:00Z"],
    ["2015-07-13 10:00", "Europe/Vienna", "2015-07-13T08:00:00Z"],
    ["2015-11-13T10:00:00+03:00", "Europe/Vienna", "2015-11-13T07:00:00Z"],
    ["2015-11-13T23:30:00-05:00", "UTC", "2015-11-14T04:30:00Z"],
  ])("%s in %s → %s", (value, zone, iso) => {
    expect(parseIsoDate(value, zone)).toMatchObject({ ok: true, iso });
  });

  it.each(["", "13/11/2015", "2015-13-01", "2015-02-29", "yesterday", "2015-11-13T25:00"])("rejects %j", (value) => {
    expect(parseIsoDate(value, "UTC").ok).toBe(false);
  });

  it.each([
    ["2016", "a year alone"],
    ["2016-03", "a month"],
    ["2016-W10-1", "a week date"],
    ["2016-075", "an ordinal date"],
    ["20160315", "the basic format"],
    ["2016-03-15T10", "an hour without minutes"],
    ["+010000-01-01", "a year of more digits"],
    ["-000001-01-01", "a year before 0000"],
  ])("rejects %j (%s): no day or time made up, no date feeds cannot carry", (value) => {
    expect(parseIsoDate(value, "UTC")).toMatchObject({ ok: false, reason: expect.stringContaining("YYYY-MM-DD") });
  });

  it("rejects a date-time whose offset carries it past the year 9999 in UTC", () => {
    expect(parseIsoDate("9999-12-31T23:59:59-12:00", "UTC")).toMatchObject({ ok: false, reason: expect.stringContaining("0000-9999") });
    expect(parseIsoDate("9999-12-31T11:59:59-12:00", "UTC")).toEqual({ ok: true, iso: "9999-12-31T23:59:59Z", dateOnly: false });
    expect(parseIsoDate("2015-11-13T10:00:00.250+0530", "UTC")).toEqual({ ok: true, iso: "2015-11-13T04:30:00.250Z", dateOnly: false });
  });

  it("answers as luxon does for calendar dates, which it checks without luxon", () => {
    // Every month and day number around the edges, in leap and common years and centuries.
    const dates: string[] = [];
    for (const year of ["0000", "0001", "1600", "1900", "1999", "2000", "2015", "2016", "2100", "2400", "9999"]) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 27, 28, 29, 30, 31, 32]) dates.push(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
      }
    }
    for (const zone of ["UTC", "Pacific/Kiritimati", "America/Sao_Paulo", "Mars/Olympus"]) {
      const ours = dates.filter((d) => parseIsoDate(d, zone).ok);
      const luxon = dates.filter((d) => DateTime.fromISO(d, { zone }).isValid);
      expect(ours, zone).toEqual(luxon);
      // 65 days a year of those tried (days 1, 27, 28 of 12 months, 29 of 11, 30 of 11, 31 of
      // 7), and 29 February in the five leap years (0000, 1600, 2000, 2016, 2400).
      expect(ours.length, zone).toBe(zone === "Mars/Olympus" ? 0 : 11 * 65 + 5);
    }
    expect(parseIsoDate("2016-02-29", "UTC")).toEqual({ ok: true, iso: "2016-02-29", dateOnly: true });
    expect(parseIsoDate("2015-02-29", "UTC")).toMatchObject({ ok: false, reason: expect.stringContaining("2015-02-29") });
  });
});

describe("zones and formatting", () => {
  it.each([
    ["UTC", true],
    ["Europe/London", true],
    ["Mars/Olympus", false],
  ])("isValidZone(%s) = %s", (zone, valid) => expect(isValidZone(zone)).toBe(valid));

  it.each([
    ["2015-11-13", "13 November 2015", "2015-11-13"],
    ["2015-11-13T09:05:00Z", "13 November 2015, 09:05 UTC", "2015-11-13T09:05:00Z"],
    [undefined, "Date unknown", undefined],
  ])("%s reads as %j", (iso, readable, machine) => {
    expect(readableDate(iso)).toBe(readable);
    if (iso && machine) expect(isoDate(iso)).toBe(machine);
  });
});
