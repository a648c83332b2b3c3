// Preloaded into the CLI by a test (NODE_OPTIONS=--require): kills the process the moment a
// rename onto a path ending in $NEWS_ARCHIVE_TEST_KILL_AFTER completes, as a power cut would.
const fsp = require("node:fs/promises");
const rename = fsp.rename;
fsp.rename = async (from, to) => {
  await rename(from, to);
  if (String(to).endsWith(process.env.NEWS_ARCHIVE_TEST_KILL_AFTER)) process.kill(process.pid, "SIGKILL");
};
require("node:module").syncBuiltinESMExports();
