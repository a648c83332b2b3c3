/**
 * Bytes to text. Seeds are scraped text of unknown provenance: UTF-8 with or without a BOM is
 * the norm, but older archives are often Windows-1252, and a stray binary file must be refused
 * rather than rendered as mojibake.
 */
import { lazyPackage } from "../lazy-package.ts";

const iconv = lazyPackage<typeof import("iconv-lite")>("iconv-lite");

export type Decoded =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252"; warnings: string[] }
  | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Share of control bytes above which a file is taken to be binary, not text. */
const BINARY_CONTROL_RATIO = 0.1;

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    // Tab, LF, FF, CR and ESC-free text is normal; other C0 controls are not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return sample.length > 0 && control / sample.length > BINARY_CONTROL_RATIO;
}

/**
 * Decodes a seed's bytes. UTF-16 is recognised only by its BOM (it is full of NUL bytes, so it
 * would otherwise look binary); UTF-8 is tried strictly, and anything else is read as
 * Windows-1252 with a warning, because every byte sequence is valid there.
 *
 * @example decode(Buffer.from("\uFEFFHello")) // { ok: true, text: "Hello", encoding: "utf-8", ... }
 */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le", warnings: [] };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be", warnings: [] };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) return { ok: false, reason: "binary file (NUL or control bytes), not text" };
  try {
    return { ok: true, text: utf8.decode(body), encoding: "utf-8", warnings: [] };
  } catch {
    return {
      ok: true,
      // Node's own "windows-1252" decoder is Latin-1 and loses curly quotes and the euro sign.
      text: iconv().decode(Buffer.from(body), "win1252"),
      encoding: "windows-1252",
      warnings: ["not valid UTF-8: decoded as Windows-1252"],
    };
  }
}
