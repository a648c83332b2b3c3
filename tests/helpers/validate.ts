/**
 * html-validate over every HTML page of a built site, in worker threads over all cores.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ConfigData } from "html-validate";
import { listFiles } from "./site.ts";

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ["html-validate:recommended"],
  rules: {
    // Headlines are as long as their writers made them; the <title> carries the whole headline.
    "long-title": "off",
  },
};

/** Every problem html-validate finds on any HTML page under `dir`, as `file:line:col rule: message`. */
export async function validateSite(dir: string): Promise<{ pages: number; problems: string[] }> {
  const pages = (await listFiles(dir)).filter((f) => f.endsWith(".html"));
  const n = Math.max(1, Math.min(availableParallelism(), Math.ceil(pages.length / 200)));
  const shares = Array.from({ length: n }, (_, i) => pages.filter((_, j) => j % n === i));
  const results = await Promise.all(
    shares.map(
      (files) =>
        new Promise<string[]>((resolve, reject) => {
          const worker = new Worker(new URL("./validate-worker.js", import.meta.url), { workerData: { dir, files } });
          worker.once("message", (problems: string[]) => {
            void worker.terminate();
            resolve(problems);
          });
          worker.once("error", reject);
        }),
    ),
  );
  return { pages: pages.length, problems: results.flat() };
}
