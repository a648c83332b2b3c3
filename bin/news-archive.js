#!/usr/bin/env node
// The CLI is TypeScript run through tsx, registered here so `npx news-archive` works after `npm ci`
// with no compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
