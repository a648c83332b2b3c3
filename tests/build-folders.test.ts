import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultArticlesDir } from "../src/build-folders.ts";
import { PROJECT_ROOT } from "../src/code-location.ts";

describe("defaultArticlesDir", () => {
  it("keeps each output folder's articles apart, under the project, by a readable name", () => {
    const [nested, flat] = [defaultArticlesDir("/tmp/k/y"), defaultArticlesDir("/tmp/k_y")];
    expect(nested).not.toBe(flat);
    expect(nested).toMatch(new RegExp(`^${path.join(PROJECT_ROOT, ".cache", "build")}/tmp_k_y-[0-9a-f]{8}/articles$`));
    expect(defaultArticlesDir("/tmp/k/y/")).toBe(nested);
    expect(defaultArticlesDir(path.relative(process.cwd(), "/tmp/k/y"))).toBe(nested);
  });
});
