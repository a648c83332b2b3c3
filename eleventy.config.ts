/**
 * Eleventy configuration: a table of contents. The archive's logic lives in `src/site/`; the
 * CLI (`news-archive build`) passes where the ingested Markdown is and how the site is
 * deployed through the environment, because Eleventy loads this file itself.
 */
import path from "node:path";
import { isMainThread } from "node:worker_threads";
import { defaultArticlesDir } from "./src/build-folders.ts";
import { CODE_DIR, COMPILED } from "./src/code-location.ts";
import newsArchivePlugin, { ASSETS } from "./src/site/plugin.ts";

export default function (eleventyConfig: Parameters<typeof newsArchivePlugin>[0] & {
  addPlugin(plugin: typeof newsArchivePlugin, options: Parameters<typeof newsArchivePlugin>[1]): void;
  setUseGitIgnore(enabled: boolean): void;
}) {
  // Articles, index pages, feeds, sitemap: TypeScript templates over one archive index.
  eleventyConfig.addPlugin(newsArchivePlugin, {
    // Where `news-archive build` keeps `_site/`'s, for Eleventy run by hand.
    articlesDir: process.env.NEWS_ARCHIVE_ARTICLES ?? defaultArticlesDir("_site"),
    siteUrl: process.env.NEWS_ARCHIVE_SITE_URL,
    pathPrefix: process.env.NEWS_ARCHIVE_PATH_PREFIX,
  });
  // Our own stylesheet, copied as is; by the main thread only, when a second one renders too
  // (Eleventy copies it on every run, and two threads must not write the same file at once).
  if (isMainThread) eleventyConfig.addPassthroughCopy({ ...ASSETS });
  // The compiled copy's templates lie under `.cache/`, which .gitignore names.
  if (COMPILED) eleventyConfig.setUseGitIgnore(false);
}

export const config = {
  // The templates of the code that runs: the sources' (`.11ty.ts`, through tsx) or the compiled copy's (see src/code-location.ts).
  dir: { input: path.posix.join(CODE_DIR, "templates"), data: "_data", includes: "_includes" },
  templateFormats: [COMPILED ? "11ty.js" : "11ty.ts"],
  // Seed text is never template code: no Markdown file is run through a template engine.
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};
