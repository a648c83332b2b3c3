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
 * articles was 11.6 MB of JSON, which took 93-97 ms to parse on every build; end to end it is
 * 5.4 MB, parsed in 26-39 ms and made into objects in 22 ms.
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

/** The entities `stored` holds, or undefined when it is not what `encode` makes. */
function decode(stored: unknown): ExtractedEntity[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const out: ExtractedEntity[] = [];
  for (let at = 0; at < stored.length; ) {
    const [name, type, mentions, count] = [stored[at], stored[at + 1], stored[at + 2], stored[at + 3]];
    if (typeof name !== "string" || typeof type !== "string" || !TYPES.has(type) || typeof mentions !== "number" || typeof count !== "number" || !(count >= 0)) return undefined;
    const aliases = stored.slice(at + 4, at + 4 + count);
    if (aliases.length !== count || !aliases.every((a) => typeof a === "string")) return undefined;
    out.push({ name, type: type as EntityType, aliases: aliases as string[], mentions });
    at += 4 + count;
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
