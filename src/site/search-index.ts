/**
 * Full-text search: Pagefind indexes the built article pages (found by `ARTICLE_PAGES_GLOB`,
 * their text marked `data-pagefind-body`) into `<output>/pagefind/`, which the search page loads. Its binary
 * ships inside the npm package; nothing is downloaded.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { ARTICLE_PAGES_GLOB } from "./archive.ts";

export interface SearchIndexResult {
  pages: number;
  seconds: number;
}

export async function indexSearch(outputDir: string, language: string): Promise<SearchIndexResult> {
  const started = Date.now();
  const bundle = path.join(outputDir, "pagefind");
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir, glob: ARTICLE_PAGES_GLOB });
    if (added.errors.length) throw new Error(`Pagefind failed to index ${outputDir}: ${added.errors.join("; ")}`);
    // A fresh bundle each time: Pagefind's fragment names change with content.
    await rm(bundle, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new Error(`Pagefind failed to write ${bundle}: ${written.errors.join("; ")}`);
    // addDirectory counts every HTML file it read; the entry file says how many were indexed.
    const entry = JSON.parse(await readFile(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
    return { pages, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}
