/**
 * Worker threads running a module of ours. In the compiled copy the CLI runs (see
 * `code-location.ts`) a worker starts on the module itself. From the TypeScript sources it
 * starts in `worker-entry.js`: workers do not inherit the tsx loader that the process
 * registered, so that file registers it and then imports the module named in
 * `workerData.module`.
 */
import { Worker } from "node:worker_threads";
import { COMPILED } from "./code-location.ts";

/** Starts `module` (a URL from `moduleBeside`) on a new thread; `data` reaches it as `workerData`. */
export function tsWorker(module: URL, data: object = {}): Worker {
  if (COMPILED) return new Worker(module, { workerData: data });
  return new Worker(new URL("./worker-entry.js", import.meta.url), { workerData: { ...data, module: module.href } });
}

/**
 * How workers started by `pooledWorker` ended before anyone listened: a worker started ahead of
 * its work can fail or exit as it starts (loading a model, say); an error event nobody listens
 * to would crash the process, and an exit nobody saw would leave its pool waiting for it.
 */
const earlyEnds = new WeakMap<Worker, Error>();

/** `tsWorker`, remembering an error or exit before its pool listens (see `endedEarly`); `what` names it in the message. */
export function pooledWorker(module: URL, what: string): Worker {
  const worker = tsWorker(module);
  worker.on("error", (error) => earlyEnds.set(worker, error));
  worker.on("exit", (code) => earlyEnds.set(worker, earlyEnds.get(worker) ?? new Error(`${what} stopped (exit code ${code}) before it was given work`)));
  return worker;
}

/** The error or exit of a `pooledWorker` so far, if it has ended. */
export function endedEarly(worker: Worker): Error | undefined {
  return earlyEnds.get(worker);
}
