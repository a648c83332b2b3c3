/**
 * The progress bar: drawn on a terminal for a long run (its package loaded only then), nothing
 * anywhere else.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.ts";

/** A stream that says it is a terminal, keeping what is written to it. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const chunks: string[] = [];
  const stream = Object.assign(new PassThrough(), {
    isTTY,
    columns: 100,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  }) as unknown as NodeJS.WriteStream;
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, written: () => chunks.join("") };
}

describe("the progress bar", () => {
  it("is drawn on a terminal for a long run", async () => {
    const { stream, written } = terminal(true);
    const progress = progressReporter("ingest", stream);
    progress.update(100, 400);
    progress.update(400, 400);
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written()).toContain("ingest [");
  });

  it("is not drawn in a pipe, nor for a short run", async () => {
    for (const [isTTY, total] of [[false, 400], [true, 50]] as const) {
      const { stream, written } = terminal(isTTY);
      const progress = progressReporter("ingest", stream);
      progress.update(total, total);
      progress.stop();
      await new Promise((resolve) => setImmediate(resolve));
      expect(written()).toBe("");
    }
  });
});
