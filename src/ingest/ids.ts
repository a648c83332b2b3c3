/**
 * Stable, URL- and file-safe identifiers. An article's id is its seed's file stem; its slug comes
 * from its headline. Both must be unique across the archive, and collisions are resolved the same
 * way on every run: by sorted input path, never by file-system order.
 */
import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";

const MAX_SLUG = 80;

/** What `safeId` gives back as it is: no dash at either end or next to another. */
const SAFE_ALREADY = /^[a-z0-9_]+(?:-[a-z0-9_]+)*$/;

/** Lower-case ASCII letters, digits, `_` and `-`: safe in a URL path and on any file system. */
export function safeId(stem: string): string {
  // Most stems are safe already (every build makes every seed's id).
  if (SAFE_ALREADY.test(stem)) return stem;
  return stem
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Printable ASCII that slugify changes only by its own last steps: not `&` (which it spells
 * " and "), nor `^` and `` ` `` (which it drops as diacritics).
 */
export const PLAIN_ASCII = /^[\x20-\x25\x27-\x5d\x5f\x61-\x7e]*$/;

/**
 * What `slugify(text, { decamelize: false })` gives for `PLAIN_ASCII` text: lower case, the
 * apostrophe of a word-final 't or 's dropped, every run of other characters one `-`, none at
 * either end. Every build slugs every headline and entity name; slugify's transliteration,
 * and the expressions it builds on each call, took 0.1 s of a 10,000-article build for text
 * that needs none of it. A test holds the two to the same answers.
 */
export function plainSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/([a-z\d])'([ts])(?![a-z\d])/g, "$1$2")
    .replace(/[^a-z\d]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A readable slug, cut at a word boundary so long headlines still give tidy URLs. */
export function toSlug(text: string, fallback = "untitled"): string {
  let slug = PLAIN_ASCII.test(text) ? plainSlug(text) : slugify(text, { decamelize: false });
  if (slug.length > MAX_SLUG) {
    const cut = slug.slice(0, MAX_SLUG + 1);
    const at = cut.lastIndexOf("-");
    slug = at > 20 ? cut.slice(0, at) : slug.slice(0, MAX_SLUG);
  }
  return slug || fallback;
}

/**
 * Makes `wanted` unique against `taken` (which it updates), adding `-2`, `-3`... as needed.
 *
 * @example const taken = new Set(["a"]); claim("a", taken) // "a-2"
 */
export function claim(wanted: string, taken: Set<string>): string {
  let candidate = wanted;
  for (let n = 2; taken.has(candidate); n++) candidate = `${wanted}-${n}`;
  taken.add(candidate);
  return candidate;
}

export interface IdInput {
  /** Path relative to the seeds folder, `/`-separated. */
  file: string;
  stem: string;
}

/**
 * The id of a stem with no ASCII letter or digit to keep (`北京新闻`, `Москва`, `---`): its
 * transliteration where there is one, and a digest of the stem, so that each such seed has an
 * id of its own that another cannot move (all of them were `article`, `article-2`, ... in path
 * order, so adding one renamed those after it).
 */
function spelledOut(stem: string): string {
  // In one Unicode form: macOS's file system names `Київ` otherwise than Linux's do.
  const name = stem.normalize("NFC");
  return `${toSlug(name, "seed")}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/**
 * Assigns every seed an id. A stem that is unique stays as it is. Where several seeds share a
 * stem (`business/001.txt`, `politics/001.txt`), those in subfolders are qualified by their
 * folder (`business-001`); anything still clashing gets a counter, in path order.
 */
export function assignIds(inputs: readonly IdInput[]): Map<string, string> {
  const sorted = [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const byBase = new Map<string, IdInput[]>();
  for (const input of sorted) {
    const base = safeId(input.stem) || spelledOut(input.stem);
    const group = byBase.get(base);
    if (group) group.push(input);
    else byBase.set(base, [input]);
  }
  const wanted = new Map<string, string>();
  for (const [base, group] of byBase) {
    for (const input of group) {
      const folder = input.file.includes("/") ? input.file.slice(0, input.file.lastIndexOf("/")) : "";
      // The folder made safe before the stem's id: made safe together, a stem with nothing of
      // ASCII (`business/Москва.txt`) was left out, and the id was the folder's alone.
      const qualifier = group.length > 1 && folder ? safeId(folder) : "";
      wanted.set(input.file, qualifier ? `${qualifier}-${base}` : base);
    }
  }
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const input of sorted) ids.set(input.file, claim(wanted.get(input.file) ?? "article", taken));
  return ids;
}
