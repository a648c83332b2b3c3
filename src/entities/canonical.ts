/**
 * One entity, one name, archive-wide. Extraction sees one article at a time; this phase sees
 * them all, so that the same person gets the same display name and slug in every article.
 *
 * Identity is (type, normalised name). A one-word person name ("Blair") joins a full name
 * ("Tony Blair") only when exactly one full name in the whole archive ends with that word: two
 * different people sharing a surname never merge. The display name is the form most often used
 * as the full name; slugs are unique across all entities, claimed in name order.
 */
import type { Entity, EntityType, ExtractedEntity } from "../ingest/article.ts";
import { claim, toSlug } from "../ingest/ids.ts";

/** Case-, accent- and punctuation-insensitive form used to decide identity. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const keyOf = (type: EntityType, name: string): string => `${type}|${normaliseName(name)}`;

interface Registry {
  /** Surface forms used as an entity's main name, with how often. */
  forms: Map<string, Map<string, number>>;
}

function register(articles: readonly (readonly ExtractedEntity[])[]): Registry {
  const forms = new Map<string, Map<string, number>>();
  for (const entities of articles) {
    for (const e of entities) {
      const key = keyOf(e.type, e.name);
      const counts = forms.get(key) ?? new Map<string, number>();
      counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
      forms.set(key, counts);
    }
  }
  return { forms };
}

/** Maps surname-only person keys to the single full-name key that owns that surname. */
function surnameMerges(registry: Registry): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const key of registry.forms.keys()) {
    const [type, norm = ""] = key.split("|");
    const words = norm.split(" ");
    if (type !== "person" || words.length < 2) continue;
    const last = words[words.length - 1] ?? "";
    const set = owners.get(last) ?? new Set<string>();
    set.add(key);
    owners.set(last, set);
  }
  const merges = new Map<string, string>();
  for (const key of registry.forms.keys()) {
    const [type, norm = ""] = key.split("|");
    if (type !== "person" || norm.includes(" ")) continue;
    const candidates = owners.get(norm);
    if (candidates?.size === 1) merges.set(key, [...candidates][0] ?? key);
  }
  return merges;
}

/** All-caps forms longer than an acronym come from headlines; never prefer them as display names. */
const shouted = (name: string): number => (name.length > 5 && name === name.toUpperCase() && name !== name.toLowerCase() ? 1 : 0);

function displayName(counts: Map<string, number>): string {
  return [...counts.entries()].sort(
    (a, b) => shouted(a[0]) - shouted(b[0]) || b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1),
  )[0]?.[0] ?? "";
}

export interface CanonicalEntity {
  name: string;
  type: EntityType;
  slug: string;
}

/**
 * Canonicalises every article's entities at once.
 *
 * @returns for each input article, in order, its entities with canonical names and slugs
 *   (merged where two of its entities turn out to be one), most mentioned first.
 */
export function canonicalise(articles: readonly (readonly ExtractedEntity[])[]): Entity[][] {
  const registry = register(articles);
  const merges = surnameMerges(registry);
  const resolve = (key: string): string => merges.get(key) ?? key;

  const canon = new Map<string, CanonicalEntity>();
  const keys = [...new Set([...registry.forms.keys()].map(resolve))];
  const named = keys.map((key) => {
    const type = key.slice(0, key.indexOf("|")) as EntityType;
    return { key, type, name: displayName(registry.forms.get(key) ?? new Map()) };
  });
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  const taken = new Set<string>();
  for (const { key, type, name } of named) canon.set(key, { name, type, slug: claim(toSlug(name, type), taken) });

  return articles.map((entities) => {
    const merged = new Map<string, Entity>();
    entities.forEach((e) => {
      const key = resolve(keyOf(e.type, e.name));
      const c = canon.get(key);
      if (!c) return;
      const entry = merged.get(key) ?? { name: c.name, type: c.type, slug: c.slug, aliases: [], mentions: 0 };
      entry.mentions += e.mentions;
      for (const form of [e.name, ...e.aliases]) {
        if (form !== c.name && !entry.aliases.includes(form)) entry.aliases.push(form);
      }
      merged.set(key, entry);
    });
    return [...merged.values()].sort((a, b) => b.mentions - a.mentions);
  });
}
