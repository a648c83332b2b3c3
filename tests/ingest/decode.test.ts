import { describe, expect, it } from "vitest";
import { decode } from "../../src/ingest/decode.ts";

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("decode", () => {
  it.each([
    ["plain UTF-8", bytes("Héadline\nBody"), "Héadline\nBody", "utf-8"],
    ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], "Headline"), "Headline", "utf-8"],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Héad", "utf16le")]), "Héad", "utf-16le"],
    ["Windows-1252 curly quotes", bytes([0x93], "Hi", [0x94, 0x20, 0xe9, 0x80]), "“Hi” é€", "windows-1252"],
  ])("%s", (_name, input, text, encoding) => {
    const result = decode(input);
    expect(result).toMatchObject({ ok: true, text, encoding });
  });

  it("warns when it falls back to Windows-1252", () => {
    const result = decode(bytes("caf", [0xe9]));
    expect(result.ok && result.warnings).toEqual(["not valid UTF-8: decoded as Windows-1252"]);
  });

  it.each([
    ["NUL bytes", bytes("PNG", [0, 0, 1, 2], "data")],
    ["mostly control bytes", Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))],
  ])("rejects binary: %s", (_name, input) => {
    expect(decode(input)).toEqual({ ok: false, reason: expect.stringContaining("binary") });
  });
});
