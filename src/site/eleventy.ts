/**
 * Runs Eleventy on `templates/` for one archive. Eleventy resolves its folders against the
 * working directory and loads `eleventy.config.ts` itself, so the run happens from the project
 * root and the archive's settings travel in the environment the config reads.
 */
import Eleventy from "@11ty/eleventy";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SiteBuildOptions {
  articlesDir: string;
  outputDir: string;
  siteUrl?: string | undefined;
  pathPrefix?: string | undefined;
}

function siteEnv(options: SiteBuildOptions): Record<string, string> {
  const env: Record<string, string> = { NEWS_ARCHIVE_ARTICLES: path.resolve(options.articlesDir) };
  if (options.siteUrl) env.NEWS_ARCHIVE_SITE_URL = options.siteUrl;
  if (options.pathPrefix) env.NEWS_ARCHIVE_PATH_PREFIX = options.pathPrefix;
  return env;
}

/** Builds the site into `outputDir`. */
export async function buildSite(options: SiteBuildOptions): Promise<void> {
  const outputDir = path.resolve(options.outputDir);
  Object.assign(process.env, siteEnv(options));
  const previous = process.cwd();
  process.chdir(PROJECT_ROOT);
  try {
    const eleventy = new Eleventy("templates", outputDir, { configPath: "eleventy.config.ts", quietMode: true });
    await eleventy.write();
  } finally {
    process.chdir(previous);
  }
}

/** Serves `outputDir` with Eleventy's dev server, rebuilding on template or article changes. */
export function serveSite(options: SiteBuildOptions, port: number): Promise<number> {
  const cli = path.join(PROJECT_ROOT, "node_modules/@11ty/eleventy/cmd.cjs");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--config=eleventy.config.ts", "--input=templates", `--output=${path.resolve(options.outputDir)}`, "--serve", `--port=${port}`, "--quiet"],
    { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...siteEnv(options) } },
  );
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}
