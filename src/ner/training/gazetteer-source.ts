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

/**
 * First-level divisions that news names as often as countries: US states, Canadian provinces,
 * Australian states. A kind of their own (`STATE`): `Washington`, `Victoria` and `Georgia` are
 * also people, cities or countries, and the tagger learns how far to trust the list.
 */
const STATES = [
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
  "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
  "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
  "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico",
  "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
  "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont",
  "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
  "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland", "Nova Scotia",
  "Ontario", "Quebec", "Saskatchewan",
  "New South Wales", "Queensland", "South Australia", "Tasmania", "Victoria", "Western Australia",
];

/** Demonyms of regions and groups, beyond the per-country ones. */
const EXTRA_DEMONYMS = [
  "British", "English", "Scottish", "Welsh", "European", "African", "Asian", "Arab", "Kurdish",
  "Palestinian", "Western", "Soviet", "Latin", "Scandinavian", "Caucasian", "Basque", "Catalan",
];

/**
 * Organisations that news names without context: companies, broadcasters and papers, parties,
 * institutions, sports clubs not named after a city. Many postdate CoNLL's 1996 Reuters text
 * (Google), so this list is how the tagger hears of them; CoNLL's own mentions of the older
 * ones teach it how far to trust the list.
 */
const ORGANISATIONS = [
  // companies
  "Microsoft", "Google", "Apple", "IBM", "Intel", "Sony", "Nintendo", "Sega", "Yahoo", "Amazon",
  "eBay", "AOL", "Time Warner", "Vodafone", "BT", "BP", "Shell", "Nokia", "Samsung", "Motorola",
  "Dell", "Hewlett-Packard", "HP", "Oracle", "Siemens", "Philips", "Toshiba", "Hitachi",
  "Panasonic", "Ericsson", "Cisco", "AMD", "Compaq", "Xerox", "Kodak", "Virgin", "Ford",
  "General Motors", "Toyota", "Honda", "Nissan", "Volkswagen", "BMW", "Fiat", "Renault",
  "Boeing", "Airbus", "EADS", "Deutsche Bank", "HSBC", "Barclays", "Lloyds TSB", "Citigroup",
  "Goldman Sachs", "Morgan Stanley", "Merrill Lynch", "JP Morgan", "UBS", "Credit Suisse",
  "Enron", "WorldCom", "Yukos", "Gazprom", "Rosneft", "Disney", "Warner Bros", "Paramount",
  "EMI", "Universal", "Napster", "Skype", "Wal-Mart", "Tesco", "Sainsbury's", "Marks & Spencer",
  "British Airways", "Ryanair", "easyJet", "Lufthansa", "Air France", "Alitalia", "News Corp",
  "Coca-Cola", "PepsiCo", "McDonald's", "Nike", "Adidas", "Unilever", "Nestle", "Glaxo",
  "GlaxoSmithKline", "Pfizer", "Novartis", "AstraZeneca", "Exxon", "ExxonMobil", "Chevron",
  "Total", "Reuters", "Bloomberg", "Dow Jones", "Nasdaq", "Mastercard", "Visa",
  // broadcasters and papers
  "BBC", "ITV", "Channel 4", "Channel Five", "Sky", "BSkyB", "CNN", "NBC", "CBS", "ABC", "Fox",
  "MTV", "Financial Times", "New York Times", "Washington Post", "Wall Street Journal",
  "Guardian", "Times", "Daily Telegraph", "Independent", "Observer", "Daily Mail", "The Sun",
  "Economist", "Associated Press", "Agence France-Presse", "Interfax", "Itar-Tass",
  // parties and institutions
  "Labour", "Labour Party", "Conservatives", "Conservative Party", "Tories", "Liberal Democrats",
  "Lib Dems", "Democrats", "Republicans", "SNP", "Plaid Cymru", "UKIP", "Sinn Fein", "DUP",
  "Congress", "Senate", "House of Commons", "House of Lords", "Treasury", "Home Office",
  "Foreign Office", "Bank of England", "Federal Reserve", "NHS", "FBI", "CIA", "Nasa", "Nato",
  "Interpol", "Unicef", "Unesco", "Greenpeace", "Amnesty International", "Red Cross", "Hamas",
  "Hezbollah", "al-Qaeda", "Taleban", "Taliban", "OPEC", "Opec", "World Bank", "IMF", "WTO",
  "European Commission", "European Parliament", "European Central Bank", "Security Council",
  "Supreme Court", "High Court",
  // sports bodies and clubs whose names are not places
  "Fifa", "Uefa", "FA", "IOC", "ICC", "IAAF", "RFU", "WRU", "Chelsea", "Arsenal", "Everton",
  "Tottenham", "Spurs", "Aston Villa", "Fulham", "Middlesbrough", "Manchester United",
  "Manchester City", "Man Utd", "Man City", "Celtic", "Rangers", "Hibernian", "Hearts",
  "Juventus", "Real Madrid", "AC Milan", "Inter Milan", "Bayern Munich", "Ajax", "Benfica",
  "Wasps", "Saracens", "Harlequins", "Leicester Tigers", "Ferrari", "McLaren", "Williams",
  "Red Sox", "Yankees", "Lakers",
];

function phrase(text: string): string | undefined {
  if (/[(),]/.test(text)) return undefined;
  const words = tokenize(text).map((t) => t.form);
  return words.length > 0 && words.length <= 5 ? words.join(" ") : undefined;
}

/** Country names, capitals, demonyms and world regions from `world-countries`, plus the lists above, sorted. */
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
  for (const o of ORGANISATIONS) add(o, "ORG");
  for (const p of EXTRA_PLACES) add(p, "PLACE");
  // World regions and subregions as `world-countries` names them (`Central America`, `Western Europe`).
  for (const c of countries) for (const region of [c.region, c.subregion]) if (region) add(region, "PLACE");
  for (const p of STATES) add(p, "STATE");
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
