#!/usr/bin/env node
// `npx news-archive` works after `npm ci` with no compile step: the CLI compiles its TypeScript
// on first run into `.cache/code/` (see compiled-code.js) and runs that; should it be unable
// to compile or load it, it runs the sources through tsx, registered here.
import { compiledMain } from "./compiled-code.js";

// Under NEWS_ARCHIVE_DEBUG, errors are printed with their stack: source maps on (before any
// module of ours loads), so that it names the TypeScript files and lines, not the compiled copy's.
// Off otherwise: Node would read every module's map as it loads.
if (process.env.NEWS_ARCHIVE_DEBUG) process.setSourceMapsEnabled(true);

async function loadMain() {
  const compiled = await compiledMain();
  if (compiled) {
    try {
      return (await import(compiled)).main;
    } catch (error) {
      process.stderr.write(`news-archive: could not load the compiled sources (${error instanceof Error ? error.message : String(error)}); running them through tsx\n`);
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../src/cli/main.ts")).main;
}

const main = await loadMain();
await main(process.argv);
