/**
 * Builds the gazetteer embedded in the model, at training time only: `world-countries` is a
 * devDependency, so tagging never loads it. Kinds are kept apart (country, capital, demonym, other
 * place) so the tagger learns how far to trust each list.
 */

import { createRequire } from "node:module";
import type { Country } from "world-countries";
import type { GazetteerEntry } from "../gazetteer.js";
import { tokenize } from "../tokenize.js";

/** Places that news names often but `world-countries` lacks as countries or capitals. */
const EXTRA_PLACES = [
  "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Europe", "Africa",
  "Asia", "Middle East", "Latin America", "North America", "South America", "Gaza", "West Bank",
  "Hong Kong", "Taiwan", "Chechnya", "Kosovo", "Crimea", "Siberia", "Kashmir", "Tibet", "Balkans",
  "Gulf", "Caribbean", "Scandinavia",
];

/** Demonyms of regions and groups, beyond the per-country ones. */
const EXTRA_DEMONYMS = [
  "British", "English", "Scottish", "Welsh", "European", "African", "Asian", "Arab", "Kurdish",
  "Palestinian", "Western", "Soviet", "Latin", "Scandinavian", "Caucasian", "Basque", "Catalan",
];

function phrase(text: string): string | undefined {
  if (/[(),]/.test(text)) return undefined;
  const words = tokenize(text).map((t) => t.form);
  return words.length > 0 && words.length <= 5 ? words.join(" ") : undefined;
}

/** Country names, capitals and demonyms from `world-countries`, plus the lists above, sorted. */
export function buildGazetteer(): GazetteerEntry[] {
  const require = createRequire(import.meta.url);
  const countries = require("world-countries") as Country[];
  const entries = new Map<string, string>();
  const add = (text: string, kind: string): void => {
    const p = phrase(text);
    // A phrase listed under two kinds keeps the first, and countries come first.
    if (p !== undefined && !entries.has(p)) entries.set(p, kind);
  };
  for (const c of countries) {
    add(c.name.common, "CTRY");
    add(c.name.official, "CTRY");
    for (const alt of c.altSpellings) {
      // Two-letter ISO codes (IN, IT, AT...) are ordinary words far more often than countries.
      if (alt.length > 3 || ["US", "USA", "UK", "UAE"].includes(alt)) add(alt, "CTRY");
    }
  }
  for (const p of EXTRA_PLACES) add(p, "PLACE");
  for (const c of countries) for (const cap of c.capital) add(cap, "CAP");
  for (const c of countries) {
    const eng = c.demonyms["eng"];
    if (eng) {
      add(eng.m, "DEM");
      add(eng.f, "DEM");
    }
  }
  for (const d of EXTRA_DEMONYMS) add(d, "DEM");
  return [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
