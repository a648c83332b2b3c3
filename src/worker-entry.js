// The first module of every worker thread (see ts-worker.ts): workers do not inherit the tsx
// loader that the CLI registered, so this registers it before loading the thread's TypeScript
// module (`workerData.module`, a file URL).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.module);
