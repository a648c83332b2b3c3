/**
 * Editorial overrides: the archivist's corrections to what the machine extracted. They live in
 * `entities.yaml` beside the seeds (or `--entities FILE`), are applied on every ingest, and win
 * over the tagger. One rule per entity:
 *
 * ```yaml
 * - name: Tony Blair                 # the canonical name (rename)
 *   type: person                     # the type (retype): person | organization | place
 *   match: [Blair, Mr Blair]         # other names that mean this entity (merge)
 *   slug: tony-blair                 # a fixed slug (optional)
 *   description: UK prime minister, 1997–2007
 *   sameAs: https://www.wikidata.org/wiki/Q9545
 * - match: [Reuters Television]      # never an entity (suppress)
 *   suppress: true
 * - name: Michael Jackson (writer)   # only in these articles (split)
 *   match: [Michael Jackson]
 *   articles: [business-012]
 * ```
 *
 * A rule matches an extracted entity when the entity's name or one of its aliases equals the
 * rule's `name` or one of its `match` names, compared case-, accent- and punctuation-
 * insensitively; `matchType` narrows it to one type. Rules with `articles` are tried first.
 */
import { lazyPackage } from "../lazy-package.ts";
import { ENTITY_TYPES, type EntityType, type ExtractedEntity } from "../ingest/article.ts";
import { normaliseName } from "./normalise.ts";

const yaml = lazyPackage<typeof import("yaml")>("yaml");

export interface OverrideRule {
  /** 1-based position in the file, for messages. */
  index: number;
  name?: string;
  type?: EntityType;
  match: string[];
  matchType?: EntityType;
  slug?: string;
  description?: string;
  sameAs?: string;
  suppress: boolean;
  articles?: string[];
}

export class OverridesError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "OverridesError";
  }
}

type Fields = Record<string, unknown>;

function text(rule: Fields, key: string, where: string, file: string): string | undefined {
  const v = rule[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || v.trim() === "") throw new OverridesError(file, `${where}: "${key}" must be non-empty text`);
  return v.trim();
}

function entityType(rule: Fields, key: string, where: string, file: string): EntityType | undefined {
  const v = text(rule, key, where, file);
  if (v === undefined) return undefined;
  if (!ENTITY_TYPES.includes(v as EntityType)) throw new OverridesError(file, `${where}: "${key}" must be one of ${ENTITY_TYPES.join(", ")}`);
  return v as EntityType;
}

function list(rule: Fields, key: string, where: string, file: string): string[] | undefined {
  const v = rule[key];
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  if (!items.every((x) => typeof x === "string" || typeof x === "number")) throw new OverridesError(file, `${where}: "${key}" must be a list of names`);
  return items.map((x) => String(x).trim()).filter(Boolean);
}

/** Parses and validates the overrides file's text; throws `OverridesError` naming the rule. */
export function parseOverrides(source: string, file: string): OverrideRule[] {
  let doc: unknown;
  try {
    doc = yaml().parse(source);
  } catch (error) {
    throw new OverridesError(file, `invalid YAML: ${(error as Error).message}`);
  }
  if (doc === null || doc === undefined) return [];
  const rules = Array.isArray(doc) ? doc : (doc as Fields).entities;
  if (!Array.isArray(rules)) throw new OverridesError(file, "expected a list of rules (or `entities:` holding one)");
  return oneSlugEach(file, rules.map((raw: unknown, i) => parseRule(raw, i, file)));
}

/**
 * `rules`, once no two of them give one slug to two entities of one type (other names, and
 * types that may be the same: one of them given, or neither): each would take the other's page
 * without a word. Rules for one entity may share its slug (one for every article, one for a few,
 * say), and so may rules for entities of two given types, whose pages are apart
 * (`/places/georgia/`, `/people/georgia/`).
 */
function oneSlugEach(file: string, rules: OverrideRule[]): OverrideRule[] {
  // Every earlier rule with the slug, not the first alone: the answer must not depend on their order.
  const bySlug = new Map<string, OverrideRule[]>();
  for (const rule of rules) {
    const { slug, name } = rule;
    if (!slug || !name || rule.suppress) continue;
    const earlier = bySlug.get(slug) ?? [];
    const other = earlier.find((r) => (!r.type || !rule.type || r.type === rule.type) && normaliseName(r.name ?? "") !== normaliseName(name));
    if (other) {
      throw new OverridesError(file, `rule ${rule.index}: slug "${slug}" is already rule ${other.index}'s, for ${other.name ?? ""}${other.type ? ` (${other.type})` : ""}: two entities cannot share a page`);
    }
    bySlug.set(slug, [...earlier, rule]);
  }
  return rules;
}

function parseRule(raw: unknown, i: number, file: string): OverrideRule {
  const where = `rule ${i + 1}`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new OverridesError(file, `${where} must be a mapping`);
  const r = raw as Fields;
  const known = new Set(["name", "type", "match", "matchType", "slug", "description", "sameAs", "suppress", "articles"]);
  for (const key of Object.keys(r)) if (!known.has(key)) throw new OverridesError(file, `${where}: unknown key "${key}"`);
  const rule: OverrideRule = { index: i + 1, match: list(r, "match", where, file) ?? [], suppress: r.suppress === true };
  const name = text(r, "name", where, file);
  if (name) rule.name = name;
  const type = entityType(r, "type", where, file);
  if (type) rule.type = type;
  const matchType = entityType(r, "matchType", where, file);
  if (matchType) rule.matchType = matchType;
  const slug = text(r, "slug", where, file);
  if (slug) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new OverridesError(file, `${where}: slug "${slug}" must be lower-case letters, digits and dashes`);
    rule.slug = slug;
  }
  const description = text(r, "description", where, file);
  if (description) rule.description = description;
  const sameAs = text(r, "sameAs", where, file);
  if (sameAs) {
    if (!/^https?:\/\//.test(sameAs) || !URL.canParse(sameAs)) throw new OverridesError(file, `${where}: sameAs must be an http(s) URL`);
    rule.sameAs = sameAs;
  }
  const articles = list(r, "articles", where, file);
  if (articles) rule.articles = articles;
  if (!rule.name && rule.match.length === 0) throw new OverridesError(file, `${where}: needs a name or a match list`);
  if (!rule.suppress && !rule.name && (rule.type || rule.slug || rule.description || rule.sameAs)) {
    throw new OverridesError(file, `${where}: give the entity's name`);
  }
  return rule;
}

/** An extracted entity after the rules, with the rule that shaped it. */
export interface Overridden {
  entity: ExtractedEntity;
  rule?: OverrideRule;
}

/** Finds rules fast by normalised name. */
export class Overrides {
  private readonly byName = new Map<string, OverrideRule[]>();

  constructor(readonly rules: readonly OverrideRule[]) {
    for (const rule of rules) {
      for (const n of [rule.name, ...rule.match]) {
        if (!n) continue;
        const key = normaliseName(n);
        const list = this.byName.get(key) ?? [];
        if (!list.includes(rule)) list.push(rule);
        this.byName.set(key, list);
      }
    }
  }

  /** The rule for this entity in this article: article-specific rules first, then global. */
  find(entity: ExtractedEntity, articleId: string | undefined): OverrideRule | undefined {
    // Most archives have no rules: their entities' names need not be normalised here.
    if (this.byName.size === 0) return undefined;
    const candidates = [entity.name, ...entity.aliases].flatMap((n) => this.byName.get(normaliseName(n)) ?? []);
    const fits = candidates.filter((r) => !r.matchType || r.matchType === entity.type);
    return (
      fits.find((r) => r.articles && articleId !== undefined && r.articles.includes(articleId)) ?? fits.find((r) => !r.articles)
    );
  }

  /** Applies the matching rule: renamed, retyped, or `null` when the rule suppresses it. */
  apply(entity: ExtractedEntity, articleId: string | undefined): Overridden | null {
    const rule = this.find(entity, articleId);
    if (!rule) return { entity };
    if (rule.suppress) return null;
    const name = rule.name ?? entity.name;
    const aliases = [entity.name, ...entity.aliases].filter((a, i, all) => a !== name && all.indexOf(a) === i);
    return { entity: { name, type: rule.type ?? entity.type, aliases, mentions: entity.mentions }, rule };
  }
}
