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
