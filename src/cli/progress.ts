/**
 * A progress bar on a terminal for long runs, nothing at all otherwise (CI logs and pipes get
 * only the summary line).
 */
import type { SingleBar } from "cli-progress";
import { lazyPackage } from "../lazy-package.ts";

const cliProgress = lazyPackage<typeof import("cli-progress")>("cli-progress");

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** Runs shorter than this many steps finish before a bar would help. */
const MIN_STEPS = 200;

export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar && total >= MIN_STEPS) {
        bar = new (cliProgress().SingleBar)(
          { format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted} left`, stream, hideCursor: true, clearOnComplete: true },
          cliProgress().Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
