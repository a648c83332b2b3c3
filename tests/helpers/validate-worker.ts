// Validates a share of a site's HTML files in a worker thread (html-validate is CPU-bound).
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { HTML_VALIDATE_CONFIG } from "./validate.ts";

const { dir, files } = workerData as { dir: string; files: string[] };
const validator = new HtmlValidate(new StaticConfigLoader(HTML_VALIDATE_CONFIG));
const problems: string[] = [];
for (const file of files) {
  const report = await validator.validateString(readFileSync(`${dir}/${file}`, "utf8"), file);
  for (const result of report.results) for (const m of result.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}
parentPort?.postMessage(problems);
