import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Golden runs of the dynamic models take a few seconds on a 2-core machine.
    testTimeout: 60_000,
  },
});
