// Worker threads do not inherit the tsx loader that the CLI registered, so each worker
// registers it before loading its TypeScript module (`workerData.module`, a file URL).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.module);
