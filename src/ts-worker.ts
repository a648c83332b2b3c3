/**
 * Worker threads running a TypeScript module. Workers do not inherit the tsx loader the CLI
 * registered, so each starts in `worker-entry.js`, which registers it and then imports the
 * module named in `workerData.module`.
 */
import { Worker } from "node:worker_threads";

/** Starts `module` (a URL of a .ts file) on a new thread; `data` reaches it as `workerData`. */
export function tsWorker(module: URL, data: object = {}): Worker {
  return new Worker(new URL("./worker-entry.js", import.meta.url), { workerData: { ...data, module: module.href } });
}
