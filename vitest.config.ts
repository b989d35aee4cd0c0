import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Fails a file whose fake Slack refused any Block Kit the app sent (invalid_blocks).
    setupFiles: ["tests/helpers/block-kit-guard.ts"],
    // Two cores: two files at a time keeps Postgres/Redis-heavy files from starving each other.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
