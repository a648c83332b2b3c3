/**
 * One entity, one name, archive-wide. Extraction sees one article at a time; this phase sees
 * them all, so that the same person gets the same display name and slug in every article.
 *
 * Identity is (type, normalised name). A one-word person name ("Blair") joins a full name
 * ("Tony Blair") only when exactly one full name in the whole archive ends with that word: two
 * different people sharing a surname never merge. The display name is the form most often used
 * as the full name; slugs are unique among the entities of each type, claimed in name order.
 *
 * Editorial overrides (`overrides.ts`) are applied first and win: a renamed, merged or retyped
 * entity keeps the archivist's name and slug, and a suppressed one disappears.
 */
import type { Entity, EntityType, ExtractedEntity } from "../ingest/article.ts";
import { claim, toSlug } from "../ingest/ids.ts";
import { normaliseName } from "./normalise.ts";
import { Overrides, type OverrideRule } from "./overrides.ts";

export { normaliseName };

/**
 * An entity's identity, `type|normalised name`. Wanted for every entity of every article
 * (163,000 at 10,000 articles), for a few thousand distinct names, so each name's key is made
 * once per `canonicalise`, then looked up, rather than built again for each entity.
 */
type KeyOf = (type: EntityType, name: string) => string;

function keyMaker(): KeyOf {
  const keys = new Map<EntityType, Map<string, string>>();
  return (type, name) => {
    let ofType = keys.get(type);
    if (!ofType) keys.set(type, (ofType = new Map()));
    let key = ofType.get(name);
    if (key === undefined) ofType.set(name, (key = `${type}|${normaliseName(name)}`));
    return key;
  };
}

interface Registry {
  /** Surface forms used as an entity's main name, with how often. */
  forms: Map<string, Map<string, number>>;
  /** Keys an editorial rule named: their name, slug and links are the archivist's. */
  pinned: Map<string, OverrideRule>;
}

/** Each article's entities once the editorial rules are applied, with the rule that matched each, if any. */
interface Applied {
  entities: readonly (readonly ExtractedEntity[])[];
  /** Absent when there are no rules. */
  rules?: readonly (readonly (OverrideRule | undefined)[])[];
}

function applyRules(extracted: readonly (readonly ExtractedEntity[])[], overrides: Overrides, articleIds: readonly string[] | undefined): Applied {
  // Most archives have no rules: their entities are taken as they are, without an object made
  // for each (163,000 at 10,000 articles, on every build).
  if (overrides.rules.length === 0) return { entities: extracted };
  const entities: ExtractedEntity[][] = [];
  const rules: (OverrideRule | undefined)[][] = [];
  extracted.forEach((list, i) => {
    const kept: ExtractedEntity[] = [];
    const matched: (OverrideRule | undefined)[] = [];
    for (const e of list) {
      const applied = overrides.apply(e, articleIds?.[i]);
      if (!applied) continue;
      kept.push(applied.entity);
      matched.push(applied.rule);
    }
    entities.push(kept);
    rules.push(matched);
  });
  return { entities, rules };
}

function register({ entities: articles, rules }: Applied, keys: readonly (readonly string[])[]): Registry {
  const forms = new Map<string, Map<string, number>>();
  const pinned = new Map<string, OverrideRule>();
  articles.forEach((entities, a) => {
    entities.forEach((e, i) => {
      const rule = rules?.[a]?.[i];
      const key = keys[a]?.[i] as string;
      let counts = forms.get(key);
      if (!counts) forms.set(key, (counts = new Map<string, number>()));
      counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
      if (rule?.name && !pinned.has(key)) pinned.set(key, rule);
    });
  });
  return { forms, pinned };
}

/**
 * Maps person keys that are an initial and a surname (`P O'Connell`, as team sheets name
 * players) to the single full name with that first letter and that surname (`Paul O'Connell`),
 * and surname-only keys to the single full name that owns that surname. Two candidates merge
 * neither: `G Thomas` stays apart while there are a Gareth and a Gavin Thomas.
 */
function surnameMerges(registry: Registry): Map<string, string> {
  const people: { key: string; words: string[] }[] = [];
  for (const key of registry.forms.keys()) {
    const bar = key.indexOf("|");
    if (key.slice(0, bar) === "person") people.push({ key, words: key.slice(bar + 1).split(" ") });
  }
  const merges = new Map<string, string>();
  const byInitial = new Map<string, Set<string>>();
  for (const { key, words } of people) {
    if (words.length < 2 || (words[0]?.length ?? 0) < 2) continue;
    const at = `${words[0]?.[0] ?? ""} ${words.slice(1).join(" ")}`;
    byInitial.set(at, (byInitial.get(at) ?? new Set<string>()).add(key));
  }
  for (const { key, words } of people) {
    if (words.length < 2 || words[0]?.length !== 1 || registry.pinned.has(key)) continue;
    const candidates = byInitial.get(words.join(" "));
    if (candidates?.size === 1) merges.set(key, [...candidates][0] ?? key);
  }
  // Surnames, among the full names left once initials have joined theirs.
  const owners = new Map<string, Set<string>>();
  for (const { key, words } of people) {
    if (words.length < 2 || merges.has(key)) continue;
    const last = words[words.length - 1] ?? "";
    owners.set(last, (owners.get(last) ?? new Set<string>()).add(key));
  }
  for (const { key, words } of people) {
    if (words.length > 1 || registry.pinned.has(key)) continue;
    const candidates = owners.get(words[0] ?? "");
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
  description?: string;
  sameAs?: string;
}

export interface CanonicaliseOptions {
  overrides?: Overrides;
  /** Article ids, parallel to the articles, for rules that apply to some articles only. */
  articleIds?: readonly string[];
}


/**
 * Canonicalises every article's entities at once.
 *
 * @returns for each input article, in order, its entities with canonical names and slugs
 *   (merged where two of its entities turn out to be one), most mentioned first.
 */
export function canonicalise(extracted: readonly (readonly ExtractedEntity[])[], options: CanonicaliseOptions = {}): Entity[][] {
  const overrides = options.overrides ?? new Overrides([]);
  const applied = applyRules(extracted, overrides, options.articleIds);
  const articles = applied.entities;
  const keyOf = keyMaker();
  const entityKeys = articles.map((entities) => entities.map((e) => keyOf(e.type, e.name)));
  const registry = register(applied, entityKeys);
  const merges = surnameMerges(registry);
  const resolve = (key: string): string => merges.get(key) ?? key;

  const canon = new Map<string, CanonicalEntity>();
  const keys = [...new Set([...registry.forms.keys()].map(resolve))];
  const named = keys.map((key) => {
    const type = key.slice(0, key.indexOf("|")) as EntityType;
    const rule = registry.pinned.get(key);
    return { key, type, rule, name: rule?.name ?? displayName(registry.forms.get(key) ?? new Map()) };
  });
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  // Unique among the entities of one type, whose pages share a folder (`/places/london/`): unique
  // across types, the slugs of a name seen as two types went to the type first in the alphabet,
  // so London the place, in 251 BBC articles, was `london-2` beside an organization in one.
  const taken = new Map<EntityType, Set<string>>();
  const takenBy = (type: EntityType): Set<string> => {
    let slugs = taken.get(type);
    if (!slugs) taken.set(type, (slugs = new Set()));
    return slugs;
  };
  // Slugs the archivist fixed are claimed first, so the machine never takes them.
  for (const { type, rule } of named) if (rule?.slug) takenBy(type).add(rule.slug);
  for (const { key, type, name, rule } of named) {
    const entity: CanonicalEntity = { name, type, slug: rule?.slug ?? claim(toSlug(name, type), takenBy(type)) };
    if (rule?.description) entity.description = rule.description;
    if (rule?.sameAs) entity.sameAs = rule.sameAs;
    canon.set(key, entity);
  }

  const addForm = (entry: Entity, form: string): void => {
    if (form !== entry.name && !entry.aliases.includes(form)) entry.aliases.push(form);
  };
  return articles.map((entities, a) => {
    const merged = new Map<string, Entity>();
    entities.forEach((e, i) => {
      const key = resolve(entityKeys[a]?.[i] as string);
      const c = canon.get(key);
      if (!c) return;
      let entry = merged.get(key);
      if (!entry) merged.set(key, (entry = { name: c.name, type: c.type, slug: c.slug, aliases: [], mentions: 0 }));
      if (c.description) entry.description = c.description;
      if (c.sameAs) entry.sameAs = c.sameAs;
      entry.mentions += e.mentions;
      addForm(entry, e.name);
      for (const alias of e.aliases) addForm(entry, alias);
    });
    return [...merged.values()].sort((a, b) => b.mentions - a.mentions);
  });
}
