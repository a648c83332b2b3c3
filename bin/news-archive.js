#!/usr/bin/env node
// `npx news-archive` works after `npm ci` with no compile step: the CLI compiles its TypeScript
// on first run into `.cache/code/` (see compiled-code.js) and runs that; should it be unable
// to, it runs the sources through tsx, registered here.
import { compiledMain } from "./compiled-code.js";

const compiled = await compiledMain();
if (!compiled) {
  const { register } = await import("tsx/esm/api");
  register();
}
const { main } = await import(compiled ?? "../src/cli/main.ts");
await main(process.argv);
