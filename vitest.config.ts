import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests run the real CLI and Eleventy; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
