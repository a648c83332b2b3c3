/**
 * Renders a rebuild's few pages through the templates themselves, without an Eleventy run.
 *
 * Every template here is a pagination over one array of the build's data, one item a page, a
 * permalink and a pure `render` (see `templates/`): Eleventy's part in rendering them is to walk
 * the arrays, call the two functions and write the files. For the few dozen pages a one-seed
 * rebuild renders, that part cost more than the pages: importing Eleventy took 0.24-0.27 s, and
 * each run's set-up (its config, finding and importing the templates, the data cascade) about
 * 0.2 s more, of a rebuild of 2.5-3 s at 10,000 articles. A first build, and a rebuild with more
 * pages than one batch (`directPages` in `render-plan.ts`), still runs Eleventy, as `--serve` does.
 *
 * What is rendered is the same either way, byte for byte (`tests/site/direct-render.test.ts`
 * renders a whole site both ways): the same templates get the same data, and the files go
 * through the same `writePage` as Eleventy's writes (`output-writes.ts`), which counts them. A template that
 * asks Eleventy for more than this walks (a layout, a permalink that is not a function or a
 * string, pages of several items, data outside `build`) is refused by `templateOf`, and the
 * build renders through Eleventy instead.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import { CODE_DIR, COMPILED, PROJECT_ROOT } from "../code-location.ts";
import { writeIfChanged } from "../ingest/files.ts";
import { writePage } from "./output-writes.ts";
import { outputFileOf } from "./page-table.ts";
import { ASSETS, type BuildData } from "./plugin.ts";

/** What a template receives: the build's data, and its page's item under the pagination's alias. */
type PageData = { build: BuildData } & Record<string, unknown>;

/** A template as this renderer takes it: one page per item of `build.<path>`. */
export interface DirectTemplate {
  /** The template's file, relative to the templates folder (for errors). */
  file: string;
  /** The path to its items below `build` (`todo.articles`). */
  items: readonly string[];
  alias: string;
  permalink: (data: PageData) => string;
  render: (data: PageData) => string;
}

/** The keys of a template's `data` this renderer knows. `eleventyExcludeFromCollections` changes no output: the site uses no collections. */
const DATA_KEYS = new Set(["pagination", "permalink", "eleventyExcludeFromCollections"]);
const PAGINATION_KEYS = new Set(["data", "size", "alias"]);
const EXPORTS = new Set(["data", "render"]);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The template `file` exports, as this renderer takes it; or why it cannot take it (then the
 * build renders through Eleventy).
 */
export function templateOf(file: string, module: Record<string, unknown>): DirectTemplate | string {
  const { data, render } = module;
  const extra = Object.keys(module).filter((key) => !EXPORTS.has(key));
  if (extra.length) return `${file} exports ${extra.join(", ")}`;
  if (typeof render !== "function") return `${file} has no render function`;
  if (!isRecord(data)) return `${file} has no data object`;
  const unknown = Object.keys(data).filter((key) => !DATA_KEYS.has(key));
  if (unknown.length) return `${file} sets ${unknown.join(", ")}`;
  const { pagination, permalink } = data;
  if (!isRecord(pagination) || Object.keys(pagination).some((key) => !PAGINATION_KEYS.has(key))) return `${file} is not paginated as { data, size, alias }`;
  if (pagination.size !== 1) return `${file} has pages of ${String(pagination.size)} items`;
  if (typeof pagination.alias !== "string" || !pagination.alias) return `${file} names no alias for its items`;
  const source = typeof pagination.data === "string" ? pagination.data.split(".") : [];
  if (source[0] !== "build" || source.length < 2) return `${file} paginates over something other than the build's data`;
  const link = typeof permalink === "string" ? () => permalink : typeof permalink === "function" ? (permalink as DirectTemplate["permalink"]) : undefined;
  if (!link) return `${file} has no permalink`;
  return { file, items: source.slice(1), alias: pagination.alias, permalink: link, render: render as DirectTemplate["render"] };
}

/** The templates Eleventy would find in the running code's templates folder: every `.11ty.js` (`.11ty.ts` from the sources) outside `_data` and `_includes`. */
async function templateFiles(dir: string): Promise<string[]> {
  const extension = COMPILED ? ".11ty.js" : ".11ty.ts";
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .filter((file) => !/^_(data|includes)\//.test(file))
    .sort();
}

let loaded: Promise<DirectTemplate[] | undefined> | undefined;

/** The site's templates, loaded once per process; undefined (with a warning under `NEWS_ARCHIVE_DEBUG`) when one of them needs Eleventy. */
export function directTemplates(): Promise<DirectTemplate[] | undefined> {
  loaded ??= (async () => {
    const dir = path.join(PROJECT_ROOT, CODE_DIR, "templates");
    const templates: DirectTemplate[] = [];
    for (const file of await templateFiles(dir)) {
      const template = templateOf(file, (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>);
      if (typeof template === "string") {
        if (process.env.NEWS_ARCHIVE_DEBUG) console.error(`rendering through Eleventy: ${template}`);
        return undefined;
      }
      templates.push(template);
    }
    return templates;
  })();
  return loaded;
}

/** The items at `keys` below `build`; an error naming the template when they are not an array. */
function itemsOf(build: BuildData, template: DirectTemplate): readonly unknown[] {
  let value: unknown = build;
  for (const key of template.items) value = isRecord(value) ? value[key] : undefined;
  if (!Array.isArray(value)) throw new Error(`${template.file}: build.${template.items.join(".")} is not a list of pages`);
  return value;
}

/**
 * Renders every page `build` gives the templates (its `todo`, and the one-off pages when it has
 * them) into `outputDir`, and copies the stylesheet and script as Eleventy's run does; returns
 * the output files rendered, relative to `outputDir` (`takeWrittenCount` tells how many changed).
 */
export async function renderDirect(templates: readonly DirectTemplate[], build: BuildData, outputDir: string): Promise<string[]> {
  const rendered: string[] = [];
  const seen = new Map<string, string>();
  for (const template of templates) {
    for (const item of itemsOf(build, template)) {
      const data: PageData = { build, [template.alias]: item };
      const file = outputFileOf(template.permalink(data));
      // Eleventy refuses two pages writing one file; so does this.
      const other = seen.get(file);
      if (other !== undefined) throw new Error(`${template.file} and ${other} both write ${file}`);
      seen.set(file, template.file);
      writePage(path.join(outputDir, file), template.render(data));
      rendered.push(file);
    }
  }
  // By the main thread only, as in `eleventy.config.ts`: two threads must not write one file at once.
  if (isMainThread) await copyAssets(outputDir);
  return rendered;
}

/** `ASSETS`, Eleventy's passthrough copy, each file written only when its bytes differ (and, as Eleventy's copies are, not counted as a page). */
async function copyAssets(outputDir: string): Promise<void> {
  for (const [source, target] of Object.entries(ASSETS)) {
    const from = path.join(PROJECT_ROOT, source);
    for (const e of await readdir(from, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const file = path.join(e.parentPath, e.name);
      writeIfChanged(path.join(outputDir, target, path.relative(from, file)), await readFile(file));
    }
  }
}
