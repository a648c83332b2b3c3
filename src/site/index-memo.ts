/**
 * The last build's index, in brief (`.news-archive-index`, beside the build state): what a
 * rebuild needs to tell which pages the articles that changed reach, without indexing the whole
 * archive again (`incremental-index.ts`). Each article's content id (the digest its pages stand
 * on: see `article-digest.ts`), URL, terms and related articles, in the archive's order; each
 * term's name and digests of what every page of its list shows of it (its head) and of its
 * companions; the slugs claimed for tags and sections.
 *
 * Written before the build state, which names its digest: a memo is trusted only with the state
 * that names it, so one left by a build that died before its state was written is not.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { readText, writeAtomic } from "../ingest/files.ts";
import { toSlug } from "../ingest/ids.ts";
import type { Archive, Ordered } from "./archive.ts";
import { contentIdOf } from "./article-digest.ts";
import { Digester, FieldDigest } from "../digest.ts";
import { headOf } from "./list-view.ts";
import type { Relations } from "./relations.ts";

export const MEMO_FILE = ".news-archive-index";
const FORMAT = 1;

export interface IndexMemo {
  /** Each article's content id, in the archive's order (newest first). */
  ids: string[];
  /** Each article's URL, in the same order. */
  urls: string[];
  /** Every term's key (`kind|slug`), by number. */
  terms: string[];
  /** By term number: its name, and digests of its head (see `headOf`) and of its companions' keys and counts (see `companionsDigest`). */
  names: string[];
  heads: string[];
  companions: string[];
  /** Article `i`'s terms are `termIds[starts[i]] .. termIds[starts[i + 1] - 1]`. */
  starts: number[];
  termIds: number[];
  /** Article `i`'s related articles, as positions in this order: `related[i * RELATED ..]`, -1 where there are fewer. */
  related: number[];
  /** The slug claimed for each tag and section, by `kind|name`, in the claims' order. */
  slugs: [string, string][];
}

/** Every term's key by number, and each article's terms as numbers: its entities' (the key table's numbers), then its tags' and its section's. */
export interface TermTable {
  keys: string[];
  starts: number[];
  ids: number[];
}

export function termTable(ordered: Ordered, termSlugs: ReadonlyMap<string, string>): TermTable {
  const { names, starts: entityStarts, entities } = ordered.keys;
  const keys = [...names];
  const others = new Map<string, number>();
  const starts = [0];
  const ids: number[] = [];
  ordered.articles.forEach((a, i) => {
    const from = ids.length;
    for (let x = entityStarts[i] ?? 0; x < (entityStarts[i + 1] ?? 0); x++) ids.push(entities[x] ?? 0);
    const add = (key: string): void => {
      let n = others.get(key);
      if (n === undefined) {
        others.set(key, (n = keys.length));
        keys.push(key);
      }
      if (!ids.includes(n, from)) ids.push(n);
    };
    for (const t of a.tags) add(`tag|${termSlugs.get(`tag|${t}`) ?? toSlug(t)}`);
    if (a.section) add(`section|${termSlugs.get(`section|${a.section}`) ?? toSlug(a.section)}`);
    starts.push(ids.length);
  });
  return { keys, starts, ids };
}

/** What a memo says of each term, by key. */
export interface TermMemo {
  name: string;
  head: string;
  companions: string;
}

export function memoOf(ids: string[], urls: string[], table: TermTable, related: Int32Array, termSlugs: ReadonlyMap<string, string>, termOf: (key: string) => TermMemo): IndexMemo {
  const terms = table.keys.map(termOf);
  return {
    ids,
    urls,
    terms: table.keys,
    names: terms.map((t) => t.name),
    heads: terms.map((t) => t.head),
    companions: terms.map((t) => t.companions),
    starts: table.starts,
    termIds: table.ids,
    related: Array.from(related),
    slugs: [...termSlugs],
  };
}

/**
 * A digest of a term's companions, by key and count: what its list's first page shows of them
 * but their names, which change only with their own articles.
 */
export function companionsDigest(companions: Iterable<readonly [string, number]>): string {
  const digest = new FieldDigest(7);
  for (const [key, count] of companions) digest.text(key).number(count);
  return digest.done();
}

const digestOf = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** Writes the memo; resolves to its digest, for the state to name. */
export async function writeMemo(outputDir: string, code: string, memo: IndexMemo): Promise<string> {
  const text = `${JSON.stringify({ format: FORMAT, code, ...memo })}\n`;
  await writeAtomic(path.join(outputDir, MEMO_FILE), text);
  return digestOf(text);
}

/** The memo the state names (by `digest`), written with `code`; undefined when there is none to trust. */
export async function readMemo(outputDir: string, code: string, digest: string | undefined): Promise<IndexMemo | undefined> {
  if (!digest) return undefined;
  const text = await readText(path.join(outputDir, MEMO_FILE)).catch(() => undefined);
  if (text === undefined || digestOf(text) !== digest) return undefined;
  try {
    const parsed = JSON.parse(text) as IndexMemo & { format?: number; code?: string };
    if (parsed.format !== FORMAT || parsed.code !== code) return undefined;
    const { format: _, code: __, ...memo } = parsed;
    return memo;
  } catch {
    return undefined;
  }
}

/** The memo of a whole index; undefined when an article has no content id (read from Markdown: see `contentIdOf`). */
export function memoOfArchive(ordered: Ordered, archive: Archive, relations: Relations): IndexMemo | undefined {
  const ids: string[] = [];
  for (const a of ordered.articles) {
    const id = contentIdOf(a);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  const { termSlugs } = archive;
  const digester = new Digester();
  const terms = new Map<string, TermMemo>();
  for (const list of Object.values(archive.terms)) {
    for (const term of list) {
      const companions = companionsDigest(term.companions.map((c) => [`${c.term.kind}|${c.term.slug}`, c.count] as const));
      terms.set(`${term.kind}|${term.slug}`, { name: term.name, head: digester.of(headOf(term)), companions });
    }
  }
  return memoOf(
    ids,
    archive.articles.map((a) => a.url),
    termTable(ordered, termSlugs),
    relations.related,
    termSlugs,
    (key) => terms.get(key) as TermMemo,
  );
}
