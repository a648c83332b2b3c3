/**
 * Which of the last build's page files are gone from the output folder. A rebuild renders
 * those pages again whatever their digests say, so it asks about every page: 24,000 `stat`s
 * at 10,000 articles, 0.1-0.15 s of the main thread, which a rebuild keeps busy from start to
 * end while the other core idles. A large folder is therefore checked on a thread of its own,
 * started before the index is built and done long before the index is.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** Below this many files, a thread costs more to start than the checks take. */
const MIN_FILES_FOR_THREAD = 2000;

/** Plain CommonJS, run with `eval`: the thread needs no TypeScript, so no loader of its own. */
const CHECK = `
const { existsSync } = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
parentPort.postMessage(workerData.files.filter((file) => !existsSync(path.join(workerData.dir, file))));
`;

const checkHere = (dir: string, files: readonly string[]): Set<string> => new Set(files.filter((file) => !existsSync(path.join(dir, file))));

/**
 * The files of `files` (relative to `dir`) that do not exist; on another thread when they are
 * many, here if that thread cannot start or fails.
 */
export function missingFiles(dir: string, files: readonly string[], minForThread = MIN_FILES_FOR_THREAD): Promise<Set<string>> {
  if (files.length < minForThread) return Promise.resolve(checkHere(dir, files));
  return checkOnThread(dir, files).catch(() => checkHere(dir, files));
}

/** `missingFiles` on a thread of its own; rejects if the thread fails. */
export function checkOnThread(dir: string, files: readonly string[]): Promise<Set<string>> {
  return new Promise<Set<string>>((resolve, reject) => {
    const worker = new Worker(CHECK, { eval: true, workerData: { dir, files } });
    worker.once("message", (missing: string[]) => resolve(new Set(missing)));
    worker.once("error", reject);
    // After a message this is a no-op; without one, the thread died before answering.
    worker.once("exit", (code) => reject(new Error(`the file check stopped (exit code ${code})`)));
  });
}
