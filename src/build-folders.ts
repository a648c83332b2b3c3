/**
 * Where `build` keeps an output folder's ingested Markdown unless told (`--articles`): under the
 * project's `.cache/build/`, keyed by the output's absolute path, so that each output folder's
 * rebuilds are incremental. Eleventy run by hand, without the CLI, looks there for `_site/`'s.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { PROJECT_ROOT } from "./code-location.ts";

export function defaultArticlesDir(output: string): string {
  const absolute = path.resolve(output);
  // Readable, and told apart by a digest: `/a/b_c` and `/a/b/c` read alike (`a_b_c`), and two
  // sites sharing one folder would each rewrite every article the other wrote.
  const readable = absolute.replace(/[^A-Za-z0-9_.-]+/g, "_").replace(/^_+/, "");
  const digest = createHash("sha256").update(absolute).digest("hex").slice(0, 8);
  return path.join(PROJECT_ROOT, ".cache", "build", `${readable}-${digest}`, "articles");
}
