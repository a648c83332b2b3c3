/**
 * The Eleventy side of the archive, registered as one plugin: TypeScript templates, the archive
 * index as global data (built once per build), and the stylesheet. Templates paginate over
 * `build.*` arrays and call the pure renderers in `pages.ts`, `feeds.ts` and `sitemap.ts`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildArchive, KIND_PATH, type Archive, type FeedSpec, type Term, type TermKind } from "./archive.ts";
import { loadArticles } from "./load.ts";
import { normalisePrefix, type SiteContext } from "./urls.ts";

export interface PluginOptions {
  /** Folder of Markdown written by ingest. */
  articlesDir: string;
  /** Overrides `url` in `_data/site.json` (absolute URLs in feeds, canonical links, sitemap). */
  siteUrl?: string | undefined;
  pathPrefix?: string | undefined;
}

export interface FeedFile {
  url: string;
  format: "rss" | "atom" | "json";
  spec: FeedSpec;
}

/** Everything templates read, under the global `build`. */
export interface BuildData {
  site: SiteContext;
  archive: Archive;
  termIndexes: { kind: TermKind; url: string; terms: Term[] }[];
  feedFiles: FeedFile[];
}

/** The part of Eleventy's `UserConfig` this plugin uses. */
export interface EleventyConfigLike {
  directories: { data: string };
  addExtension(ext: string | string[], options: { key: string }): void;
  addTemplateFormats(formats: string | string[]): void;
  addGlobalData(name: string, data: () => Promise<unknown>): void;
  addPassthroughCopy(paths: Record<string, string> | string): void;
  addWatchTarget(target: string): void;
  on(event: string, callback: () => void): void;
}

async function loadBuildData(options: PluginOptions, dataDir: string): Promise<BuildData> {
  const defaults = JSON.parse(await readFile(path.join(dataDir, "site.json"), "utf8")) as Omit<SiteContext, "pathPrefix">;
  const site: SiteContext = {
    ...defaults,
    url: (options.siteUrl ?? defaults.url).replace(/\/+$/, ""),
    pathPrefix: normalisePrefix(options.pathPrefix),
  };
  const archive = buildArchive(await loadArticles(options.articlesDir), site.title);
  const termIndexes = (Object.keys(KIND_PATH) as TermKind[]).map((kind) => ({ kind, url: `/${KIND_PATH[kind]}/`, terms: archive.terms[kind] }));
  const feedFiles: FeedFile[] = archive.feeds.flatMap((spec) => [
    { url: spec.rss, format: "rss" as const, spec },
    { url: spec.atom, format: "atom" as const, spec },
    ...(spec.json ? [{ url: spec.json, format: "json" as const, spec }] : []),
  ]);
  return { site, archive, termIndexes, feedFiles };
}

export default function newsArchivePlugin(eleventyConfig: EleventyConfigLike, options: PluginOptions): void {
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");
  let cached: Promise<BuildData> | undefined;
  // Built once per build; dropped before each rebuild so `--serve` picks up re-ingested articles.
  eleventyConfig.on("eleventy.before", () => {
    cached = undefined;
  });
  eleventyConfig.addGlobalData("build", () => (cached ??= loadBuildData(options, eleventyConfig.directories.data)));
  eleventyConfig.addWatchTarget(options.articlesDir);
}
