// Preloaded into the CLI by a test (NODE_OPTIONS=--require): kills the process the moment a
// rename onto a path ending in $NEWS_ARCHIVE_TEST_KILL_AFTER completes, as a power cut would.
// Both renames are watched: fs/promises' (search bundles) and fs's renameSync (pages, state).
const fs = require("node:fs");
const fsp = require("node:fs/promises");
const kill = (to) => {
  if (String(to).endsWith(process.env.NEWS_ARCHIVE_TEST_KILL_AFTER)) process.kill(process.pid, "SIGKILL");
};
const rename = fsp.rename;
fsp.rename = async (from, to) => {
  await rename(from, to);
  kill(to);
};
const renameSync = fs.renameSync;
fs.renameSync = (from, to) => {
  renameSync(from, to);
  kill(to);
};
require("node:module").syncBuiltinESMExports();
