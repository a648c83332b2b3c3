/**
 * Where `build` keeps an output folder's ingested Markdown unless told (`--articles`): under the
 * project's `.cache/build/`, keyed by the output's absolute path, so that each output folder's
 * rebuilds are incremental. Eleventy run by hand, without the CLI, looks there for `_site/`'s.
 */
import path from "node:path";
import { PROJECT_ROOT } from "./code-location.ts";

export function defaultArticlesDir(output: string): string {
  const key = path.resolve(output).replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+/, "");
  return path.join(PROJECT_ROOT, ".cache", "build", key, "articles");
}
