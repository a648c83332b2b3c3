// The CLI runs from a compiled copy of its TypeScript, made once per version of the sources.
//
// Through tsx, every module the process loads (ours, Eleventy's, and each worker thread's) is
// resolved and loaded by hooks on a separate loader thread, one round trip at a time: loading
// the CLI took 0.34-0.39 s that way and 0.08-0.14 s compiled, Eleventy 0.36-0.38 s against
// 0.23-0.30 s. A one-seed rebuild pays that in every process and thread it starts.
//
// The copy lies in `.cache/code/<fingerprint>/`, with the sources' layout (`src/`, `templates/`,
// `eleventy.config.js`), each `.ts` file compiled alone by esbuild (the compiler tsx itself
// uses) to a `.js` file, its imports of `./x.ts` rewritten to `./x.js`. The fingerprint hashes
// every file the copy is made from, with this file and the lock file (esbuild's version), so
// an edited source gets a new copy on the next run and a copy is never older than its sources.
// Should compiling fail, the CLI says so and runs the sources through tsx, as before.
// `NEWS_ARCHIVE_TSX=1` runs the sources through tsx without compiling.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** What a copy is made from, relative to the root; the folders' files all count. */
const SOURCES = ["src", "templates", "eleventy.config.ts", "tsconfig.json", "package-lock.json", "bin/compiled-code.js"];
/** Copies unused this long are removed when a new one is made (a running build may still use an older one). */
const STALE_MS = 24 * 3600 * 1000;

/** Files at or below `entry`, relative to `root`, sorted. */
function filesOf(root, entry) {
  const full = path.join(root, entry);
  if (!statSync(full, { throwIfNoEntry: false })?.isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** A hash of every source file's name and bytes, and of the root (written into the copy). */
export function sourcesFingerprint(root = ROOT) {
  const hash = createHash("sha256").update(`${root}\n`);
  for (const file of SOURCES.flatMap((entry) => filesOf(root, entry))) {
    const bytes = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file)) : Buffer.alloc(0);
    hash.update(`${file}\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest("hex").slice(0, 20);
}

/** Compiles the sources of `root` into `dir`, which must not exist yet. */
async function compile(root, dir) {
  const esbuild = await import("esbuild");
  const entryPoints = SOURCES.flatMap((entry) => filesOf(root, entry)).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir: dir,
    outbase: ".",
    // Bundling only to rewrite imports: every import stays an import (see the plugin), so each
    // file compiles to one file of its own, with import.meta.url and module identity as in the sources.
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    // Maps from each compiled file to its source, read only when source maps are on (the CLI
    // turns them on under NEWS_ARCHIVE_DEBUG, see news-archive.js): a stack trace then names
    // the `.ts` file and line. Without the sources' text, which stays in the project.
    sourcemap: "linked",
    sourcesContent: false,
    // Where the project is, for paths to what is not code (see src/code-location.ts).
    define: { __NEWS_ARCHIVE_ROOT__: JSON.stringify(root) },
    plugins: [
      {
        name: "each-file-alone",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            const relative = args.path.startsWith("./") || args.path.startsWith("../");
            return { path: relative && args.path.endsWith(".ts") ? `${args.path.slice(0, -3)}.js` : args.path, external: true };
          });
        },
      },
    ],
  });
  absoluteSources(dir, root);
  // Eleventy reads the site's data beside the templates it runs.
  cpSync(path.join(root, "templates", "_data"), path.join(dir, "templates", "_data"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
  // Packages are found from the copy's own folder up, which is not below the project when
  // `.cache` links elsewhere.
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/**
 * Has each source map in `aside` (the copy being made) name its source by absolute URL. esbuild
 * names it relative to the map, which leads elsewhere once Node has resolved a module to its
 * real path through a linked `.cache`. Each file is compiled alone, so each map has at most one
 * source: the `.ts` file at the same place in the project.
 */
function absoluteSources(aside, root) {
  for (const entry of readdirSync(aside, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js.map")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const map = JSON.parse(readFileSync(file, "utf8"));
    const source = path.join(root, path.relative(aside, file)).replace(/\.js\.map$/, ".ts");
    // (A module of types alone compiles to nothing, mapped from nothing.)
    if (map.sources.length === 0) continue;
    if (map.sources.length !== 1 || !existsSync(source)) throw new Error(`unexpected sources in ${file}: ${map.sources.join(", ")}`);
    map.sources = [pathToFileURL(source).href];
    writeFileSync(file, JSON.stringify(map));
  }
}

/** Removes copies in `copies` other than `keep` last used (or made) over a day ago. */
function pruneCopies(copies, keep) {
  const now = Date.now();
  for (const name of readdirSync(copies)) {
    if (name === keep) continue;
    const full = path.join(copies, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat && now - stat.mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
  }
}

/**
 * The URL of the compiled CLI's main module, compiling the sources first if no copy of this
 * version exists; undefined when the sources are to run through tsx instead.
 */
export async function compiledMain(root = ROOT) {
  if (process.env.NEWS_ARCHIVE_TSX === "1") return undefined;
  try {
    const copies = path.join(root, ".cache", "code");
    const fingerprint = sourcesFingerprint(root);
    const dir = path.join(copies, fingerprint);
    if (!existsSync(dir)) {
      mkdirSync(copies, { recursive: true });
      // Made aside and renamed into place, so that a copy is whole whenever it exists. Two
      // processes compiling at once both finish; the second rename fails and its copy goes.
      const aside = `${dir}.${process.pid}.tmp`;
      rmSync(aside, { recursive: true, force: true });
      await compile(root, aside);
      try {
        renameSync(aside, dir);
      } catch (error) {
        rmSync(aside, { recursive: true, force: true });
        if (!existsSync(dir)) throw error;
      }
      pruneCopies(copies, fingerprint);
    }
    // Marked used now and every hour while this process lives (`build --serve` starts workers
    // from it for as long as it serves), so that no other run prunes it meanwhile.
    const markUsed = () => {
      const now = new Date();
      try {
        utimesSync(dir, now, now);
      } catch {
        // A copy that cannot be marked is only pruned sooner.
      }
    };
    markUsed();
    setInterval(markUsed, 3600 * 1000).unref();
    return pathToFileURL(path.join(dir, "src", "cli", "main.js")).href;
  } catch (error) {
    process.stderr.write(`news-archive: could not compile the sources (${error instanceof Error ? error.message : String(error)}); running them through tsx\n`);
    return undefined;
  }
}
