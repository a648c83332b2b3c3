/**
 * What the one-off pages show of the whole archive: the archive page (years, months, the
 * undated count), the most mentioned (every entity with its count) and the sitemap (every
 * page's path). A whole index gives it (`summaryOf`); so does a rebuild that indexes only what
 * changed (`incremental-index.ts`), from the records and the last build's memo.
 */
import { type Archive, type TermKind, type YearEntry } from "./archive.ts";
import { type TermEntry, termEntry } from "./list-view.ts";
import { htmlPaths, type SitePaths } from "./sitemap.ts";

export interface ArchiveSummary extends SitePaths {
  years: YearEntry[];
  undatedCount: number;
  /** Every term of each kind, in its index's order (by name), with its count. */
  terms: Record<TermKind, TermEntry[]>;
}

export function summaryOf(archive: Archive): ArchiveSummary {
  const terms = Object.fromEntries(Object.entries(archive.terms).map(([kind, list]) => [kind, list.map(termEntry)])) as Record<TermKind, TermEntry[]>;
  const paths = htmlPaths(
    archive.lists.map((l) => l.url),
    archive.articles,
    archive.years,
  );
  return { years: archive.years, undatedCount: archive.undatedCount, terms, ...paths };
}
