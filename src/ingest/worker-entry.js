// Worker threads do not inherit the tsx loader that the CLI registered, so each worker
// registers it before loading its TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
