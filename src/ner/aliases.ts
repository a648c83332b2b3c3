/**
 * Groups one article's mentions into entities. Rules, in order:
 * 1. well-known abbreviations are one entity with a fixed full name (`US`, `U.S.`, `America` →
 *    `United States`), whatever type the tagger gave them;
 * 2. identical names are one entity, typed by majority vote (ties: first mention), unless the
 *    name is used at least twice as each of two types, or as a place and an organisation with
 *    the rarer use at least a quarter as frequent: then it is one entity per type (a city and
 *    the team named after it, in a sports report);
 * 3. a one-word mention joins a person whose full name ends with it (`Putin` → `Vladimir Putin`,
 *    `Assad` → `Bashar al-Assad`), whatever its own type. When several full names share that
 *    surname, it joins the nearest full name mentioned before it (or, failing that, the first
 *    after it): news prose names a person in full, then keeps to the surname until the next one.
 *    A one-word person that is no one's surname joins the only full name starting with it;
 * 4. an organisation's acronym or short form joins its full name (`IMF`, `Microsoft Corp`), as
 *    does the last word of exactly one organisation's name (`United` → `Manchester United`),
 *    unless that word is generic (`Party`, `Bank`).
 * The longest form becomes the name, the other forms aliases; mentions count every form.
 */

import type { EntityType, ExtractedEntity } from "../ingest/article.js";
import { mapPacked } from "./packed.js";

export interface NamedMention {
  name: string;
  type: EntityType;
  /** Position in the article, for ordering and for the nearest-full-name rule. */
  order: number;
}

const ABBREVIATIONS: [full: string, type: EntityType, forms: string[]][] = [
  ["United States", "place", ["us", "usa", "united states", "united states of america", "america"]],
  ["United Kingdom", "place", ["uk", "britain", "great britain", "united kingdom"]],
  ["United Nations", "organization", ["un", "united nations"]],
  ["European Union", "organization", ["eu", "european union"]],
  ["North Atlantic Treaty Organization", "organization", ["nato", "north atlantic treaty organization"]],
  ["Soviet Union", "place", ["ussr", "soviet union"]],
  ["United Arab Emirates", "place", ["uae", "united arab emirates"]],
  ["International Monetary Fund", "organization", ["imf", "international monetary fund"]],
  ["World Trade Organization", "organization", ["wto", "world trade organization", "world trade organisation"]],
  ["Labour Party", "organization", ["labour", "labour party"]],
  ["Conservative Party", "organization", ["conservative party", "conservatives", "conservative", "tories", "tory", "tory party"]],
  ["Liberal Democrats", "organization", ["liberal democrats", "liberal democrat", "lib dems", "lib dem"]],
  // Buildings that stand for governments: CoNLL tags them as places, news means the institution.
  ["Kremlin", "organization", ["kremlin"]],
  ["White House", "organization", ["white house"]],
  ["Pentagon", "organization", ["pentagon"]],
  ["Downing Street", "organization", ["downing street"]],
  ["Whitehall", "organization", ["whitehall"]],
  // Since 1996 (CoNLL's Chelsea is often Chelsea Clinton), news means the football club.
  ["Chelsea", "organization", ["chelsea"]],
];

/** Lowercase, dot-free, single-spaced: `U.S.` and `US` share the key `us`. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/[^\p{L}\p{N}'-]+/gu, " ")
    .trim()
    .replace(/^the /, "");
}

const BY_FORM = new Map<string, { full: string; type: EntityType }>();
for (const [full, type, forms] of ABBREVIATIONS) for (const form of forms) BY_FORM.set(form, { full, type });

/** Surname keys of a full name: its last word, and that word without an Arabic article. */
function surnameKeys(key: string): string[] {
  const last = key.split(" ").pop() ?? "";
  const stripped = /^(?:al|el|ad|as|ash|an|ar)-(.+)$/.exec(last)?.[1];
  return stripped ? [last, stripped] : [last];
}

const STOP = new Set(["of", "the", "and", "for", "de", "&"]);
const CORPORATE = new Set(["inc", "corp", "corporation", "co", "ltd", "plc", "group", "company", "holdings", "ag", "sa", "nv", "llc", "limited"]);
const GENERIC = new Set([
  ...CORPORATE, "party", "bank", "council", "union", "association", "club", "committee", "ministry",
  "department", "office", "house", "court", "commission", "agency", "board", "news", "times", "post",
  "radio", "one", "two", "sport", "world", "international", "city", "county", "airways", "motors",
]);

function acronym(key: string): string {
  let out = "";
  for (const w of key.split(" ")) if (!STOP.has(w)) out += w.charAt(0);
  return out;
}

interface Cluster {
  key: string;
  /** The fixed full name of a well-known abbreviation (rule 1). */
  full: string | undefined;
  forms: string[];
  votes: Map<EntityType, number>;
  firstType: EntityType;
  mentions: NamedMention[];
}

/** Every cluster is made here, so all share one object shape and the hot loops stay monomorphic. */
function newCluster(key: string, full: string | undefined, firstType: EntityType, forms: string[], votes: Map<EntityType, number>, mentions: NamedMention[]): Cluster {
  return { key, full, forms, votes, firstType, mentions };
}

function vote(cluster: Cluster): EntityType {
  let best = cluster.firstType;
  let bestCount = cluster.votes.get(best) ?? 0;
  for (const [type, count] of cluster.votes) {
    if (count > bestCount) {
      best = type;
      bestCount = count;
    }
  }
  return best;
}

function splitByType(cluster: Cluster): Cluster[] {
  const place = cluster.votes.get("place") ?? 0;
  const organization = cluster.votes.get("organization") ?? 0;
  const metonymy = place > 0 && organization > 0 && 4 * Math.min(place, organization) >= Math.max(place, organization);
  const types: EntityType[] = [];
  for (const [type, count] of cluster.votes) if (count >= 2 || (metonymy && (type === "place" || type === "organization"))) types.push(type);
  if (cluster.full || types.length < 2) return [cluster];
  const majority = vote(cluster);
  return mapPacked(types, (type) => {
    const mentions = cluster.mentions.filter((m) => m.type === type || (m.type !== majority && !types.includes(m.type) && type === majority));
    const forms: string[] = [];
    for (const m of mentions) if (!forms.includes(m.name)) forms.push(m.name);
    return newCluster(cluster.key, undefined, type, forms, new Map([[type, mentions.length]]), mentions);
  });
}

function absorb(into: Cluster, from: Cluster): void {
  for (const form of from.forms) if (!into.forms.includes(form)) into.forms.push(form);
  for (const [type, count] of from.votes) into.votes.set(type, (into.votes.get(type) ?? 0) + count);
  into.mentions.push(...from.mentions);
}

function wordCount(name: string): number {
  return name.split(/[\s]+/).length;
}

function displayName(cluster: Cluster): string {
  if (cluster.full) return cluster.full;
  let best = cluster.forms[0] ?? cluster.key;
  for (const form of cluster.forms) {
    if (wordCount(form) > wordCount(best) || (wordCount(form) === wordCount(best) && form.length > best.length)) best = form;
  }
  return best;
}

/**
 * Merges mentions (in article order) into entities, most mentioned first. The steps are separate
 * small functions: as one function with every step's closures inlined into it, the JIT
 * recompiled it about seven times in every fresh worker, at 60–70 ms a time.
 */
export function groupMentions(mentions: readonly NamedMention[]): ExtractedEntity[] {
  const clusters = clusterByName(mentions).flatMap(splitByType);
  const merged = new Set<Cluster>();
  mergeSurnames(clusters, merged);
  mergeShortOrganizationNames(clusters, merged);
  return toEntities(clusters.filter((c) => !merged.has(c)));
}

/** Rules 1 and 2: one cluster per name key (known abbreviations under their full name's key). */
function clusterByName(mentions: readonly NamedMention[]): Cluster[] {
  const byKey = new Map<string, Cluster>();
  for (const m of mentions) {
    const raw = nameKey(m.name);
    const known = BY_FORM.get(raw);
    const key = known ? nameKey(known.full) : raw;
    let cluster = byKey.get(key);
    if (!cluster) {
      cluster = newCluster(key, known?.full, known?.type ?? m.type, [], new Map(), []);
      byKey.set(key, cluster);
    }
    if (!cluster.forms.includes(m.name)) cluster.forms.push(m.name);
    // A known abbreviation's type is fixed; the tagger's vote only counts for the rest.
    const type = known?.type ?? m.type;
    cluster.votes.set(type, (cluster.votes.get(type) ?? 0) + 1);
    cluster.mentions.push(m);
  }
  return [...byKey.values()];
}

/** The last mention of `cluster` before position `order`, or -1. */
function lastMentionBefore(cluster: Cluster, order: number): number {
  let last = -1;
  for (const x of cluster.mentions) if (x.order < order && x.order > last) last = x.order;
  return last;
}

/** Of `owners`, the one mentioned last before `order`; failing that, the first. */
function nearestOwner(owners: readonly Cluster[], order: number): Cluster | undefined {
  let best: Cluster | undefined;
  let bestLast = -1;
  for (const owner of owners) {
    const last = lastMentionBefore(owner, order);
    if (last > bestLast) {
      best = owner;
      bestLast = last;
    }
  }
  return best ?? owners[0];
}

/** Rule 3: one-word mentions join the person whose surname (or, failing that, first name) they are. */
function mergeSurnames(clusters: readonly Cluster[], merged: Set<Cluster>): void {
  const persons: Cluster[] = [];
  for (const c of clusters) if (vote(c) === "person" && !c.full && c.key.includes(" ")) persons.push(c);
  if (persons.length === 0) return;
  // Split once, not once per pair of clusters.
  const surnames = mapPacked(persons, (p) => surnameKeys(p.key));
  const firstNames = mapPacked(persons, (p) => p.key.split(" ")[0]);
  for (const cluster of clusters) {
    if (cluster.full || cluster.key.includes(" ")) continue;
    const own = surnameKeys(cluster.key);
    let owners: Cluster[] = [];
    persons.forEach((p, i) => {
      if ((surnames[i] ?? []).some((k) => k === cluster.key || own.includes(k))) owners.push(p);
    });
    if (owners.length === 0 && vote(cluster) === "person") {
      const byFirstName = persons.filter((_, i) => firstNames[i] === cluster.key);
      if (byFirstName.length === 1) owners = byFirstName;
    }
    if (owners.length === 0) continue;
    // Each mention of the surname goes to the nearest full name before it.
    for (const m of cluster.mentions) {
      const owner = nearestOwner(owners, m.order);
      if (!owner) continue;
      absorb(owner, newCluster(cluster.key, cluster.full, cluster.firstType, [m.name], new Map([["person", 1]]), [m]));
    }
    merged.add(cluster);
  }
}

/** Rule 4: acronyms, short forms and unambiguous last words join their organisation. */
function mergeShortOrganizationNames(clusters: readonly Cluster[], merged: Set<Cluster>): void {
  const orgs = clusters.filter((c) => !merged.has(c) && vote(c) === "organization" && c.key.includes(" "));
  if (orgs.length === 0) return;
  const words = mapPacked(orgs, (o) => o.key.split(" "));
  const acronyms = mapPacked(orgs, (o) => acronym(o.key));
  for (const cluster of clusters) {
    if (merged.has(cluster) || cluster.key.includes(" ") || vote(cluster) !== "organization") continue;
    let short: Cluster | undefined;
    let lastWord: Cluster | undefined;
    let lastWordCount = 0;
    orgs.forEach((o, i) => {
      const w = words[i] ?? [];
      if (!short && (acronyms[i] === cluster.key || (w[0] === cluster.key && w.slice(1).every((x) => CORPORATE.has(x))))) short = o;
      if (w.at(-1) === cluster.key && !GENERIC.has(cluster.key)) {
        lastWord ??= o;
        lastWordCount++;
      }
    });
    const owner = short ?? (lastWordCount === 1 ? lastWord : undefined);
    if (!owner) continue;
    absorb(owner, cluster);
    merged.add(cluster);
  }
}

/** Entities most mentioned first, then by first mention. */
function toEntities(clusters: readonly Cluster[]): ExtractedEntity[] {
  const entities = clusters.map((c) => {
    const name = displayName(c);
    let first = Infinity;
    for (const m of c.mentions) if (m.order < first) first = m.order;
    return { entity: { name, type: vote(c), aliases: c.forms.filter((f) => f !== name), mentions: c.mentions.length }, first };
  });
  entities.sort((a, b) => b.entity.mentions - a.entity.mentions || a.first - b.first);
  return entities.map((e) => e.entity);
}
