/**
 * Packages loaded when first used rather than when the CLI starts: every build loads all the
 * modules it imports before it reads a seed, and these are wanted now and then (a `yaml` parser
 * for an entities file, `iconv-lite` for a seed that is not UTF-8, `cli-progress` for a bar on
 * a terminal). Loading the CLI's main module took 71-90 ms this way, 98-137 ms at the code
 * before (stop 22's, which imported them; five processes each, alternating). Only CommonJS packages, which `require` loads
 * synchronously on any Node 20.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package `name`, required on the first call. */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
