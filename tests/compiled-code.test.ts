/**
 * The compiled copy the CLI runs (`bin/compiled-code.js`), made for a small project of its own:
 * its modules import each other as `.ts` and still load, a changed source gets a new copy, and
 * sources that do not compile leave the CLI to run them through tsx, saying so.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { compiledMain, sourcesFingerprint } from "../bin/compiled-code.js";

let root: string;

async function put(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "news-archive-compiled-"));
  await put(
    "src/cli/main.ts",
    [
      'import { twice } from "../maths.ts";',
      'import type { Unused } from "../types.ts";',
      'import { greeting } from "a-package";',
      "declare const __NEWS_ARCHIVE_ROOT__: string;",
      "export const main = (n: number): number => twice(n);",
      "export const here: string = import.meta.url;",
      "export const root: string = __NEWS_ARCHIVE_ROOT__;",
      "export const hello: string = greeting;",
      "",
    ].join("\n"),
  );
  await put("node_modules/a-package/package.json", '{ "name": "a-package", "type": "module", "exports": "./index.js" }\n');
  await put("node_modules/a-package/index.js", 'export const greeting = "hello";\n');
  await put("src/maths.ts", "export function twice(n: number): number {\n  return 2 * n;\n}\n");
  await put("src/types.ts", "export interface Unused { a: number }\n");
  await put("templates/page.11ty.ts", 'import { twice } from "../src/maths.ts";\nexport const render = (): string => String(twice(21));\n');
  await put("templates/_data/site.json", '{ "title": "t" }\n');
  await put("eleventy.config.ts", "export default function (): void {}\n");
  await put("package-lock.json", "{}\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("the compiled copy", () => {
  it("is made once per version of the sources, with the sources' layout, and runs", async () => {
    const url = await compiledMain(root);
    expect(url).toBeDefined();
    const copy = path.join(root, ".cache", "code", sourcesFingerprint(root));
    expect(fileURLToPath(url ?? "")).toBe(path.join(copy, "src", "cli", "main.js"));
    for (const file of ["src/maths.js", "templates/page.11ty.js", "templates/_data/site.json", "eleventy.config.js", "package.json"]) expect(existsSync(path.join(copy, file)), file).toBe(true);
    // Imports of `.ts` modules now name the `.js` ones; type-only imports are gone.
    const main = await readFile(path.join(copy, "src/cli/main.js"), "utf8");
    expect(main).toContain('from "../maths.js"');
    expect(main).not.toContain("types");
    const loaded = (await import(url ?? "")) as { main: (n: number) => number; here: string; root: string; hello: string };
    expect(loaded.main(4)).toBe(8);
    expect(loaded.here).toBe(url);
    // The project's root is written in; its packages are found from the copy.
    expect(loaded.root).toBe(root);
    expect(loaded.hello).toBe("hello");
    // Asked again, the same copy.
    expect(await compiledMain(root)).toBe(url);
    expect(await readdir(path.join(root, ".cache", "code"))).toEqual([sourcesFingerprint(root)]);
  });

  it("is made again when a source changes, and the old copy stays for processes still using it", async () => {
    const before = await compiledMain(root);
    await put("src/maths.ts", "export function twice(n: number): number {\n  return n + n + 1;\n}\n");
    const after = await compiledMain(root);
    expect(after).not.toBe(before);
    expect(((await import(after ?? "")) as { main: (n: number) => number }).main(4)).toBe(9);
    expect((await readdir(path.join(root, ".cache", "code"))).sort()).toHaveLength(2);
  });

  it("runs when .cache is a link to a folder elsewhere", async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), "news-archive-cache-"));
    await rm(path.join(root, ".cache"), { recursive: true, force: true });
    await symlink(elsewhere, path.join(root, ".cache"), "dir");
    try {
      const url = await compiledMain(root);
      expect(fileURLToPath(url ?? "")).toContain(path.join(".cache", "code"));
      // Loaded by Node itself, as the CLI is (vitest's loader finds packages its own way).
      const script = `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify({ root: m.root, hello: m.hello }));`;
      const loaded = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as { root: string; hello: string };
      expect(loaded.root).toBe(root);
      expect(loaded.hello).toBe("hello");
    } finally {
      await rm(path.join(root, ".cache"), { force: true });
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it("is not made when NEWS_ARCHIVE_TSX=1 asks for the sources", async () => {
    vi.stubEnv("NEWS_ARCHIVE_TSX", "1");
    expect(await compiledMain(root)).toBeUndefined();
  });

  it("is not made from sources that do not compile: the CLI says so and runs them through tsx", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await put("src/broken.ts", "export const = ;\n");
    expect(await compiledMain(root)).toBeUndefined();
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/could not compile the sources .*running them through tsx/s);
    // Nothing half made is left for a later run to trust.
    expect((await readdir(path.join(root, ".cache", "code"))).filter((name) => name.includes(sourcesFingerprint(root)))).toEqual([]);
    await rm(path.join(root, "src/broken.ts"));
  });

  it("maps each compiled file to its source by absolute path, which stack traces name once source maps are on", async () => {
    await put("src/fail.ts", 'interface Unused {\n  a: number;\n}\nexport function fail(): never {\n  throw new Error("boom");\n}\n');
    const url = await compiledMain(root);
    const copy = path.join(root, ".cache", "code", sourcesFingerprint(root));
    const map = JSON.parse(await readFile(path.join(copy, "src/fail.js.map"), "utf8")) as { sources: string[] };
    expect(map.sources).toEqual([pathToFileURL(path.join(root, "src/fail.ts")).href]);
    expect(url).toBeDefined();
    // Loaded by Node itself, as the CLI is, with maps on and off.
    const script = `try { (await import(${JSON.stringify(pathToFileURL(path.join(copy, "src/fail.js")).href)})).fail(); } catch (e) { console.log(e.stack); }`;
    const stack = (flags: string[]): string => execFileSync(process.execPath, [...flags, "--input-type=module", "-e", script], { encoding: "utf8" });
    // The throw is on line 5 of the source (the interface before it compiles to nothing).
    expect(stack(["--enable-source-maps"])).toContain(`.fail (${path.join(root, "src/fail.ts")}:5:`);
    expect(stack([])).toContain(`.fail (${pathToFileURL(path.join(copy, "src/fail.js")).href}:`);
    await rm(path.join(root, "src/fail.ts"));
  });
});
