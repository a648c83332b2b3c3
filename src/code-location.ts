/**
 * Where the running code lives: the TypeScript sources (run through vitest or tsx), or the
 * compiled copy the CLI runs from (`<root>/.cache/code/<fingerprint>/`, made by
 * `bin/compiled-code.js`), which has the same layout with `.js` for `.ts`. Paths to anything that is not code (the model, caches,
 * `templates/_data`) are taken from the project root, never from a module's own location.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, written into the compiled copy as it is made (esbuild's `define`); absent from the sources. */
declare const __NEWS_ARCHIVE_ROOT__: string | undefined;

/** True in the compiled copy. */
export const COMPILED = typeof __NEWS_ARCHIVE_ROOT__ === "string";

/** The folder the running code's tree starts at: the project root, or the compiled copy. */
const CODE_ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * The project: its `package.json`, `models/`, `templates/`, `.cache/`. In the copy, not counted
 * from the copy's place, which is elsewhere when `.cache` is a link.
 */
export const PROJECT_ROOT = typeof __NEWS_ARCHIVE_ROOT__ === "string" ? __NEWS_ARCHIVE_ROOT__ : CODE_ROOT;

/** The running code's tree relative to the project root: "" for the sources, `.cache/code/<fingerprint>` for the copy. */
export const CODE_DIR = path.relative(PROJECT_ROOT, CODE_ROOT).split(path.sep).join("/");

/** A module of ours named without its extension, beside `base` (an `import.meta.url`): `.ts` or `.js` as this code runs. */
export function moduleBeside(name: string, base: string): URL {
  return new URL(`${name}${COMPILED ? ".js" : ".ts"}`, base);
}
