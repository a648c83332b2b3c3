/**
 * Entity extraction results kept between runs, so re-ingesting an archive only runs the tagger
 * on seeds whose text changed. Entries are keyed by the SHA-256 of the text; the whole cache is
 * tied to a fingerprint of the model file and the extraction code, so a retrained model or a
 * changed extractor starts from empty rather than serving stale entities.
 */
import { ENTITY_TYPES, type EntityType, type ExtractedEntity } from "./article.ts";
import { filesFingerprint } from "../code-fingerprint.ts";
import { FileTable } from "./file-table.ts";
import { sha256 } from "./files.ts";

export const CACHE_FILE = ".extract-cache.json";

/** Hash of everything extraction depends on: the model files and the tagger and extractor code. */
export function extractorFingerprint(): Promise<string> {
  return filesFingerprint(["models", "src/ner", "src/entities/extract.ts"]);
}

/**
 * A text's entities as the cache stores them: each entity's name, type, mentions and number of
 * aliases, then its aliases, all end to end in one array. As objects, the cache of 10,000
 * articles was 11.6 MB of JSON; end to end it is 5.4 MB. In a fresh process, opening it and
 * making every entry's entities took 84-93 ms against 138-162 ms (three runs each).
 */
type Stored = (string | number)[];

/** Names the stored form in the cache's fingerprint: a cache of another form is not read. */
const FORM = "entities end to end";

const TYPES: ReadonlySet<string> = new Set<EntityType>(ENTITY_TYPES);

function encode(entities: readonly ExtractedEntity[]): Stored {
  const out: Stored = [];
  for (const e of entities) out.push(e.name, e.type, e.mentions, e.aliases.length, ...e.aliases);
  return out;
}

const NO_ALIASES = Object.freeze([]) as unknown as string[];

/** The entities `stored` holds, or undefined when it is not what `encode` makes. */
function decode(stored: unknown): ExtractedEntity[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const out: ExtractedEntity[] = [];
  // Read field by field, without an array per entity: 163,000 entities at 10,000 articles.
  for (let at = 0; at < stored.length; ) {
    const name: unknown = stored[at];
    const type: unknown = stored[at + 1];
    const mentions: unknown = stored[at + 2];
    const count: unknown = stored[at + 3];
    if (typeof name !== "string" || typeof type !== "string" || !TYPES.has(type) || typeof mentions !== "number" || !Number.isInteger(count)) return undefined;
    const end = at + 4 + (count as number);
    if ((count as number) < 0 || end > stored.length) return undefined;
    // Most entities have no alias: they share one empty list, frozen since nothing may add to it.
    const aliases: string[] = count === 0 ? NO_ALIASES : [];
    for (let i = at + 4; i < end; i++) {
      const alias: unknown = stored[i];
      if (typeof alias !== "string") return undefined;
      aliases.push(alias);
    }
    out.push({ name, type: type as EntityType, aliases, mentions });
    at = end;
  }
  return out;
}

export class ExtractCache {
  /** Entities made from the table this run, or put in it, by key: each is made once. */
  private readonly made = new Map<string, ExtractedEntity[] | undefined>();

  private constructor(private readonly table: FileTable<Stored>) {}

  /** Opens the cache in `dir`; a missing, unreadable or outdated one starts empty (extraction runs for every seed). */
  static async open(dir: string): Promise<ExtractCache> {
    return new ExtractCache(await FileTable.open<Stored>(dir, CACHE_FILE, `${await extractorFingerprint()}\n${FORM}`));
  }

  static key(text: string): string {
    return sha256(text);
  }

  /** The text's entities, kept for the next run; undefined when the cache has none, or holds them damaged (the text is then tagged again). */
  get(key: string): ExtractedEntity[] | undefined {
    if (this.made.has(key)) return this.made.get(key);
    const stored = this.table.keep(key);
    const entities = stored === undefined ? undefined : decode(stored);
    this.made.set(key, entities);
    return entities;
  }

  set(key: string, value: ExtractedEntity[]): void {
    this.table.put(key, encode(value));
    this.made.set(key, value);
  }

  /** Writes only the entries this run used, so the cache never outgrows the archive (and nothing if they are the ones it read). */
  async save(): Promise<void> {
    await this.table.save();
  }
}
